import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { IntakeSubmission } from './submission.js';
import type { SubmissionSource } from './entities/index.js';

/** NOTIFYed after a submission commits: the worker pushes it at once (PGlite: its poll does). */
export const INTAKE_CHANNEL = 'casebridge_intake';
const DEDUPE_WINDOW = '24 hours';

export interface Stored {
  receiptId: string;
  /** False when the same submission had been stored already. */
  created: boolean;
}

const dedupeHash = (s: IntakeSubmission) => createHash('sha256').update(`${s.email.toLowerCase()}\n${s.description.trim()}`).digest('hex');

/**
 * Stores a submission and its lead (RECEIVED) in one transaction, unless the same one is stored
 * already: the same Idempotency-Key, or the same email and description within 24 hours, gives
 * that one's receiptId. Advisory locks on both keys make concurrent duplicates wait for the first.
 */
export async function storeSubmission(dataSource: DataSource, submission: IntakeSubmission, meta: { source: SubmissionSource; idempotencyKey: string | null; address: string | null }): Promise<Stored> {
  const hash = dedupeHash(submission);
  const stored = await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`intake:${hash}`]);
    if (meta.idempotencyKey !== null) {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`intake-key:${meta.idempotencyKey}`]);
      const [byKey]: Array<{ id: string }> = await manager.query('SELECT id FROM intake.submissions WHERE idempotency_key = $1', [meta.idempotencyKey]);
      if (byKey) return { receiptId: byKey.id, created: false };
    }
    const [byHash]: Array<{ id: string }> = await manager.query(
      `SELECT id FROM intake.submissions WHERE dedupe_hash = $1 AND received_at > now() - interval '${DEDUPE_WINDOW}' ORDER BY received_at LIMIT 1`,
      [hash],
    );
    if (byHash) return { receiptId: byHash.id, created: false };
    const id = randomUUID();
    const s = submission;
    await manager.query(
      `INSERT INTO intake.submissions (id, received_at, source, idempotency_key, dedupe_hash, payload, address) VALUES ($1, now(), $2, $3, $4, $5, $6)`,
      [id, meta.source, meta.idempotencyKey, hash, JSON.stringify(s), meta.address],
    );
    await manager.query(
      `INSERT INTO intake.leads (id, received_at, first_name, last_name, email, phone, practice_area, description, state, city, zip, opposing_party, language, status)
       VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'RECEIVED')`,
      [id, s.firstName, s.lastName, s.email, s.phone, s.practiceArea, s.description, s.state, s.city, s.zip, s.opposingParty, s.language],
    );
    await manager.query('SELECT pg_notify($1, $2)', [INTAKE_CHANNEL, id]);
    return { receiptId: id, created: true };
  });
  return stored;
}
