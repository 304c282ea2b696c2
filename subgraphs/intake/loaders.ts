import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { badUserInput, forbidden } from '../../shared/errors.js';
import type { SubgraphContext } from '../../shared/graphql/subgraph-server.js';
import { loaderOfOne } from '../../shared/graphql/loaders.js';
import { LeadRow } from './entities/index.js';
import type { LeadStatus } from './entities/index.js';
import { replayRouting, type ReplayDecision } from './routing/replay.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface LeadPage {
  edges: Array<{ cursor: string; node: LeadRow }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A cursor is the received time and id of the last lead of a page (newest first, ties by id). */
const encodeCursor = (lead: LeadRow) => Buffer.from(`lead:${lead.receivedAt.toISOString()}|${lead.id}`).toString('base64url');

function decodeCursor(after: string): { at: Date; id: string } {
  const match = /^lead:([0-9T:.\-Z]+)\|([0-9a-f-]{36})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  const at = match?.[1] ? new Date(match[1]) : null;
  if (!match?.[2] || !at || Number.isNaN(at.getTime())) throw badUserInput('"after" is not a cursor this API gave out: pass pageInfo.endCursor of the previous page.', 'after');
  return { at, id: match[2] };
}

function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badUserInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
  return first;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads of the leads, for staff. The SDL's @hasRole lets only staff and admins ask; this checks again. */
export function createIntakeLoaders(dataSource: DataSource, principal: Principal) {
  const staffOnly = () => {
    if (principal.role === 'CLIENT') throw forbidden('Only the firm\'s staff can read leads.');
  };
  const repo = dataSource.getRepository(LeadRow);
  const byId = loaderOfOne((ids) => repo.createQueryBuilder('l').where('l.id = ANY(:ids)', { ids: ids.filter((id) => UUID.test(id)) }).getMany(), (lead) => lead.id);
  return {
    async lead(id: string): Promise<LeadRow | null> {
      staffOnly();
      return UUID.test(id) ? byId.load(id) : null;
    },
    async page(args: { status?: LeadStatus | null; first?: number | null; after?: string | null }): Promise<LeadPage> {
      staffOnly();
      const size = pageSize(args.first);
      const query = repo.createQueryBuilder('l');
      if (args.status) query.andWhere('l.status = :status', { status: args.status });
      if (args.after) {
        const { at, id } = decodeCursor(args.after);
        query.andWhere('(l.receivedAt, l.id) < (:at, :id)', { at, id });
      }
      const rows = await query.orderBy('l.receivedAt', 'DESC').addOrderBy('l.id', 'DESC').limit(size + 1).getMany();
      const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node), node }));
      return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
    },
    async replay(since: Date): Promise<ReplayDecision[]> {
      staffOnly();
      return replayRouting(dataSource, since);
    },
  };
}

export type IntakeLoaders = ReturnType<typeof createIntakeLoaders>;
export type IntakeContext = SubgraphContext<IntakeLoaders>;
