import { useCallback, useEffect, useState } from 'react';
import type { Operation } from '../../graphql/operations.generated';
import { graphql, type VariablesOf } from '../../lib/graphql';

export interface QueryState<T> { data: T | null; error: string | null; loading: boolean; refetch: () => void }

/** Runs a query on mount and whenever its variables change; `refetch` runs it again in place. */
export function useQuery<T, V>(query: Operation<T, V>, ...[variables]: VariablesOf<NoInfer<V>>): QueryState<T> {
  const key = JSON.stringify(variables ?? {});
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    graphql<T, V>(query, ...([JSON.parse(key) as V] as VariablesOf<V>))
      .then((data) => { if (live) setState({ data, error: null, loading: false }); })
      .catch((error: unknown) => { if (live) setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error), loading: false })); });
    return () => { live = false; };
  }, [query, key, version]);
  const refetch = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, refetch };
}
