/**
 * `npm run rules:replay -- --since 30d` (or an ISO date-time): what the rules would have told whom
 * over the events recorded since then, against DATABASE_URL, without writing anything. `--json`
 * prints one JSON object per line instead of the readable listing.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { openDatabase } from '../shared/db/data-source.js';
import { DATABASE } from '../system/modules.js';
import { parseSince, replayRulesPage, type ReplayPosition } from '../subgraphs/matters/rules/replay.js';

const { values } = parseArgs({ options: { since: { type: 'string' }, json: { type: 'boolean', default: false } } });
const since = values.since === undefined ? null : parseSince(values.since);
const databaseUrl = process.env.DATABASE_URL;
if (!since || !databaseUrl) {
  process.stderr.write('Usage: DATABASE_URL=postgres://… npm run rules:replay -- --since 30d   (d, h or m; or an ISO date-time such as 2026-10-01T00:00:00Z)\n');
  process.exit(2);
}
// Migrations are not run: a dry run must not change the database, not even its schema.
const database = await openDatabase(databaseUrl, DATABASE, { poolSize: 2, migrate: false });
try {
  // Page by page, printed as it goes: a dry run over a long history never holds it all at once.
  let count = 0;
  let after: ReplayPosition | null = null;
  do {
    const page = await replayRulesPage(database.dataSource, { since, first: 1000, after });
    for (const { position: _position, ...d } of page.decisions) {
      count += 1;
      if (values.json) {
        process.stdout.write(`${JSON.stringify(d)}\n`);
        continue;
      }
      const move = d.toStage ? `  stage ${d.fromStage} → ${d.toStage}` : '';
      const how = d.announce ? (d.urgent ? 'URGENT' : 'digest') : 'history, not sent';
      process.stdout.write(`${d.at.toISOString()}  ${d.matterNumber}  to ${d.clientName} (${d.clientId})  [${d.rule}, ${how}]${move}\n    ${d.title}\n    ${d.body}\n`);
    }
    after = page.next;
  } while (after);
  process.stdout.write(`${count} decision(s) since ${since.toISOString()}; nothing was written or sent.\n`);
} finally {
  await database.close();
}
