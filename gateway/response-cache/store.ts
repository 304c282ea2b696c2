import { EVERY_COPY } from '../../shared/events/index.js';

/** The moment a request began, in invalidations: an answer computed since then may be stale if its tags were invalidated after it. */
export type Mark = number;

interface Entry {
  data: unknown;
  bytes: number;
  tags: readonly string[];
  expiresAt: number;
}

interface Flight {
  tags: readonly string[];
  /** The leader's data, or undefined when it failed (a waiter then runs the operation itself). */
  result: Promise<unknown>;
  settle(data: unknown): void;
}

/** The tag of answers given to staff and admins: they may hold any client's data, so any change drops their flights. */
export const STAFF_TAG = 'staff';

/** Past this many remembered tag invalidations, they are forgotten and every pending store refused. */
const MAX_REMEMBERED_TAGS = 100_000;

/**
 * Answers by key, least recently used first out past `maxBytes`, each tagged with whose data it
 * holds, so an invalidation drops exactly the entries of its tags. Beside them, the operations in
 * flight, which identical requests join instead of running again. Every invalidation is numbered:
 * an answer whose request began before an invalidation of one of its tags is not stored (it may
 * have read what the change replaced), and a request that comes after it never joins a flight
 * that began before.
 */
export class ResponseStore {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly flights = new Map<string, Flight>();
  private readonly invalidatedAt = new Map<string, number>();
  private everythingAt = 0;
  private sequence = 0;
  private bytes = 0;
  /** False while this replica may miss invalidations (its LISTEN connection is down): nothing is served or stored. */
  private trusted = true;

  constructor(private readonly limits: { maxBytes: number; maxAgeMs: number }) {}

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  mark(): Mark {
    return this.sequence;
  }

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry || !this.trusted) return undefined;
    if (entry.expiresAt <= performance.now()) {
      this.remove(key);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.data;
  }

  /** Stores an answer computed by a request that began at `mark`, unless its tags changed since. */
  set(key: string, data: unknown, tags: readonly string[], mark: Mark): void {
    if (!this.trusted || this.changedSince(tags, mark)) return;
    const bytes = key.length + JSON.stringify(data).length;
    if (bytes > this.limits.maxBytes) return;
    this.remove(key);
    this.entries.set(key, { data, bytes, tags, expiresAt: performance.now() + this.limits.maxAgeMs });
    this.bytes += bytes;
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.limits.maxBytes) break;
      this.remove(oldest);
    }
  }

  /** The flight of `key` to join, if one is under way. */
  flight(key: string): Promise<unknown> | undefined {
    return this.flights.get(key)?.result;
  }

  /** Starts the flight of `key`; call the returned function with its data (undefined: failed) when it lands. */
  startFlight(key: string, tags: readonly string[]): (data: unknown) => void {
    let settle!: (data: unknown) => void;
    const result = new Promise<unknown>((resolve) => { settle = resolve; });
    const flight: Flight = { tags, result, settle };
    this.flights.set(key, flight);
    return (data) => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
      flight.settle(data);
    };
  }

  invalidate(tags: readonly string[]): void {
    this.sequence += 1;
    if (tags.includes(EVERY_COPY)) {
      this.everythingAt = this.sequence;
      this.invalidatedAt.clear();
      for (const key of [...this.entries.keys()]) this.remove(key);
      this.flights.clear();
      return;
    }
    if (this.invalidatedAt.size > MAX_REMEMBERED_TAGS) {
      this.invalidatedAt.clear();
      this.everythingAt = this.sequence;
    }
    for (const tag of tags) {
      this.invalidatedAt.set(tag, this.sequence);
      for (const key of this.byTag.get(tag) ?? []) this.remove(key);
    }
    for (const [key, flight] of this.flights) if (flight.tags.some((tag) => tag === STAFF_TAG || tags.includes(tag))) this.flights.delete(key);
  }

  /** While not trusted, nothing is served or stored; becoming untrusted drops everything. */
  setTrusted(trusted: boolean): void {
    if (!trusted) this.invalidate([EVERY_COPY]);
    this.trusted = trusted;
  }

  private changedSince(tags: readonly string[], mark: Mark): boolean {
    return this.everythingAt > mark || tags.some((tag) => (this.invalidatedAt.get(tag) ?? 0) > mark);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}
