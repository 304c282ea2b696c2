/**
 * `npm run test:chaos`: every guarantee at once, on real PostgreSQL. While staff edit the legacy
 * systems, the schedule (drawn from CHAOS_SEED, printed first) injects 5xx, 429 storms, stalls, a
 * Clio API version switch, worker SIGKILLs during sync, rules and digest sending, PostgreSQL
 * restarts and an SMTP outage. Then the faults stop, the system settles, and the read model must
 * equal the simulators record by record, every client mail must have arrived once and at the right
 * client, no quarantine entry may be unexplained and /healthz must be green.
 *
 * CHAOS_SEED (default: random), CHAOS_DURATION_SECONDS (default 240), CHAOS_SETTLE_SECONDS
 * (default 240), CHAOS_KEEP_CLUSTER=true to keep the PostgreSQL cluster for the next run.
 */
import { LATEST_CLIO_API_VERSION } from '../../legacy/http/clio/version.js';
import { ownCluster } from '../support/pg-cluster.js';
import { startChaosHarness, workerOutput, WORKERS, type ChaosHarness } from './harness.js';
import { Random } from './random.js';
import { chaosSchedule, describeAction, type ChaosAction, type KillPoint } from './schedule.js';
import { EDIT_KINDS, Staff, UNMAPPED_DOC_TYPE } from './staff.js';
import { checkMail, compareReadModel, unexplainedQuarantine } from './verify.js';
import { FaultBoard } from './fault-board.js';

const seed = process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isInteger(seed) || seed < 0) throw new Error(`CHAOS_SEED must be a non-negative integer, got "${process.env.CHAOS_SEED}"`);
const durationMs = Number(process.env.CHAOS_DURATION_SECONDS ?? 240) * 1000;
const settleMs = Number(process.env.CHAOS_SETTLE_SECONDS ?? 240) * 1000;
const random = new Random(seed);
const schedule = chaosSchedule(random.fork(), durationMs);
const staffRandom = random.fork();
const say = (line: string) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

say(`seed ${seed} (replay: CHAOS_SEED=${seed} npm run test:chaos), ${durationMs / 1000} s of chaos, schedule:`);
for (const s of schedule) say(`  +${(s.atMs / 1000).toFixed(1).padStart(6)} s  ${describeAction(s.action)}`);

const counts = { faults: 0, kills: 0, pgRestarts: 0, smtpOutages: 0, versionSwitches: 0 };
let clioVersion = '4.0.9';

/** Waits for the kill point, then SIGKILLs one worker (every worker for digests: the sender is not known), restarting them soon after. */
async function killAt(h: ChaosHarness, point: KillPoint): Promise<void> {
  const moment: Record<KillPoint, () => Promise<unknown>> = {
    sync: () => h.nextLegacyRead(),
    digest: () => h.smtp.nextData(),
    rules: () => waitUntil(async () => {
      const [row] = await h.db.dataSource.query(
        `SELECT (SELECT coalesce(max(id), 0) FROM events.outbox) > (SELECT coalesce(max(event_id), 0) FROM events.consumers WHERE name = 'rules') AS behind`,
      );
      return row.behind === true;
    }, 60_000),
  };
  const reached = await Promise.race([moment[point]().then(() => true), sleep(60_000).then(() => false)]);
  const victims = point === 'digest' ? h.workers() : [staffRandom.pick(h.workers())].filter((w) => w !== undefined);
  for (const victim of victims) await h.kill(victim);
  counts.kills += victims.length;
  say(`killed ${victims.length} worker(s) ${reached ? `during ${point}` : `(no ${point} seen within 60 s)`}`);
  await sleep(staffRandom.int(1000, 5000));
  while (h.workers().length < WORKERS) h.startWorker(clioVersion);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(50);
  }
  return false;
}

async function perform(h: ChaosHarness, faults: FaultBoard, action: ChaosAction, restartDb: (mode: 'fast' | 'immediate') => Promise<void>): Promise<void> {
  switch (action.kind) {
    case 'faults':
      counts.faults += 1;
      await faults.during(action.system, action.fault, action.forMs);
      return;
    case 'version-switch': {
      counts.versionSwitches += 1;
      h.sims.setApiVersion(LATEST_CLIO_API_VERSION, '4.0.8');
      clioVersion = LATEST_CLIO_API_VERSION;
      for (const worker of h.workers()) {
        await h.kill(worker);
        counts.kills += 1;
        h.startWorker(clioVersion);
      }
      say(`Clio API now ${LATEST_CLIO_API_VERSION}; workers restarted on it`);
      return;
    }
    case 'kill-worker':
      await killAt(h, action.point);
      return;
    case 'pg-restart':
      counts.pgRestarts += 1;
      await restartDb(action.mode);
      say(`PostgreSQL restarted (${action.mode})`);
      return;
    case 'smtp-outage':
      counts.smtpOutages += 1;
      await h.smtp.takeDown();
      say('SMTP down');
      await sleep(action.forMs);
      await h.smtp.bringUp();
      say('SMTP back');
  }
}

