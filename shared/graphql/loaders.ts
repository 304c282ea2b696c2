import DataLoader from 'dataloader';

/**
 * The keys a query can match. PostgreSQL text cannot hold a NUL character and refuses a parameter
 * with one ("invalid byte sequence"), so such a key (a client's `"a\u0000b"`) matches nothing
 * instead of failing the whole batch as an internal error.
 */
const storable = (keys: readonly string[]) => keys.filter((key) => !key.includes('\u0000'));

/**
 * Loaders over one `WHERE key = ANY($1)` query each: however many parents a request resolves,
 * each loader costs one SQL statement per tick. Keys are strings (ids, numbers).
 */
export function loaderOfOne<V>(load: (keys: string[]) => Promise<V[]>, keyOf: (row: V) => string): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (keys) => {
    const byKey = new Map<string, V>();
    const queried = storable(keys);
    for (const row of queried.length ? await load(queried) : []) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

export function loaderOfMany<V>(load: (keys: string[]) => Promise<V[]>, keyOf: (row: V) => string): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(async (keys) => {
    const byKey = new Map<string, V[]>(keys.map((key) => [key, []]));
    const queried = storable(keys);
    for (const row of queried.length ? await load(queried) : []) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
