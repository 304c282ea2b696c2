import fc from 'fast-check';

/**
 * Runs per property: `base` in `npm test` (the suite stays quick), FUZZ_RUNS to run more. FUZZ_SEED
 * replays a failure: fast-check prints the seed and path of any counterexample it finds.
 */
export function fuzzParameters<T>(base: number): fc.Parameters<T> {
  const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : base;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS must be a positive whole number, not "${process.env.FUZZ_RUNS}"`);
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  return { numRuns: runs, ...(seed === undefined ? {} : { seed, path: process.env.FUZZ_PATH }), endOnFailure: true };
}

/** Asserts an async property over `arbitrary` with the suite's run count. */
export async function fuzz<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, base: number): Promise<void> {
  await fc.assert(fc.asyncProperty(arbitrary, predicate), fuzzParameters<[T]>(base));
}
