import type { DataSource } from 'typeorm';
import { ClientRow, StaffRow } from './entities/index.js';

/**
 * What the matters context answers for other contexts and processes, so nobody reads its
 * tables directly (see DESIGN.md, "Decide").
 */
export type Party = { kind: 'client'; id: string; name: string } | { kind: 'staff'; id: string; name: string };

/** The client or staff member the CMS knows by this email (case-insensitive), if any. */
export async function findPartyByEmail(dataSource: DataSource, email: string): Promise<Party | null> {
  const normalized = email.trim().toLowerCase();
  const staff = await dataSource.getRepository(StaffRow)
    .createQueryBuilder('s').where('lower(s.email) = :email', { email: normalized }).getOne();
  if (staff) return { kind: 'staff', id: staff.id, name: staff.name };
  const client = await dataSource.getRepository(ClientRow)
    .createQueryBuilder('c').where('lower(c.email) = :email', { email: normalized }).getOne();
  return client ? { kind: 'client', id: client.id, name: client.name } : null;
}
