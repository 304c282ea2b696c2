/**
 * An ordered table over one of the firm's arrays: the array stays the source of truth (so the
 * Firm handed to the simulators always shows their writes), indexed by key, ordered by a numeric
 * sort key that only grows as rows are inserted.
 */
export class Table<T, K extends string | number = number> {
  private readonly index = new Map<K, T>();

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

  /** The largest order key so far (0 when empty). */
  maxOrder(): number {
    const last = this.rows[this.rows.length - 1];
    return last === undefined ? 0 : this.orderOf(last);
  }

  insert(row: T): T {
    if (this.rows.length > 0 && this.orderOf(row) <= this.maxOrder()) {
      throw new Error('Table rows must be inserted in ascending order');
    }
    this.rows.push(row);
    this.index.set(this.keyOf(row), row);
    return row;
  }

  remove(key: K): boolean {
    const row = this.index.get(key);
    if (row === undefined) return false;
    this.index.delete(key);
    this.rows.splice(this.positionAfter(this.orderOf(row) - 1), 1);
    return true;
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
