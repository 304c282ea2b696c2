import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../shared/auth/principal.js';
import { AuditEntryRow } from '../../shared/audit/AuditEntry.js';
import { badUserInput, forbidden } from '../../shared/errors.js';
import type { SubgraphContext } from '../../shared/graphql/subgraph-server.js';
import { AuditKind, AuditOutcome, type QueryAuditLogArgs } from './generated/resolvers.js';


export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const auditLogFilterSchema = z.object({
  accountId: z.string().min(1).nullish(),
  email: z.string().trim().min(1).nullish(),
  kind: z.enum(AuditKind).nullish(),
  outcome: z.enum(AuditOutcome).nullish(),
  operationName: z.string().min(1).nullish(),
  // The DateTime scalar has checked them (ISO 8601 with an offset) and made them Dates.
  from: z.date().nullish(),
  to: z.date().nullish(),
}).strict();

export interface AuditPage {
  edges: Array<{ cursor: string; node: AuditEntryRow }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A cursor is the id of the last entry of a page: ids only grow, so paging is stable while the log grows. */
export const encodeCursor = (id: string) => Buffer.from(`audit:${id}`).toString('base64url');

export function decodeCursor(after: string): string {
  const match = /^audit:([1-9][0-9]{0,18})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match?.[1]) throw badUserInput('"after" is not a cursor this API gave out: pass pageInfo.endCursor of the previous page.', 'after');
  return match[1];
}

function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return first;
}

function parseFilter(filter: QueryAuditLogArgs['filter']) {
  const parsed = auditLogFilterSchema.safeParse(filter ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badUserInput(`filter.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`, 'filter', issue?.path.join('.'));
  }
  return parsed.data;
}

/** Reads of the audit log. The schema's @hasRole lets only admins ask; this checks again, so no other path can. */
export function createAuditLoaders(dataSource: DataSource, principal: Principal) {
  return {
    async page(args: QueryAuditLogArgs): Promise<AuditPage> {
      if (principal.role !== 'ADMIN') throw forbidden('Only admins can read the audit log.');
      const size = pageSize(args.first);
      const filter = parseFilter(args.filter);
      const query = dataSource.getRepository(AuditEntryRow).createQueryBuilder('a');
      if (filter.accountId) query.andWhere('a.accountId = :accountId', { accountId: filter.accountId });
      if (filter.email) query.andWhere('lower(a.email) = lower(:email)', { email: filter.email });
      if (filter.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
      if (filter.outcome) query.andWhere('a.outcome = :outcome', { outcome: filter.outcome });
      if (filter.operationName) query.andWhere('a.operationName = :operationName', { operationName: filter.operationName });
      if (filter.from) query.andWhere('a.at >= :from', { from: filter.from });
      if (filter.to) query.andWhere('a.at < :to', { to: filter.to });
      if (args.after) query.andWhere('a.id < :after', { after: decodeCursor(args.after) });
      const rows = await query.orderBy('a.id', 'DESC').limit(size + 1).getMany();
      const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node.id), node }));
      return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  };
}

export type AuditLoaders = ReturnType<typeof createAuditLoaders>;
export type AuditContext = SubgraphContext<AuditLoaders>;
