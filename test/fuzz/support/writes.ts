import type { DataSource } from 'typeorm';

/**
 * What the system has written, read cheaply enough to take around every fuzzed request: per table,
 * its row count and the newest row version (max xmin: an insert or an update gives the row a newer
 * one; a delete lowers the count). Left out, because writing them for a refused request is their
 * job: the audit log, the login throttle and the rate buckets (every operation takes from one), Agenda's own tables and the outbox consumers' positions.
 */
const SKIPPED = new Set(['audit.entries', 'identity.login_throttle', 'identity.rate_buckets', 'public.agenda_jobs', 'public.agenda_logs', 'public.typeorm_migrations', 'events.consumers']);

export class WriteWatch {
  private constructor(private readonly dataSource: DataSource, private readonly sql: string) {}

  /**
   * Every table but the skipped ones, or only those whose "schema.table" starts with one of `only`:
   * an endpoint's own tables, where the rules and deliveries an earlier accepted input set going
   * may still be writing elsewhere (the rules hold events before they decide).
   */
  static async of(dataSource: DataSource, only?: string[]): Promise<WriteWatch> {
    const tables = (await dataSource.query(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    )) as Array<{ name: string }>;
    const watched = tables.map((t) => t.name).filter((name) => !SKIPPED.has(name) && (!only || only.some((prefix) => name.startsWith(prefix))));
    if (watched.length === 0) throw new Error(`no table to watch among ${only?.join(', ')}`);
    const sql = watched
      .map((name) => `SELECT '${name}' AS name, count(*)::int AS rows, coalesce(max(xmin::text::bigint), 0)::text AS version FROM ${name}`)
      .join(' UNION ALL ');
    return new WriteWatch(dataSource, sql);
  }

  /** One line per table: "schema.table rows@version". */
  async snapshot(): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(this.sql)) as Array<{ name: string; rows: number; version: string }>;
    return new Map(rows.map((r) => [r.name, `${r.rows}@${r.version}`]));
  }

  /** The tables whose count or newest version differ between two snapshots. */
  static changed(before: Map<string, string>, after: Map<string, string>): string[] {
    return [...after].filter(([name, state]) => before.get(name) !== state).map(([name, state]) => `${name}: ${before.get(name)} → ${state}`);
  }

  /**
   * Waits until four snapshots half a second apart agree: what an accepted input set going (an
   * outbox event, the rules, a notification and its delivery) has run its course.
   */
  async settled(deadlineMs = 60_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    let previous = await this.snapshot();
    let quiet = 0;
    while (quiet < 3) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const next = await this.snapshot();
      const changed = WriteWatch.changed(previous, next);
      quiet = changed.length === 0 ? quiet + 1 : 0;
      if (quiet === 0 && Date.now() > deadline) throw new Error(`the database kept changing: ${changed.join('; ')}`);
      previous = next;
    }
  }
}

/**
 * Runs `act` between two snapshots: when `accepted` says the input was taken, its writes are the
 * point (and whatever follows from them is let finish); otherwise nothing may have changed.
 */
export async function writesNothingUnlessAccepted<T>(watch: WriteWatch, act: () => Promise<T>, accepted: (result: T) => boolean, what: string): Promise<T> {
  const before = await watch.snapshot();
  const result = await act();
  if (accepted(result)) {
    await watch.settled();
    return result;
  }
  const changed = WriteWatch.changed(before, await watch.snapshot());
  if (changed.length > 0) throw new Error(`${what} was refused but wrote: ${changed.join('; ')}`);
  return result;
}
