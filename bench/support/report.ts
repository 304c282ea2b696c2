import type autocannon from 'autocannon';

/** One measured cell: a gateway (or the floor) under one workload and query. */
export interface Cell {
  gateway: string;
  workload: string;
  query: string;
  round: number;
  result: autocannon.Result;
  /** CPU milliseconds per completed request: the gateway process, and the subgraph processes together. */
  gatewayCpuMs: number | null;
  subgraphCpuMs: number;
}

const range = (values: number[], digits = 0) => {
  const f = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return f(lo) === f(hi) ? f(lo) : `${f(lo)}–${f(hi)}`;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rps = (c: Cell) => c.result.requests.average;
const failures = (c: Cell) => c.result.errors + c.result.timeouts + c.result.non2xx + c.result.mismatches;

/** The cells of one workload and query as a markdown table, one row per gateway, ranges over the rounds. */
export function table(cells: Cell[], gateways: string[]): string {
  const rows = [
    '| gateway | RPS | p50 ms | p99 ms | errors / non-2xx | gateway CPU ms/req | subgraphs CPU ms/req |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const gateway of gateways) {
    const mine = cells.filter((c) => c.gateway === gateway);
    if (mine.length === 0) continue;
    const gatewayCpu = mine.map((c) => c.gatewayCpuMs).filter((v): v is number => v !== null);
    rows.push(`| ${gateway} | ${range(mine.map(rps))} | ${range(mine.map((c) => c.result.latency.p50))} | ${range(mine.map((c) => c.result.latency.p99))} | ${range(mine.map(failures))} | ${gatewayCpu.length ? range(gatewayCpu, 2) : '–'} | ${range(mine.map((c) => c.subgraphCpuMs), 2)} |`);
  }
  return rows.join('\n');
}

/** `a / b` of the medians over the rounds, to two places; '–' when either side is missing. */
export function ratio(cells: Cell[], a: string, b: string, measure: (c: Cell) => number): string {
  const of = (gateway: string) => cells.filter((c) => c.gateway === gateway).map(measure);
  const [x, y] = [of(a), of(b)];
  if (x.length === 0 || y.length === 0 || median(y) === 0) return '–';
  return (median(x) / median(y)).toFixed(2);
}

export const measures = { rps, p99: (c: Cell) => c.result.latency.p99 };
