/**
 * `npm run bench:rules`: the rules consumer over a first import's history — BENCH_MATTERS matters
 * (default 10,000), each opened, with two depositions and a hearing on its calendar and
 * BENCH_DOCS_PER_MATTER documents (default 10: 100,000), two of them its deposition transcripts —
 * recorded in the outbox as the sync records them, then consumed to the end. Prints the time, the
 * events per second and what was written. Against DATABASE_URL's server (a fresh database on it),
 * or the embedded PGlite when unset.
 */
import 'reflect-metadata';
import { openDatabase } from '../shared/db/data-source.js';
import { DATABASE } from '../system/modules.js';
import { createTestDatabase } from '../test/support/database.js';
import { runRules } from '../subgraphs/matters/rules/consumer.js';
import { syncKeys } from '../subgraphs/ingest/index.js';

const matters = Number(process.env.BENCH_MATTERS ?? 10_000);
const docsPerMatter = Number(process.env.BENCH_DOCS_PER_MATTER ?? 10);
const KINDS = ['PLEADING', 'MOTION', 'CORRESPONDENCE', 'EVIDENCE', 'COURT_ORDER', 'CONTRACT', 'OTHER', 'INVOICE'];

const testDb = await createTestDatabase();
const db = await openDatabase(testDb.url, DATABASE);
const ds = db.dataSource;
try {
  const seeded = Date.now();
  await ds.query(`INSERT INTO matters.clients (id, name, kind, legacy_updated_at) SELECT 'c' || i, 'Client ' || i, 'Person', now() FROM generate_series(1, $1) i`, [matters]);
  await ds.query(`INSERT INTO matters.matters (id, number, title, legacy_status, client_id, legacy_updated_at)
    SELECT 'm' || i, lpad(i::text, 5, '0') || '-Bench', 'Bench v. Matter ' || i, 'Open', 'c' || i, now() FROM generate_series(1, $1) i`, [matters]);
  await ds.query(`INSERT INTO matters.matter_events (id, matter_id, kind, title, starts_at, legacy_updated_at)
    SELECT 'calendar:' || i || '-' || k, 'm' || i, CASE WHEN k < 3 THEN 'DEPOSITION' ELSE 'HEARING' END,
           CASE WHEN k < 3 THEN 'Deposition of Witness ' || k ELSE 'Status conference' END, now() + ((k * 10 - 15) || ' days')::interval, now()
      FROM generate_series(1, $1) i, generate_series(1, 3) k`, [matters]);
  await ds.query(`INSERT INTO documents.documents (id, matter_number, name, kind, attributes, received_at, legacy_updated_at)
    SELECT 'd' || i || '-' || k, lpad(i::text, 5, '0') || '-Bench', 'Document ' || k || '.pdf',
           CASE WHEN k <= 2 THEN 'DEPOSITION_TRANSCRIPT' ELSE ($3::text[])[1 + (k % 8)] END,
           CASE WHEN k <= 2 THEN jsonb_build_object('deponent', 'witness  ' || k || '.') ELSE '{}'::jsonb END, now() - ((100 - k) || ' days')::interval, now()
      FROM generate_series(1, $1) i, generate_series(1, $2) k`, [matters, docsPerMatter, KINDS]);
  // The events the first import records, as recordEvents writes them (payloads by the catalog's schemas).
  await ds.query(`INSERT INTO events.outbox (type, matter_id, matter_number, client_id, subject, occurred_at, payload, dedupe_key)
    SELECT 'matter.opened', id, number, client_id, 'matter:' || id, now() - interval '200 days',
           jsonb_build_object('matterId', id, 'number', number, 'title', title, 'clientId', client_id, 'openedOn', null), 'bench:' || id FROM matters.matters`);
  await ds.query(`INSERT INTO events.outbox (type, matter_id, subject, occurred_at, payload, dedupe_key)
    SELECT 'hearing.scheduled', matter_id, id, now() - interval '50 days',
           jsonb_build_object('eventId', id, 'matterId', matter_id, 'kind', kind, 'title', title, 'startsAt', starts_at, 'endsAt', null, 'location', 'Courtroom 4B'), 'bench:' || id
      FROM matters.matter_events`);
  await ds.query(`INSERT INTO events.outbox (type, matter_number, subject, occurred_at, payload, dedupe_key)
    SELECT 'document.filed', matter_number, 'document:' || id, received_at,
           jsonb_build_object('documentId', id, 'matterNumber', matter_number, 'name', name, 'kind', kind, 'docType', kind, 'deponent', attributes->>'deponent', 'tags', '[]'::jsonb, 'receivedAt', received_at),
           'bench:' || id
      FROM documents.documents ORDER BY id`);
  // The first import finished after it recorded all that: the rules take it as history.
  for (const { system, resource } of syncKeys()) {
    await ds.query(`INSERT INTO sync.cursors (system, resource, imported_at) VALUES ($1, $2, clock_timestamp())`, [system, resource]);
  }
  const [{ events }] = await ds.query(`SELECT count(*)::int AS events FROM events.outbox`);
  console.log(`seeded ${matters} matters, ${matters * 3} calendar entries, ${matters * docsPerMatter} documents, ${events} events in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

  const started = Date.now();
  await runRules(ds);
  const seconds = (Date.now() - started) / 1000;
  const [written] = await ds.query(`SELECT (SELECT count(*)::int FROM matters.matter_updates) AS updates, (SELECT count(*)::int FROM matters.matter_updates WHERE announce) AS announced, (SELECT count(*)::int FROM matters.stage_transitions) AS transitions,
    (SELECT count(*)::int FROM matters.matters WHERE stage = 'DISCOVERY_COMPLETE') AS complete`);
  console.log(`rules consumed ${events} events in ${seconds.toFixed(1)} s (${Math.round(events / seconds)} events/s): ${written.updates} updates (${written.announced} announced), ${written.transitions} stage transitions, ${written.complete} matters DISCOVERY_COMPLETE`);
  console.log(`SQL statements, seeding included: ${db.queries.count}`);
} finally {
  await db.close();
  await testDb.drop();
}