async function main(): Promise<number> {
  const cluster = await ownCluster('chaos');
  say(`own PostgreSQL cluster on port ${cluster.port}`);
  const h = await startChaosHarness(cluster, 7);
  say(`first import done: ${h.sims.store.matters.all().length} matters, ${h.sims.store.documents.all().length} documents, ${h.sims.store.bills.all().length} bills`);
  const baseline = new Set<string>((await h.db.dataSource.query(`SELECT id FROM sync.quarantine WHERE resolved_at IS NULL`)).map((r: { id: string }) => r.id));
  const staff = new Staff(h.sims, h.token, staffRandom.fork());
  const faults = new FaultBoard(h.sims);
  const started = Date.now();
  let chaosOver = false;
  let failures: string[] = [];
  try {
    const editing = (async () => {
      while (!chaosOver) {
        await staff.edit(staffRandom.pick(EDIT_KINDS)!);
        await sleep(staffRandom.int(100, 1500));
      }
    })();
    const actions = schedule.map(async (s) => {
      await sleep(s.atMs);
      say(`${describeAction(s.action)}`);
      await perform(h, faults, s.action, (mode) => cluster.restart(mode));
    });
    await sleep(durationMs);
    chaosOver = true;
    await Promise.all([editing, ...actions]);
    faults.clear();
    while (h.workers().length < WORKERS) h.startWorker(clioVersion);
    say(`chaos over after ${Math.round((Date.now() - started) / 1000)} s; settling`);

    const settled = await waitUntil(async () => {
      const comparison = await compareReadModel(h.db.dataSource, h.sims);
      const mail = await checkMail(h.db.dataSource, h.sims, h.smtp.inbox);
      failures = [...comparison.differences, ...mail.problems];
      return failures.length === 0;
    }, settleMs);
    say(settled ? `settled after ${Math.round((Date.now() - started - durationMs) / 1000)} s` : `did not settle within ${settleMs / 1000} s`);
    const comparison = await compareReadModel(h.db.dataSource, h.sims);
    const mail = await checkMail(h.db.dataSource, h.sims, h.smtp.inbox);
    const quarantine = await unexplainedQuarantine(h.db.dataSource, h.sims, baseline, new Set([UNMAPPED_DOC_TYPE]));
    const [{ open }] = await h.db.dataSource.query(`SELECT count(*)::int AS open FROM sync.quarantine WHERE resolved_at IS NULL`);
    const health = await fetch(`${h.gatewayBase}/healthz`);
    failures = [...comparison.differences, ...mail.problems, ...quarantine.map((q) => `unexplained quarantine: ${q}`)];
    if (health.status !== 200) failures.push(`/healthz answered ${health.status}: ${await health.text()}`);

    const edits = Object.values(staff.stats.edits).reduce((a, b) => a + b, 0);
    say(`edits ${edits} (${EDIT_KINDS.map((k) => `${k} ${staff.stats.edits[k]}`).join(', ')}); staff retries ${staff.stats.retries}, abandoned ${staff.stats.abandoned}`);
    say(`faults ${counts.faults + counts.pgRestarts + counts.smtpOutages + counts.versionSwitches} (fault windows ${counts.faults}, PostgreSQL restarts ${counts.pgRestarts}, SMTP outages ${counts.smtpOutages}, version switches ${counts.versionSwitches}); kills ${counts.kills}`);
    say(`records compared ${comparison.compared}; mails checked ${mail.checked} (${mail.resent} identical resends after a kill between the relay's 250 and the commit); open quarantine ${baseline.size} at the start, ${open} at the end, ${quarantine.length} unexplained`);
    if (failures.length) {
      say(`FAILED (seed ${seed}):\n  ${failures.slice(0, 50).join('\n  ')}${failures.length > 50 ? `\n  … and ${failures.length - 50} more` : ''}`);
      say(`worker output:\n${workerOutput(h)}`);
    } else say(`PASSED (seed ${seed})`);
  } finally {
    await h.close(true);
    if (process.env.CHAOS_KEEP_CLUSTER !== 'true') await cluster.drop();
  }
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`chaos suite crashed (seed ${seed}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
