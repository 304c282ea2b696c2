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
  /** Resolves with the time (ms since epoch) the change's effect was first seen. */
  waitFor(change: Change, timeoutMs: number): Promise<number>;
}

type Seen = (dataSource: DataSource, change: Change) => Promise<boolean>;

/**
 * What "the change took effect" means, most downstream first: a client-facing matter update (the
 * rules engine's output), else a domain event in the outbox, else the read-model row. Switch the
 * order here when the pipeline grows.
 */
const EFFECTS: ReadonlyArray<{ name: string; seen: Seen }> = [
  {
    name: 'matters.matter_updates row for the matter (the rules engine told the client)',
    seen: async (db, c) => (await db.query(`SELECT 1 FROM matters.matter_updates WHERE matter_id = $1 AND created_at >= $2 LIMIT 1`, [c.matterId, new Date(c.at - 5)])).length > 0,
  },
  {
    name: 'events.outbox event for the matter (hearing.rescheduled)',
    seen: async (db, c) => (await db.query(`SELECT 1 FROM events.outbox WHERE matter_id = $1 AND recorded_at >= $2 LIMIT 1`, [c.matterId, new Date(c.at - 5)])).length > 0,
  },
  {
    name: 'read-model row (matters.matter_events starts_at)',
    seen: async (db, c) => (await db.query(`SELECT 1 FROM matters.matter_events WHERE id = $1 AND starts_at = $2`, [`calendar:${c.entryId}`, c.startAt])).length > 0,
  },
];

async function poll(dataSource: DataSource, seen: Seen, change: Change, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await seen(dataSource, change)) return Date.now();
    if (Date.now() > deadline) throw new Error(`change to calendar entry ${change.entryId} not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Makes one calibration change, waits for the read model to show it, then picks the most
 * downstream effect that also appeared for it (the tables may exist but stay empty until the
 * branches that fill them are merged).
 */
export async function probeFor(dataSource: DataSource, change: () => Change): Promise<EffectProbe> {
  const made = change();
  const readModel = EFFECTS.at(-1)!;
  await poll(dataSource, readModel.seen, made, 120_000);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const effect of EFFECTS) {
    const present = await effect.seen(dataSource, made).catch(() => false);
    if (present) return { name: effect.name, waitFor: (c, timeoutMs) => poll(dataSource, effect.seen, c, timeoutMs) };
  }
  return { name: readModel.name, waitFor: (c, timeoutMs) => poll(dataSource, readModel.seen, c, timeoutMs) };
}
