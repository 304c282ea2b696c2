import type { DataSource, EntityManager } from 'typeorm';
import { drainEvents, wakeOnOutbox, type DomainEvent, type DomainEventType, type OutboxWakeup } from '../../../shared/events/index.js';
import type { Logger } from '../../../shared/logger.js';
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

/** One batch: facts, decisions, writes, all in the consumer's transaction. */
export async function handleRulesBatch(manager: EntityManager, events: readonly DomainEvent[], options: EngineOptions = {}): Promise<Decision[]> {
  const rules = options.rules ?? RULES;
  const facts = await loadBatchFacts(manager, events, { lock: true, withdrawingRules: withdrawingRules(rules) });
  const decisions = decide(inTellingOrder(events, facts), facts, options);
  await applyDecisions(manager, decisions);
  return decisions;
}

/** Runs the rules over every event not yet handled (exactly once per event, see shared/events/consumer.ts). */
export function runRules(dataSource: DataSource, options: EngineOptions = {}): Promise<number> {
  return drainEvents(
    dataSource,
    { consumer: RULES_CONSUMER, types: ruleEventTypes(options.rules), batchSize: BATCH_SIZE },
    async (manager, events) => { await handleRulesBatch(manager, events, options); },
  );
}

/** The worker's rules consumer: woken by the outbox (LISTEN on PostgreSQL, polling on PGlite). */
export function startRulesConsumer(options: { dataSource: DataSource; databaseUrl: string; embedded: boolean; pollMs: number; logger: Logger }): OutboxWakeup {
  const logger = options.logger.child({ consumer: RULES_CONSUMER });
  return wakeOnOutbox({
    databaseUrl: options.databaseUrl,
    embedded: options.embedded,
    pollMs: options.pollMs,
    logger,
    onEvents: async () => {
      const started = Date.now();
      const read = await runRules(options.dataSource);
      if (read > 0) logger.debug({ events: read, ms: Date.now() - started }, 'rules ran');
    },
  });
}
