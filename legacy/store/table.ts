/** What happened to a row; every write goes through `insert`, `update` or `remove`. */
export type TableEvent = 'created' | 'updated' | 'deleted';
export type TableListener<T> = (event: TableEvent, row: T) => void;

/**
 * An ordered table over one of the firm's arrays: the array stays the source of truth (so the
 * Firm handed to the simulators always shows their writes), indexed by key, ordered by a numeric
 * sort key that only grows as rows are inserted. Writes through it are announced to watchers
 * (the CMS's webhooks), whoever makes them: the API, another simulator, a test.
 */
export class Table<T, K extends string | number = number> {
  private readonly index = new Map<K, T>();
  private readonly listeners = new Set<TableListener<T>>();
  private highest = 0;

  constructor(
    private readonly rows: T[],
    private readonly keyOf: (row: T) => K,
    private readonly orderOf: (row: T) => number,
  ) {
    rows.sort((a, b) => orderOf(a) - orderOf(b));
    for (const row of rows) this.index.set(keyOf(row), row);
  }

  get(key: K): T | undefined {
    return this.index.get(key);
  }

  all(): readonly T[] {
    return this.rows;
  }

  get size(): number {
    return this.rows.length;
  }

  /** The largest order key ever inserted (0 when none), so removed rows' ids are never reused. */
  maxOrder(): number {
    const last = this.rows[this.rows.length - 1];
    return Math.max(this.highest, last === undefined ? 0 : this.orderOf(last));
  }

  insert(row: T): T {
    if (this.rows.length > 0 && this.orderOf(row) <= this.maxOrder()) {
      throw new Error('Table rows must be inserted in ascending order');
    }
    this.rows.push(row);
    this.index.set(this.keyOf(row), row);
    this.highest = Math.max(this.highest, this.orderOf(row));
    this.emit('created', row);
    return row;
  }

  /** Applies changes to an existing row in place (the order key must not change). */
  update(key: K, changes: Partial<T>): T {
    const row = this.index.get(key);
    if (row === undefined) throw new Error(`No row with key ${String(key)}`);
    Object.assign(row as object, changes);
    this.emit('updated', row);
    return row;
  }

  remove(key: K): boolean {
    const row = this.index.get(key);
    if (row === undefined) return false;
    this.index.delete(key);
    this.rows.splice(this.positionAfter(this.orderOf(row) - 1), 1);
    this.emit('deleted', row);
    return true;
  }

  /** Calls `listener` after every write; returns the function that stops it. */
  watch(listener: TableListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: TableEvent, row: T): void {
    for (const listener of this.listeners) listener(event, row);
  }

  /** Index of the first row whose order key is greater than `order` (binary search). */
  positionAfter(order: number): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.orderOf(this.rows[mid] as T) <= order) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
