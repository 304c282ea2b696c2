import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import type { AccessOracle } from '../../shared/graphql/authorization/index.js';
import { loaderOfOne } from '../../shared/graphql/loaders.js';
import { ClientRow, MatterRow, StaffRow } from './entities/index.js';
import { scopeClients, scopeMatters } from './access.js';

/**
 * What the matters context answers for other contexts and processes, so nobody reads its
 * tables directly (see docs/architecture.md, "The walls").
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

/** A client-facing matter update as other contexts (notifications, live subscriptions) know it. */
export interface PublishedMatterUpdate {
  id: string;
  matterId: string;
  matterNumber: string;
  matterTitle: string;
  clientId: string;
  at: Date;
  title: string;
  body: string;
  /** The title and body in Spanish ({"es": {…}}), when the rule that wrote it has Spanish words. */
  translations: Record<string, { title: string; body: string }>;
  /** DOCUMENT, HEARING, DEADLINE, INVOICE, STAGE or MATTER: for grouping in a digest. */
  category: string;
  urgent: boolean;
  /** False for history from the first import: never to be sent. */
  announce: boolean;
  /** The earlier update this one makes obsolete (a cancellation supersedes the announcement). */
  supersedesId: string | null;
  withdrawnAt: Date | null;
}

/**
 * The matter updates with these ids (as update.published / update.withdrawn events name them), in
 * one statement; runs inside the caller's transaction when given its manager.
 */
export async function findMatterUpdates(db: Pick<DataSource, 'query'>, ids: readonly string[]): Promise<PublishedMatterUpdate[]> {
  if (ids.length === 0) return [];
  const rows: Array<{
    id: string; matter_id: string; number: string; matter_title: string; client_id: string; at: Date; title: string; body: string;
    translations: Record<string, { title: string; body: string }> | null; category: string; urgent: boolean; announce: boolean; supersedes_id: string | null; withdrawn_at: Date | null;
  }> = await db.query(
    `SELECT u.id, u.matter_id, m.number, m.title AS matter_title, u.client_id, u.at, u.title, u.body, u.translations, u.category, u.urgent,
            u.announce, u.supersedes_id, u.withdrawn_at
       FROM matters.matter_updates u JOIN matters.matters m ON m.id = u.matter_id
      WHERE u.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map((r) => ({
    id: r.id, matterId: r.matter_id, matterNumber: r.number, matterTitle: r.matter_title, clientId: r.client_id, at: new Date(r.at), title: r.title, body: r.body,
    translations: r.translations ?? {}, category: r.category, urgent: r.urgent, announce: r.announce, supersedesId: r.supersedes_id, withdrawnAt: r.withdrawn_at === null ? null : new Date(r.withdrawn_at),
  }));
}

/** Where to write to each of these clients: name and email (null when the CMS has none). */
export async function clientContacts(db: Pick<DataSource, 'query'>, ids: readonly string[]): Promise<Array<{ id: string; name: string; email: string | null }>> {
  if (ids.length === 0) return [];
  return db.query(`SELECT id, name, email FROM matters.clients WHERE id = ANY($1::text[])`, [ids]);
}
