import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Logger } from '../logger.js';
import { AuditEntryRow, type AuditKind, type AuditOutcome } from './AuditEntry.js';

/** What is appended for one audited request. */
export interface NewAuditEntry {
  at: Date;
  kind: AuditKind;
  accountId: string | null;
  email: string | null;
  role: string | null;
  clientId: string | null;
  operationName: string | null;
  operationHash: string | null;
  variables: Record<string, unknown> | null;
  outcome: AuditOutcome;
  errorCodes: string[];
  durationMs: number;
  address: string | null;
  userAgent: string | null;
}

type Entries = NewAuditEntry | readonly NewAuditEntry[];

/** Codes that mean the caller was refused rather than that something failed. */
export const DENIED_CODES: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'TOO_MANY_REQUESTS']);

export function outcomeOf(errorCodes: readonly string[]): AuditOutcome {
  if (errorCodes.length === 0) return 'SUCCESS';
  return errorCodes.some((code) => DENIED_CODES.has(code)) ? 'DENIED' : 'ERROR';
}

const BATCH = 200;
/** How long entries gather before they are inserted together (unless a batch fills first). */
const GATHER_MS = 20;
const RETRY_DELAY_MS = 250;

/**
 * Appends audit entries off the request path: `record` returns at once and entries are inserted in
 * batches, gathered for GATHER_MS (under load, one insert per request's tick was a good part of
 * the database's work). A batch that fails is retried entry by entry; an entry that fails again is
 * logged at error level, whole, so none is dropped silently. Never updates or deletes (the database refuses too).
 */
export class AuditLog {
  private queue: NewAuditEntry[] = [];
  private scheduled: NodeJS.Timeout | undefined;
  private tail: Promise<void> = Promise.resolve();
  private readonly building = new Set<Promise<void>>();

  constructor(private readonly dataSource: DataSource, private readonly logger: Logger) {}

  /** Appends entries, or those a function builds (e.g. after a lookup), without waiting. */
  record(entries: Entries | (() => Entries | Promise<Entries>)): void {
    if (typeof entries !== 'function') {
      this.enqueue(entries);
      return;
    }
    const built = Promise.resolve().then(entries).then(
      (e) => this.enqueue(e),
      (error: unknown) => this.logger.error({ err: error }, 'audit entry could not be built: an audited request is missing from the log'),
    ).finally(() => this.building.delete(built));
    this.building.add(built);
  }

  /** Resolves once everything recorded so far is written (or logged as lost). */
  async flush(): Promise<void> {
    while (this.building.size > 0 || this.queue.length > 0 || this.scheduled) {
      await Promise.all([...this.building]);
      this.writeQueued();
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.tail;
    }
    await this.tail;
  }

  private enqueue(entries: Entries): void {
    if (Array.isArray(entries)) this.queue.push(...entries);
    else this.queue.push(entries as NewAuditEntry);
    if (this.queue.length >= BATCH) this.writeQueued();
    else this.scheduled ??= setTimeout(() => this.writeQueued(), GATHER_MS);
  }

  private writeQueued(): void {
    clearTimeout(this.scheduled);
    this.scheduled = undefined;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      this.tail = this.tail.then(() => this.write(batch));
    }
  }

  private async write(batch: NewAuditEntry[]): Promise<void> {
    // TypeORM's partial-entity type cannot express a jsonb object column; the shapes match.
    const insert = (entries: NewAuditEntry[]) =>
      this.dataSource.createQueryBuilder().insert().into(AuditEntryRow).values(entries as QueryDeepPartialEntity<AuditEntryRow>[]).execute();
    try {
      await insert(batch);
      return;
    } catch (error) {
      this.logger.warn({ err: error, entries: batch.length }, 'audit entries could not be written in one batch: retrying one by one');
    }
    // One by one, after a pause: a passing outage heals, and one entry the database refuses costs no other.
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    for (const entry of batch) {
      try {
        await insert([entry]);
      } catch (error) {
        this.logger.error({ err: error, auditEntry: entry }, 'audit entry could not be written to audit.entries');
      }
    }
  }
}
