import DataLoader from 'dataloader';

/**
 * Loaders over one `WHERE key = ANY($1)` query each: however many parents a request resolves,
 * each loader costs one SQL statement per tick. Keys are strings (ids, numbers).
 */
export function loaderOfOne<V>(load: (keys: string[]) => Promise<V[]>, keyOf: (row: V) => string): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (keys) => {
    const byKey = new Map<string, V>();
    for (const row of await load([...keys])) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

export function loaderOfMany<V>(load: (keys: string[]) => Promise<V[]>, keyOf: (row: V) => string): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(async (keys) => {
    const byKey = new Map<string, V[]>(keys.map((key) => [key, []]));
    for (const row of await load([...keys])) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
