import type { DataSource, EntityManager } from 'typeorm';
import { drainEvents, type DomainEvent, type DomainEventType, type OutboxConsumer } from '../../../shared/events/index.js';
import type { Logger } from '../../../shared/logger.js';
import { isInitialImportDone } from '../../ingest/index.js';
import { applyDecisions } from './apply.js';
import { decide, isBacklog, type Decision, type EngineOptions } from './engine.js';
import { loadBatchFacts, type BatchFacts } from './facts.js';
import { RULES } from './rules.js';

export const RULES_CONSUMER = 'rules';

/** A first import brings tens of thousands of events: big batches keep the per-batch fact loading cheap per event. */
const BATCH_SIZE = 2000;

export const ruleEventTypes = (rules = RULES): DomainEventType[] => [...new Set(rules.flatMap((r) => r.on))];
export const withdrawingRules = (rules = RULES): string[] => rules.filter((r) => r.withdrawsEarlier).map((r) => r.id);

/**
 * History is told in the order it happened (the first import records a system's events in the
 * order it pages through them, not by date); news keeps the order it was recorded in.
 */
export function inTellingOrder(events: readonly DomainEvent[], facts: BatchFacts): DomainEvent[] {
  const backlog = events.filter((e) => isBacklog(e, facts)).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return [...backlog, ...events.filter((e) => !isBacklog(e, facts))];
}

/** A staff override moved a matter while a batch was being decided: the batch is decided again. */
export class StageRaceError extends Error {}

/**
 * One batch: facts, decisions, writes, all in the consumer's transaction. The facts are read
 * without locks (locking thousands of matters would deadlock with the sync's page upserts); only
 * the matters that move are locked, in id order, and checked to still be where the decisions
 * started from.
 */
export async function handleRulesBatch(manager: EntityManager, events: readonly DomainEvent[], options: EngineOptions = {}): Promise<Decision[]> {
  const rules = options.rules ?? RULES;
  const facts = await loadBatchFacts(manager, events, { withdrawingRules: withdrawingRules(rules) });
  const decisions = decide(inTellingOrder(events, facts), facts, options);
  const moving = [...new Set(decisions.flatMap((d) => (d.stage ? [d.matter.id] : [])))].sort();
  if (moving.length > 0) {
    const rows: Array<{ id: string; stage: string }> = await manager.query(`SELECT id, stage FROM matters.matters WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [moving]);
    const moved = rows.filter((r) => r.stage !== facts.matters.get(r.id)?.stage).map((r) => r.id);
    if (moved.length > 0) throw new StageRaceError(`matters ${moved.join(', ')} changed stage while their events were decided`);
  }
  await applyDecisions(manager, decisions);
  return decisions;
}

/**
 * Runs the rules over every event not yet handled (exactly once per event, see
 * shared/events/consumer.ts). Nothing is handled before every legacy system's first import has
 * finished: the systems import in parallel, and history decided half-imported would miss facts
 * (a transcript read before the calendar that names its deposition). Until then every event is
 * history anyway, so nothing that should be told waits.
 */
export async function runRules(dataSource: DataSource, options: EngineOptions = {}): Promise<number> {
  if (!(await isInitialImportDone(dataSource))) return 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await drainEvents(
        dataSource,
        { consumer: RULES_CONSUMER, types: ruleEventTypes(options.rules), batchSize: BATCH_SIZE },
        async (manager, events) => { await handleRulesBatch(manager, events, options); },
      );
    } catch (error) {
      if (!(error instanceof StageRaceError) || attempt >= 3) throw error;
    }
  }
}

/** The worker's rules consumer, added to the process's outbox dispatcher (LISTEN on PostgreSQL, polling on PGlite). */
export function rulesConsumer(options: { dataSource: DataSource; pollMs: number; logger: Logger }): OutboxConsumer {
  const logger = options.logger.child({ consumer: RULES_CONSUMER });
  return {
    name: RULES_CONSUMER,
    pollMs: options.pollMs,
    run: async () => {
      const started = Date.now();
      const read = await runRules(options.dataSource);
      if (read > 0) logger.debug({ events: read, ms: Date.now() - started }, 'rules ran');
    },
  };
}
