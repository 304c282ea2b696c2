import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import type { AccessOracle } from '../../shared/graphql/authorization/index.js';
import { loaderOfOne } from '../../shared/graphql/loaders.js';
import { ClientRow, MatterRow, StaffRow } from './entities/index.js';
import { scopeClients, scopeMatters } from './access.js';

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

/** A matter as other contexts know it: enough to key their own rows. */
export interface MatterKey {
  id: string;
  number: string;
  clientId: string;
}

/**
 * The matters among `values` (CMS ids or display numbers) that the principal may see, in one
 * statement: other contexts check access to what hangs off a matter with this, never by reading
 * the matters tables.
 */
export async function findVisibleMatters(
  dataSource: DataSource, principal: Principal, by: 'id' | 'number', values: readonly string[],
): Promise<MatterKey[]> {
  const rows = await scopeMatters(dataSource.getRepository(MatterRow).createQueryBuilder('m'), principal, 'm')
    .select(['m.id', 'm.number', 'm.clientId'])
    .andWhere(`m.${by} = ANY(:values)`, { values })
    .getMany();
  return rows.map(({ id, number, clientId }) => ({ id, number, clientId }));
}

/** The client ids among `ids` that the principal may see, in one statement. */
export async function findVisibleClientIds(dataSource: DataSource, principal: Principal, ids: readonly string[]): Promise<string[]> {
  const rows = await scopeClients(dataSource.getRepository(ClientRow).createQueryBuilder('c'), principal, 'c')
    .select(['c.id'])
    .andWhere('c.id = ANY(:ids)', { ids })
    .getMany();
  return rows.map((c) => c.id);
}

/**
 * One request's view of what its principal may see, for other contexts: batched loaders (one
 * statement per kind and tick, cached for the request) that their row scoping uses, and the
 * same answers as the oracle their SDL's @matterAccess / @clientAccess are checked against.
 */
export interface Visibility extends AccessOracle {
  matterById: DataLoader<string, MatterKey | null>;
  matterByNumber: DataLoader<string, MatterKey | null>;
  clientId: DataLoader<string, string | null>;
}

export function createVisibility(dataSource: DataSource, principal: Principal): Visibility {
  const matterById = loaderOfOne((ids) => findVisibleMatters(dataSource, principal, 'id', ids), (m) => m.id);
  const matterByNumber = loaderOfOne((numbers) => findVisibleMatters(dataSource, principal, 'number', numbers), (m) => m.number);
  const clientId = loaderOfOne((ids) => findVisibleClientIds(dataSource, principal, ids), (id) => id);
  return {
    matterById,
    matterByNumber,
    clientId,
    mayReadMatter: async (ref) => ('id' in ref ? await matterById.load(ref.id) : await matterByNumber.load(ref.number)) !== null,
    mayReadClient: async (id) => (await clientId.load(id)) !== null,
  };
}
