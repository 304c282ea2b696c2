import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { badUserInput, forbidden } from '../../shared/errors.js';
import { syncedResources } from './sync/resources.js';
import { CircuitState } from './generated/resolvers.js';
import { connectionHealth } from './connections/health.js';
import { estimatedSecondsLeft } from '../../shared/observability/progress.js';


const MAX_PAGE = 100;
const lag = (d: Date | null | undefined, now: number) => (d ? Math.max(0, Math.round((now - d.getTime()) / 1000)) : null);

interface CursorRow {
  system: string; resource: string; updated_since: Date | null; imported_at: Date | null; last_success_at: Date | null; last_error: string | null; last_error_at: Date | null; records_synced: string; quarantined: number;
  progress_started_at: Date | null; progress_finished_at: Date | null; progress_records_done: number; progress_pages_done: number; progress_records_total: number | null; progress_rate_limit_wait_ms: string;
}

/** A cursor row's first-import progress, as syncHealth reports it (null before the import started). */
function progressOf(c: CursorRow, now: number) {
  if (!c.progress_started_at) return null;
  const progress = {
    system: c.system, resource: c.resource, recordsDone: c.progress_records_done, pagesDone: c.progress_pages_done, recordsTotal: c.progress_records_total,
    rateLimitWaitMs: Number(c.progress_rate_limit_wait_ms), startedAt: c.progress_started_at, finishedAt: c.progress_finished_at,
  };
  return { ...progress, estimatedSecondsLeft: estimatedSecondsLeft(progress, new Date(now)) };
}
interface SystemRow { system: string; circuit_state: CircuitState; circuit_changed_at: Date; last_failure: string | null; api_version: string | null }
interface HookRow { system: string; model: string | null; status: string; expires_at: Date | null; last_delivery_at: Date | null; pending: number }

export interface QuarantineRow {
  id: string; system: string; resource: string; legacy_id: string | null; reason: string; detail: string; mapping_kind: string | null;
  raw_value: string | null; api_version: string | null; payload: unknown; first_seen_at: Date; last_seen_at: Date; times_seen: number;
  resolved_at: Date | null; resolution: string | null;
}

export interface QuarantineArgs { unresolvedOnly?: boolean | null; first?: number | null; after?: string | null }

