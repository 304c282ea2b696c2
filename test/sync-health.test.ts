/**
 * Staff see how the sync stands and what was quarantined; clients are refused. API drift (a field
 * gone from matters) quarantines the affected records with the reason while the rest keeps
 * flowing, and a later valid version resolves the item; a retired API version (410) is named in
 * sync health.
 */
import { DEFAULT_SIM_TOKEN } from '../shared/config.js';
import { startTestSystem, type TestSystem } from './support/system.js';

const HEALTH = `{ syncHealth { system lastSuccessAt lagSeconds circuitState apiVersion apiVersionRetired
  resources { resource updatedSince lastSuccessAt lastError quarantined } recentErrors { resource at message } webhooks { model status expiresAt } } }`;
const QUARANTINE = `query Q($after: String, $all: Boolean) { quarantine(first: 10, after: $after, unresolvedOnly: $all) {
  nodes { system resource legacyId reason detail apiVersion payload timesSeen resolution } pageInfo { hasNextPage endCursor } } }`;

interface Health { system: string; circuitState: string; apiVersion: string | null; apiVersionRetired: boolean; lastSuccessAt: string | null; resources: Array<{ resource: string; quarantined: number; lastError: string | null }>; recentErrors: Array<{ message: string }>; webhooks: Array<{ model: string; status: string }> }
interface Item { resource: string; legacyId: string; reason: string; detail: string; apiVersion: string; payload: string; timesSeen: number; resolution: string | null }

