/** GET <metricsUrl>/metrics as text (Prometheus exposition format), failing on anything but 200. */
export async function scrape(metricsUrl: string): Promise<string> {
  const response = await fetch(`${metricsUrl}/metrics`);
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${await response.text()}`);
  return response.text();
}

const pair = ([key, value]: [string, string]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** Each sample of `name`: its labels as `key="value"` strings, and its value. */
function* samplesOf(text: string, name: string): Generator<{ labels: string[]; value: number }> {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels: string[] = match[2]?.match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? [];
    yield { labels, value: Number(match[3]) };
  }
}

/** The value of the one sample of `name` with exactly `labels` (in any order); undefined when absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(pair);
  for (const s of samplesOf(text, name)) {
    if (s.labels.length === wanted.length && wanted.every((w) => s.labels.includes(w))) return s.value;
  }
  return undefined;
}

/** The sum of every sample of `name` whose labels include `labels`. */
export function total(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(pair);
  let sum = 0;
  for (const s of samplesOf(text, name)) if (wanted.every((w) => s.labels.includes(w))) sum += s.value;
  return sum;
}