export interface QuarantinePage {
  edges: Array<{ cursor: string; node: QuarantineRow }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const encodeCursor = (row: QuarantineRow) => Buffer.from(`quarantine:${row.last_seen_at.toISOString()}|${row.id}`).toString('base64url');

function decodeCursor(after: string): { at: Date; id: string } {
  const match = /^quarantine:([^|]+)\|([0-9a-f-]{36})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  const at = match?.[1] ? new Date(match[1]) : undefined;
  if (!match?.[2] || !at || Number.isNaN(at.getTime())) throw badUserInput('"after" is not a cursor this API gave out: pass pageInfo.endCursor of the previous page.', 'after');
  return { at, id: match[2] };
}

/** Staff-only reads of the sync's state. The schema's @hasRole lets only staff and admins ask; this checks again. */
export function createSyncLoaders(dataSource: DataSource, principal: Principal, clioConfigured = false) {
  const staffOnly = () => {
    if (principal.role !== 'STAFF' && principal.role !== 'ADMIN') throw forbidden('Only staff can read the sync health and the quarantine.');
  };
  return {
    async syncHealth() {
      staffOnly();
      const now = Date.now();
      const [connectionOf, cursors, systems, hooks] = await Promise.all([
        connectionHealth(dataSource, clioConfigured),
        dataSource.query(`SELECT c.*, (SELECT count(*)::int FROM sync.quarantine q WHERE q.system = c.system AND q.resource = c.resource AND q.resolved_at IS NULL) AS quarantined FROM sync.cursors c`) as Promise<CursorRow[]>,
        dataSource.query(`SELECT * FROM sync.legacy_systems`) as Promise<SystemRow[]>,
        dataSource.query(
          `SELECT s.system, s.model, s.status, s.expires_at,
                  (SELECT max(received_at) FROM sync.webhook_deliveries d WHERE d.system = s.system AND d.legacy_webhook_id = s.legacy_webhook_id) AS last_delivery_at,
                  (SELECT count(*)::int FROM sync.webhook_deliveries d WHERE d.system = s.system AND d.legacy_webhook_id = s.legacy_webhook_id AND d.processed_at IS NULL) AS pending
             FROM sync.webhook_subscriptions s WHERE s.status <> 'REMOVED' ORDER BY s.model`,
        ) as Promise<HookRow[]>,
      ]);
      return syncedResources().map(({ system, resources }) => {
        const mine = resources.map((resource) => cursors.find((c) => c.system === system && c.resource === resource));
        const state = systems.find((s) => s.system === system);
        const successes = mine.map((c) => c?.last_success_at ?? null);
        const lastSuccess = successes.includes(null) ? null : new Date(Math.min(...successes.map((d) => d!.getTime())));
        const failing = mine.filter((c): c is CursorRow => Boolean(c?.last_error_at && (!c.last_success_at || c.last_error_at > c.last_success_at)));
        const errors: Array<{ resource: string | null; at: Date; message: string }> = mine
          .filter((c): c is CursorRow => Boolean(c?.last_error && c.last_error_at))
          .map((c) => ({ resource: c.resource, at: c.last_error_at!, message: c.last_error! }));
        if (state && state.circuit_state !== 'CLOSED' && state.last_failure) errors.push({ resource: null, at: state.circuit_changed_at, message: `circuit ${state.circuit_state}: ${state.last_failure}` });
        errors.sort((a, b) => b.at.getTime() - a.at.getTime());
        return {
          system,
          lastSuccessAt: lastSuccess,
          lagSeconds: lag(lastSuccess, now),
          circuitState: state?.circuit_state ?? CircuitState.CLOSED,
          apiVersion: state?.api_version ?? null,
          apiVersionRetired: failing.some((c) => /410 Gone/.test(c.last_error ?? '')),
          resources: resources.map((resource, i) => {
            const c = mine[i];
            return {
              resource,
              updatedSince: c?.updated_since ?? null, importedAt: c?.imported_at ?? null, lastSuccessAt: c?.last_success_at ?? null, lagSeconds: lag(c?.last_success_at, now),
              recordsSynced: Number(c?.records_synced ?? 0), lastError: c?.last_error ?? null, lastErrorAt: c?.last_error_at ?? null, quarantined: c?.quarantined ?? 0,
              progress: c ? progressOf(c, now) : null,
            };
          }),
          recentErrors: errors.slice(0, 10),
          connection: connectionOf(system),
          webhooks: hooks.filter((h) => h.system === system).map((h) => ({
            model: h.model ?? '(registering)', status: h.status, expiresAt: h.expires_at, lastDeliveryAt: h.last_delivery_at, pendingDeliveries: h.pending,
          })),
        };
      });
    },

    async quarantine(args: QuarantineArgs): Promise<QuarantinePage> {
      staffOnly();
      const size = args.first ?? 20;
      if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badUserInput(`"first" must be between 1 and ${MAX_PAGE}.`, 'first');
      const params: unknown[] = [size + 1];
      const where: string[] = [];
      if (args.unresolvedOnly ?? true) where.push('resolved_at IS NULL');
      if (args.after) {
        const { at, id } = decodeCursor(args.after);
        params.push(at, id);
        where.push(`(last_seen_at, id) < ($2, $3::uuid)`);
      }
      const rows: QuarantineRow[] = await dataSource.query(
        `SELECT * FROM sync.quarantine ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY last_seen_at DESC, id DESC LIMIT $1`,
        params,
      );
      const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node), node }));
      return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  };
}
