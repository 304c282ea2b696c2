import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { registry } from './metrics.js';

/**
 * A gauge read from the database when Prometheus scrapes (never per request): one cheap aggregate
 * query whose rows are the gauge's samples. The floor defines the outbox's; a context hands its own
 * through its module (`ContextModule.metrics`), so this file knows no context's tables.
 */
export interface DatabaseGauge {
  name: string;
  help: string;
  labelNames: readonly string[];
  read(dataSource: DataSource): Promise<Array<{ labels: Record<string, string>; value: number }>>;
}

interface Observed {
  dataSource: DataSource;
  logger: Logger;
}

let observed: Observed | undefined;
const gauges = new Map<string, Gauge>();

function register(spec: DatabaseGauge): void {
  if (gauges.has(spec.name)) return;
  gauges.set(spec.name, new Gauge({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      const current = observed;
      if (!current) return;
      try {
        for (const { labels, value } of await spec.read(current.dataSource)) this.set(labels, value);
      } catch (error) {
        // A scrape during a database outage shows the gauge empty; the log says why.
        current.logger.warn({ err: error, metric: spec.name }, 'could not read a metric from the database');
      }
    },
  }));
}

/**
 * Makes the gauges read `dataSource` on each scrape, until the returned function is called. One
 * process reads one database (the worker's, under `npm start` too); the last call wins.
 */
export function observeDatabase(dataSource: DataSource, specs: readonly DatabaseGauge[], logger: Logger): () => void {
  for (const spec of specs) register(spec);
  const mine: Observed = { dataSource, logger };
  observed = mine;
  return () => {
    if (observed === mine) observed = undefined;
  };
}

/** Counting stops here: a consumer this far behind is an incident whatever the exact figure. */
export const BACKLOG_CAP = 100_000;

/** Events each outbox consumer has still to read: the outbox rows after its position (at most BACKLOG_CAP). */
export const OUTBOX_BACKLOG: DatabaseGauge = {
  name: 'casebridge_outbox_backlog_events',
  help: `Domain events recorded in the outbox that a consumer has not handled yet, by consumer (counted up to ${BACKLOG_CAP}).`,
  labelNames: ['consumer'],
  async read(dataSource) {
    const rows: Array<{ name: string; backlog: string }> = await dataSource.query(
      `SELECT c.name, (SELECT count(*) FROM (SELECT 1 FROM events.outbox o WHERE (o.tx_id, o.id) > (c.tx_id, c.event_id) LIMIT ${BACKLOG_CAP}) behind) AS backlog
       FROM events.consumers c`,
    );
    return rows.map((r) => ({ labels: { consumer: r.name }, value: Number(r.backlog) }));
  },
};
