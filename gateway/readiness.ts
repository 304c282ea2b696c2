import type { DataSource } from 'typeorm';
import { demoLoginsExist, type FindParty } from '../shared/auth/demo-accounts.js';
import { isInitialImportDone } from '../subgraphs/ingest/index.js';

interface Position { txId: bigint; eventId: bigint }

/** The outbox's last committed event (a transaction still open may commit an earlier one later). */
async function lastRecordedPosition(dataSource: DataSource): Promise<Position> {
  const [row]: Array<{ tx_id: string; id: string }> = await dataSource.query(`SELECT tx_id, id FROM events.outbox ORDER BY tx_id DESC, id DESC LIMIT 1`);
  return { txId: BigInt(row?.tx_id ?? 0), eventId: BigInt(row?.id ?? 0) };
}

/** Whether the outbox consumer has handled every event up to and including `mark`. */
async function consumerReached(dataSource: DataSource, consumer: string, mark: Position): Promise<boolean> {
  const [row]: Array<{ tx_id: string; event_id: string }> = await dataSource.query(`SELECT tx_id, event_id FROM events.consumers WHERE name = $1`, [consumer]);
  const at = { txId: BigInt(row?.tx_id ?? 0), eventId: BigInt(row?.event_id ?? 0) };
  return at.txId > mark.txId || (at.txId === mark.txId && at.eventId >= mark.eventId);
}

/**
 * The gateway's readiness (/healthz): the graph tells the truth once the first import is done, the
 * rules have decided its history (their consumer has passed the outbox's end as it was when this
 * process first saw the import done) and the demo logins, when on, can sign in. Until then a
 * discovery-stage matter still reads INTAKE. Once ready, stays ready.
 */
export interface ReadinessOptions {
  demoAccounts: boolean;
  /** The outbox consumer that decides the import's history (the matters context's rules). */
  historyConsumer: string;
  /** The CMS person a demo login links to (the matters context's published query). */
  findParty: FindParty;
}

export function graphReadiness(dataSource: DataSource, options: ReadinessOptions): () => Promise<boolean> {
  let importEnd: Position | undefined;
  let ready = false;
  return async () => {
    if (ready) return true;
    if (importEnd === undefined) {
      if (!(await isInitialImportDone(dataSource))) return false;
      importEnd = await lastRecordedPosition(dataSource);
    }
    if (!(await consumerReached(dataSource, options.historyConsumer, importEnd))) return false;
    if (options.demoAccounts && !(await demoLoginsExist(dataSource, options.findParty))) return false;
    ready = true;
    return true;
  };
}

/** Resolves once `isReady` says so, checking every `everyMs`; rejects when `signal` aborts first. */
export async function untilReady(isReady: () => Promise<boolean>, signal: AbortSignal, everyMs = 100): Promise<void> {
  while (!(await isReady())) {
    signal.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
