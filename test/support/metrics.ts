/** GET <metricsUrl>/metrics as text (Prometheus exposition format), failing on anything but 200. */
export async function scrape(metricsUrl: string): Promise<string> {
  const response = await fetch(`${metricsUrl}/metrics`);
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${await response.text()}`);
  return response.text();
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * The value of one sample: `name` with exactly `labels` (prom-client writes labels in the order
 * they were declared, so they are matched as a set). Undefined when the series is absent.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = new Set(Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`));
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const pairs = match[2] ? match[2].match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? [] : [];
    if (pairs.length !== wanted.size || !pairs.every((p) => wanted.has(p))) continue;
    return Number(match[3]);
  }
  return undefined;
}

/** The sum of every sample of `name` whose labels include `labels`. */
export function total(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const pairs = match[2] ? match[2].match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? [] : [];
    if (wanted.every((w) => pairs.includes(w))) sum += Number(match[3]);
  }
  return sum;
}