describe('sync health, quarantine and drift', () => {
  let s: TestSystem;
  let staff: string;
  let admin: string;
  const sim = (system: 'cms' | 'billing', path: string, body: unknown, method = 'PUT') =>
    fetch(`${s.simulators![system].url}${path}`, { method, headers: { authorization: `Bearer ${DEFAULT_SIM_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    s = await startTestSystem({ LEGACY_BREAKER_FAILURES: '2', LEGACY_BREAKER_COOLDOWN_SECONDS: '0.5' });
    await s.worker.webhooksReady;
    staff = await s.login('sarah.jones@smithjones.example');
    admin = await s.login('admin@smithjones.example');
  });
  afterAll(() => s?.stop());

  it('refuses clients', async () => {
    const client = await s.login('ava.martin@example.com');
    for (const query of [HEALTH, QUARANTINE]) {
      const answer = await s.graphql(client, query);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('shows each system: last success, cursors, circuit, API version and webhooks', async () => {
    const { data, errors } = await s.graphql<{ syncHealth: Health[] }>(staff, HEALTH);
    expect(errors).toBeUndefined();
    expect(data!.syncHealth.map((h) => h.system)).toEqual(['cms', 'dms', 'billing']);
    const cms = data!.syncHealth[0]!;
    expect(cms).toMatchObject({ circuitState: 'CLOSED', apiVersion: '4.0.9', apiVersionRetired: false, lastSuccessAt: expect.any(String) });
    expect(cms.resources.map((r) => r.resource)).toContain('matters');
    expect(cms.webhooks.map((w) => w.model).sort()).toEqual(['calendar_entry', 'contact', 'matter', 'task']);
  });

  it('quarantines records that lost a required field, keeps the rest flowing, and resolves them once valid again', async () => {
    const [matter] = await s.database.dataSource.query(`SELECT id FROM matters.matters ORDER BY id LIMIT 1`);
    const [task] = await s.database.dataSource.query(`SELECT substring(id from 6) AS id FROM matters.matter_events WHERE id LIKE 'task:%' ORDER BY id LIMIT 1`);
    expect((await sim('cms', '/_sim/drift', { removeField: { resource: 'matters', field: 'status' } })).status).toBe(200);
    await sim('cms', `/api/v4/matters/${matter.id}.json`, { data: { description: 'Changed under drift' } }, 'PATCH');
    await sim('cms', `/api/v4/tasks/${task.id}.json`, { data: { name: 'Still flowing' } }, 'PATCH');
    await s.syncNow();
    await s.worker.processDeliveries();

    const [row] = await s.database.dataSource.query(`SELECT title FROM matters.matters WHERE id = $1`, [matter.id]);
    expect(row.title).not.toBe('Changed under drift');
    const [event] = await s.database.dataSource.query(`SELECT title FROM matters.matter_events WHERE id = $1`, [`task:${task.id}`]);
    expect(event.title).toContain('Still flowing');

    const { data } = await s.graphql<{ quarantine: { nodes: Item[] } }>(admin, QUARANTINE);
    const item = data!.quarantine.nodes.find((n) => n.resource === 'matters' && n.legacyId === String(matter.id));
    expect(item).toMatchObject({ reason: 'INVALID_SHAPE', detail: expect.stringContaining('status'), apiVersion: '4.0.9', resolution: null });
    expect(JSON.parse(item!.payload)).toMatchObject({ id: Number(matter.id), description: 'Changed under drift' });
    // Staff see the item, not its payload: it may hold other matters' contact details (admins only).
    const staffView = await s.graphql<{ quarantine: { nodes: Array<{ legacyId: string }> } }>(staff, `{ quarantine(first: 10) { nodes { legacyId reason } } }`);
    expect(staffView.data!.quarantine.nodes.map((n) => n.legacyId)).toContain(String(matter.id));
    const staffPayload = await s.graphql(staff, `{ quarantine(first: 10) { nodes { legacyId payload } } }`);
    expect(staffPayload.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(item!.timesSeen).toBeGreaterThanOrEqual(1);
    const health = await s.graphql<{ syncHealth: Health[] }>(staff, HEALTH);
    expect(health.data!.syncHealth[0]!.resources.find((r) => r.resource === 'matters')!.quarantined).toBeGreaterThanOrEqual(1);

    await sim('cms', '/_sim/drift', { reset: true });
    await sim('cms', `/api/v4/matters/${matter.id}.json`, { data: { description: 'Valid again' } }, 'PATCH');
    await s.syncNow();
    const [fixed] = await s.database.dataSource.query(`SELECT title FROM matters.matters WHERE id = $1`, [matter.id]);
    expect(fixed.title).toBe('Valid again');
    const all = await s.graphql<{ quarantine: { nodes: Item[] } }>(admin, QUARANTINE, { all: false });
    expect(all.data!.quarantine.nodes.find((n) => n.legacyId === String(matter.id))!.resolution).toBe('SUPERSEDED');
    const open = await s.graphql<{ quarantine: { nodes: Item[] } }>(admin, QUARANTINE);
    expect(open.data!.quarantine.nodes.find((n) => n.legacyId === String(matter.id))).toBeUndefined();
  });

  it('says so clearly when the legacy system has retired our API version (410)', async () => {
    expect((await sim('cms', '/_sim/version', { version: '4.0.10', retiredThrough: '4.0.9' })).status).toBe(200);
    try {
      await expect(s.syncNow()).rejects.toThrow(/retired API version 4\.0\.9/);
      const { data } = await s.graphql<{ syncHealth: Health[] }>(staff, HEALTH);
      const cms = data!.syncHealth.find((h) => h.system === 'cms')!;
      expect(cms.apiVersionRetired).toBe(true);
      expect(cms.recentErrors[0]!.message).toMatch(/retired API version 4\.0\.9 \(410 Gone\)/);
    } finally {
      await sim('cms', '/_sim/version', { version: '4.0.9', retiredThrough: '4.0.2' });
    }
    await s.syncNow();
    const { data } = await s.graphql<{ syncHealth: Health[] }>(staff, HEALTH);
    expect(data!.syncHealth.every((h) => !h.apiVersionRetired)).toBe(true);
  });

  /** The circuit's state is recorded as it changes, off the call path: wait (briefly) for it to show. */
  async function dmsHealth(state: string): Promise<Health> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const { data } = await s.graphql<{ syncHealth: Health[] }>(staff, HEALTH);
      const dms = data!.syncHealth.find((h) => h.system === 'dms')!;
      if (dms.circuitState === state || Date.now() > deadline) return dms;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('shows an open circuit during an outage and a closed one after recovery', async () => {
    s.simulators!.setFaults('dms', { errorRate: 1 });
    try {
      await expect(s.syncNow()).rejects.toThrow(/dms/);
      const dms = await dmsHealth('OPEN');
      expect(dms.circuitState).toBe('OPEN');
      expect(dms.recentErrors.map((e) => e.message).join('\n')).toMatch(/circuit open/i);
    } finally {
      s.simulators!.setFaults('dms', {});
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    await s.syncNow();
    expect((await dmsHealth('CLOSED')).circuitState).toBe('CLOSED');
  });

  it('pages the quarantine and refuses a made-up cursor', async () => {
    const answer = await s.graphql(staff, QUARANTINE, { after: 'bm90LWEtY3Vyc29y' });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
