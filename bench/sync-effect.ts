import type { DataSource } from 'typeorm';

export interface Change {
  entryId: string;
  matterId: string;
  startAt: Date;
  /** When the change was written in the legacy system (ms since epoch). */
  at: number;
}

export interface EffectProbe {
  name: string;
  /** Resolves with the time (ms since epoch) the change's effect was written. */
  waitFor(change: Change, timeoutMs: number): Promise<number>;
}

/**
 * When each change took effect: one query for all pending changes, answering for each the time
 * the effect's row was written ($1 matter ids, $2 entry ids, $3 change times, $4 new start times;
 * rows of (i, at) with i the 1-based position). The effect's own timestamp (same machine clock) is
 * the measurement, so how often the bench looks does not count, and looking stays one query.
 */
type Effects = (dataSource: DataSource, changes: readonly Change[]) => Promise<Array<{ i: string; at: Date }>>;

const pending = `unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS c(matter_id, entry_id, since, starts_at, i)`;
const params = (changes: readonly Change[]) => [
  changes.map((c) => c.matterId), changes.map((c) => `calendar:${c.entryId}`), changes.map((c) => new Date(c.at - 5)), changes.map((c) => c.startAt),
];

/**
 * What "the change took effect" means, most downstream first: a client-facing matter update (the
 * rules engine's output), else a domain event in the outbox, else the read-model row.
 */
const EFFECTS: ReadonlyArray<{ name: string; written: Effects }> = [
  {
    name: 'matters.matter_updates row for the matter (the rules engine told the client)',
    written: (db, changes) => db.query(
      `SELECT c.i, min(u.created_at) AS at FROM ${pending} JOIN matters.matter_updates u ON u.matter_id = c.matter_id AND u.created_at >= c.since GROUP BY c.i`, params(changes)),
  },
  {
    name: 'events.outbox event for the matter (hearing.rescheduled)',
    written: (db, changes) => db.query(
      `SELECT c.i, min(o.recorded_at) AS at FROM ${pending} JOIN events.outbox o ON o.matter_id = c.matter_id AND o.recorded_at >= c.since GROUP BY c.i`, params(changes)),
  },
  {
    name: 'read-model row (matters.matter_events starts_at)',
    written: (db, changes) => db.query(
      `SELECT c.i, e.synced_at AS at FROM ${pending} JOIN matters.matter_events e ON e.id = c.entry_id AND e.starts_at = c.starts_at`, params(changes)),
  },
];

/** Waits for changes' effects with one query per tick, whatever the number of changes in flight. */
function watcher(dataSource: DataSource, effect: (typeof EFFECTS)[number]): EffectProbe['waitFor'] {
  const waiting = new Map<Change, { resolve: (at: number) => void; reject: (error: Error) => void; deadline: number }>();
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const changes = [...waiting.keys()];
    const rows = await effect.written(dataSource, changes).catch(() => []);
    for (const row of rows) {
      const change = changes[Number(row.i) - 1]!;
      waiting.get(change)?.resolve(new Date(row.at).getTime());
      waiting.delete(change);
    }
    for (const [change, wait] of waiting) {
      if (Date.now() <= wait.deadline) continue;
      wait.reject(new Error(`change to calendar entry ${change.entryId} not seen within the time allowed`));
      waiting.delete(change);
    }
    timer = waiting.size > 0 ? setTimeout(() => void tick(), 50) : undefined;
  };
  return (change, timeoutMs) => new Promise<number>((resolve, reject) => {
    waiting.set(change, { resolve, reject, deadline: Date.now() + timeoutMs });
    timer ??= setTimeout(() => void tick(), 50);
  });
}

/**
 * Makes one calibration change, waits for the read model to show it, then picks the most
 * downstream effect that also appeared for it.
 */
export async function probeFor(dataSource: DataSource, change: () => Change): Promise<EffectProbe> {
  const made = change();
  const readModel = EFFECTS.at(-1)!;
  await watcher(dataSource, readModel)(made, 120_000);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const effect of EFFECTS) {
    const present = await effect.written(dataSource, [made]).catch(() => []);
    if (present.length > 0) return { name: effect.name, waitFor: watcher(dataSource, effect) };
  }
  return { name: readModel.name, waitFor: watcher(dataSource, readModel) };
}
