import type { DataSource } from 'typeorm';
import { OUTBOX_COLUMNS, parseEvent, type OutboxRow } from '../../../shared/events/outbox.js';
import { INITIAL_STAGE, isMatterStage, type MatterStage } from '../stages/stage-machine.js';
import { ruleEventTypes, withdrawingRules, inTellingOrder } from './consumer.js';
import { decide, type EngineOptions } from './engine.js';
import { loadBatchFacts } from './facts.js';
import { RULES } from './rules.js';

/** What the rules would have told whom, without a word sent or a row written. */
export interface ReplayDecision {
  matterId: string;
  matterNumber: string;
  clientId: string;
  clientName: string;
  at: Date;
  rule: string;
  title: string;
  body: string;
  urgent: boolean;
  /** False for history (recorded before its system's first import finished): it would be kept, not sent. */
  announce: boolean;
  fromStage: MatterStage | null;
  toStage: MatterStage | null;
  eventIds: string[];
}

const CHUNK = 2000;

/** Where a page of a replay ends: events after (txId, id), skipping the first `skip` decisions of their chunk. */
export interface ReplayPosition {
  txId: string;
  id: string;
  skip: number;
}

export interface ReplayPageOptions {
  since: Date;
  /** At most this many decisions (those `visible` lets through). */
  first: number;
  after?: ReplayPosition | null;
  /** Events read before a page that has decisions ends early (a bound on one call's work). */
  maxEvents?: number;
  /** Which of these matters the caller may see; all when absent. */
  visible?: (matterIds: readonly string[]) => Promise<ReadonlySet<string>>;
}

/** A decision of a page, with where the next page would start after it (its cursor). */
export type PagedReplayDecision = ReplayDecision & { position: ReplayPosition };

export interface ReplayPage {
  decisions: PagedReplayDecision[];
  /** Where the next page starts (null when the events are exhausted). */
  next: ReplayPosition | null;
}

/** "30d", "12h", "90m" before `now`, or an ISO 8601 date-time; null when it is neither. */
export function parseSince(text: string, now = new Date()): Date | null {
  const relative = /^\s*(\d+)\s*([dhm])\s*$/i.exec(text);
  if (relative) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2]!.toLowerCase() as 'd' | 'h' | 'm'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const absolute = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? new Date(text.trim()) : null;
  return absolute && !Number.isNaN(absolute.getTime()) ? absolute : null;
}

/**
 * Evaluates the rules over the events recorded since `since`, in order, as the consumer would
 * now: same rules, the facts as they stand now, each matter starting from the stage it had then
 * (its last transition recorded before `since`, or, on a later page, before that page's first
 * event). Reads only. Because the facts are today's, a milestone may show up at an earlier event
 * than it really fired at (the read model keeps no history of documents and calendars).
 *
 * One page reads events in chunks of CHUNK and stops at `first` decisions, or after `maxEvents`
 * events once it has any. A position names a chunk's start and how many of its decisions were
 * already returned, so a page may end inside a chunk: the next page decides that chunk again and
 * skips them. Its matters then start from their recorded stages, not from the earlier page's
 * replayed ones; the two differ only where the replayed rules disagree with the recorded history.
 */
export async function replayRulesPage(dataSource: DataSource, page: ReplayPageOptions, options: EngineOptions = {}): Promise<ReplayPage> {
  const rules = options.rules ?? RULES;
  const types = ruleEventTypes(rules);
  const stages = new Map<string, MatterStage>();
  const decisions: ReplayPage['decisions'] = [];
  let start = { txId: page.after?.txId ?? '0', id: page.after?.id ?? '0' };
  let skip = page.after?.skip ?? 0;
  let eventsRead = 0;
  for (;;) {
    const rows: OutboxRow[] = await dataSource.query(
      `SELECT ${OUTBOX_COLUMNS} FROM events.outbox
        WHERE recorded_at >= $1 AND type = ANY($2::text[]) AND (tx_id, id) > ($3::bigint, $4::bigint)
        ORDER BY tx_id, id LIMIT $5`,
      [page.since, types, start.txId, start.id, CHUNK],
    );
    if (rows.length === 0) return { decisions, next: null };
    eventsRead += rows.length;
    const events = rows.map(parseEvent);
    const facts = await loadBatchFacts(dataSource.manager, events, { withdrawingRules: withdrawingRules(rules) });
    const unseen = [...facts.matters.keys()].filter((id) => !stages.has(id));
    const stageAt = page.after && eventsRead === rows.length ? rows[0]!.recorded_at : page.since;
    for (const [id, stage] of await stagesAt(dataSource, unseen, stageAt)) stages.set(id, stage);
    for (const matter of facts.matters.values()) matter.stage = stages.get(matter.id) ?? INITIAL_STAGE;
    const chunk = decide(inTellingOrder(events, facts), facts, options);
    for (const d of chunk) if (d.stage) stages.set(d.matter.id, d.stage.to);
    const visible = page.visible ? await page.visible([...new Set(chunk.map((d) => d.matter.id))]) : null;
    for (let i = skip; i < chunk.length; i += 1) {
      const d = chunk[i]!;
      if (visible && !visible.has(d.matter.id)) continue;
      if (decisions.length === page.first) return { decisions, next: { ...start, skip: i } };
      decisions.push({
        matterId: d.matter.id, matterNumber: d.matter.number, clientId: d.matter.clientId, clientName: d.matter.clientName, at: d.at, rule: d.rule,
        title: d.update.title, body: d.update.body, urgent: d.update.urgent, announce: d.announce,
        fromStage: d.stage?.from ?? null, toStage: d.stage?.to ?? null, eventIds: d.eventIds, position: { ...start, skip: i + 1 },
      });
    }
    skip = 0;
    start = { txId: String(rows.at(-1)!.tx_id), id: String(rows.at(-1)!.id) };
    if (decisions.length > 0 && eventsRead >= (page.maxEvents ?? Number.POSITIVE_INFINITY)) return { decisions, next: { ...start, skip: 0 } };
  }
}

async function stagesAt(dataSource: DataSource, matterIds: readonly string[], at: Date): Promise<Map<string, MatterStage>> {
  if (matterIds.length === 0) return new Map();
  const rows: Array<{ matter_id: string; to_stage: string }> = await dataSource.query(
    `SELECT DISTINCT ON (matter_id) matter_id, to_stage FROM matters.stage_transitions
      WHERE matter_id = ANY($1::text[]) AND recorded_at < $2 ORDER BY matter_id, recorded_at DESC, at DESC`,
    [matterIds, at],
  );
  return new Map(matterIds.map((id) => {
    const stage = rows.find((r) => r.matter_id === id)?.to_stage;
    return [id, stage && isMatterStage(stage) ? stage : INITIAL_STAGE];
  }));
}
