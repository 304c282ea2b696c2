import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { recordEvents, type NewDomainEvent } from '../../../shared/events/index.js';
import type { Decision } from './engine.js';

/**
 * Writes a batch's decisions inside the caller's transaction, in a fixed number of statements:
 * the matter updates (with their provenance and whether they are announced), the withdrawals a
 * cancellation makes, the stage transitions and the matters' new stages, and the outbox events
 * the notifications and live subscriptions act on: update.published (announced updates only),
 * update.withdrawn (of updates that had been announced), stage.changed.
 */
export async function applyDecisions(manager: EntityManager, decisions: readonly Decision[]): Promise<void> {
  if (decisions.length === 0) return;
  const updates = decisions.map((d, n) => ({ n,
    id: d.update.id, matter_id: d.matter.id, client_id: d.matter.clientId, at: d.at.toISOString(), title: d.update.title, body: d.update.body,
    translations: d.update.translations, category: d.update.category, urgent: d.update.urgent, rule: d.rule, event_ids: d.eventIds, facts: d.facts, subject: d.update.subject,
    supersedes_id: d.update.withdraws.at(-1)?.id ?? null, announce: d.announce,
  }));
  await manager.query(
    // One microsecond apart in decision order: updates about the same moment list in the order they were decided.
    `INSERT INTO matters.matter_updates (id, matter_id, client_id, at, title, body, translations, category, urgent, rule, event_ids, facts, subject, supersedes_id, announce, created_at)
     SELECT id, matter_id, client_id, at, title, body, translations, category, urgent, rule, event_ids, facts, subject, supersedes_id, announce, now() + n * interval '1 microsecond'
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, matter_id text, client_id text, at timestamptz, title text, body text, translations jsonb, category text,
            urgent boolean, rule text, event_ids bigint[], facts jsonb, subject text, supersedes_id uuid, announce boolean, n integer)`,
    [JSON.stringify(updates)],
  );

  const withdrawn = decisions.flatMap((d) => d.update.withdraws);
  if (withdrawn.length > 0) {
    await manager.query(`UPDATE matters.matter_updates SET withdrawn_at = now() WHERE id = ANY($1::uuid[]) AND withdrawn_at IS NULL`, [withdrawn.map((u) => u.id)]);
  }

  const moves = decisions.filter((d) => d.stage !== null).map((d) => ({ id: randomUUID(), decision: d, stage: d.stage! }));
  if (moves.length > 0) {
    await manager.query(
      `INSERT INTO matters.stage_transitions (id, matter_id, from_stage, to_stage, at, rule, explanation, event_ids, facts)
       SELECT id, matter_id, from_stage, to_stage, at, rule, explanation, event_ids, facts
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, matter_id text, from_stage text, to_stage text, at timestamptz, rule text,
              explanation text, event_ids bigint[], facts jsonb)`,
      [JSON.stringify(moves.map(({ id, decision: d, stage }) => ({
        id, matter_id: d.matter.id, from_stage: stage.from, to_stage: stage.to, at: d.at.toISOString(), rule: d.rule, explanation: stage.explanation, event_ids: d.eventIds, facts: d.facts,
      })))],
    );
    // The last move of each matter is where it now stands.
    const finalStage = new Map(moves.map((m) => [m.decision.matter.id, m.stage.to]));
    await manager.query(
      `UPDATE matters.matters m SET stage = s.stage FROM unnest($1::text[], $2::text[]) AS s(id, stage) WHERE m.id = s.id`,
      [[...finalStage.keys()], [...finalStage.values()]],
    );
  }

  const now = new Date();
  const events: NewDomainEvent[] = [
    ...decisions.filter((d) => d.announce).map((d): NewDomainEvent => ({
      type: 'update.published', subject: `update:${d.update.id}`, occurredAt: now, matterId: d.matter.id, matterNumber: d.matter.number, clientId: d.matter.clientId,
      payload: { updateId: d.update.id, matterId: d.matter.id, clientId: d.matter.clientId, urgent: d.update.urgent },
      dedupeKey: `update.published:${d.update.id}`,
    })),
    ...withdrawn.filter((u) => u.announce).map((u): NewDomainEvent => ({
      type: 'update.withdrawn', subject: `update:${u.id}`, occurredAt: now, matterId: u.matterId, clientId: u.clientId,
      payload: { updateId: u.id, matterId: u.matterId, clientId: u.clientId },
      dedupeKey: `update.withdrawn:${u.id}`,
    })),
    ...moves.map(({ id, decision: d, stage }): NewDomainEvent => ({
      type: 'stage.changed', subject: `matter:${d.matter.id}`, occurredAt: d.at, matterId: d.matter.id, matterNumber: d.matter.number, clientId: d.matter.clientId,
      payload: { matterId: d.matter.id, clientId: d.matter.clientId, from: stage.from, to: stage.to, rule: d.rule },
      dedupeKey: `stage.changed:${id}`,
    })),
  ];
  await recordEvents(manager, events);
}
