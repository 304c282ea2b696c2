import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../shared/auth/principal.js';
import { AUDIT_KINDS, AUDIT_OUTCOMES, AuditEntryRow } from '../../shared/audit/AuditEntry.js';
import { CasebridgeError, ErrorCode, forbidden } from '../../shared/errors.js';
import type { SubgraphContext } from '../../shared/graphql/subgraph-server.js';

/**
 * BAD_USER_INPUT without an HTTP status: the gateway treats a non-2xx subgraph answer as a failed
 * fetch and would hide the message behind INTERNAL_SERVER_ERROR.
 */
const inputError = (message: string, extensions: Record<string, unknown> = {}) =>
  new CasebridgeError(ErrorCode.BAD_USER_INPUT, message, extensions, { fieldOnly: true });

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const isoTimestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const auditLogFilterSchema = z.object({
  accountId: z.string().min(1).nullish(),
  email: z.string().trim().min(1).nullish(),
  kind: z.enum(AUDIT_KINDS).nullish(),
  outcome: z.enum(AUDIT_OUTCOMES).nullish(),
  operationName: z.string().min(1).nullish(),
  from: isoTimestamp.nullish(),
  to: isoTimestamp.nullish(),
}).strict();
export type AuditLogFilter = z.input<typeof auditLogFilterSchema>;

export interface AuditLogArgs {
  filter?: AuditLogFilter | null;
  first?: number | null;
  after?: string | null;
}

export interface AuditPage {
  edges: Array<{ cursor: string; node: AuditEntryRow }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A cursor is the id of the last entry of a page: ids only grow, so paging is stable while the log grows. */
export const encodeCursor = (id: string) => Buffer.from(`audit:${id}`).toString('base64url');

export function decodeCursor(after: string): string {
  const match = /^audit:([1-9][0-9]{0,18})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match?.[1]) throw inputError('"after" is not a cursor this API gave out: pass pageInfo.endCursor of the previous page.', { argumentName: 'after' });
  return match[1];
}

function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw inputError(`"first" must be between 1 and ${MAX_PAGE_SIZE}.`, { argumentName: 'first' });
  }
  return first;
}

function parseFilter(filter: AuditLogFilter | null | undefined) {
  const parsed = auditLogFilterSchema.safeParse(filter ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw inputError(`filter.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'} (timestamps are ISO 8601 with a zone, e.g. 2026-01-31T09:00:00Z).`, { argumentName: 'filter' });
  }
  return parsed.data;
}

/** Reads of the audit log. The schema's @hasRole lets only admins ask; this checks again, so no other path can. */
export function createAuditLoaders(dataSource: DataSource, principal: Principal) {
  return {
    async page(args: AuditLogArgs): Promise<AuditPage> {
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
