/**
 * A client who still sees a hearing the firm cancelled drives to court. A hearing deleted in the
 * CMS must leave the client's matter within one sync interval even with webhooks off (polling
 * looks for deletions of what clients see on every run, not only every reconcile period).
 */
import { DEFAULT_SIM_TOKEN } from '../shared/config.js';
import { startTestSystem, type TestSystem } from './support/system.js';

const EVENTS = `query { matters { number events(upcoming: true) { id title } } }`;

describe('deletions in the legacy systems', () => {
  let s: TestSystem;
  const cms = (path: string, init: RequestInit = {}) =>
    fetch(`${s.simulators!.cms.url}${path}`, { ...init, headers: { authorization: `Bearer ${DEFAULT_SIM_TOKEN}`, 'content-type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    // Webhooks off and the reconcile period long: only the per-run sweep of client-visible records can notice.
    s = await startTestSystem({ WEBHOOKS: 'false', SYNC_RECONCILE_SECONDS: '900' });
  });
  afterAll(() => s?.stop());

  it('takes a hearing deleted in the CMS off the client\'s matter at the next poll', async () => {
    const token = await s.login('ava.martin@example.com');
    type Answer = { matters: Array<{ number: string; events: Array<{ id: string; title: string }> }> };
    const before = await s.graphql<Answer>(token, EVENTS);
    const hearing = before.data!.matters.flatMap((m) => m.events).find((e) => e.id.startsWith('calendar:'));
    expect(hearing).toBeDefined();
    const legacyId = hearing!.id.slice('calendar:'.length);
    expect((await cms(`/api/v4/calendar_entries/${legacyId}.json`, { method: 'DELETE' })).status).toBeLessThan(300);

    await s.syncNow();
    const after = await s.graphql<Answer>(token, EVENTS);
    expect(after.errors).toBeUndefined();
    expect(after.data!.matters.flatMap((m) => m.events).map((e) => e.id)).not.toContain(hearing!.id);
  });

  it('takes a document deleted in the DMS off the read model at the next poll', async () => {
    const [doc] = await s.database.dataSource.query(`SELECT id FROM documents.documents ORDER BY id LIMIT 1`);
    const dms = await fetch(`${s.simulators!.dms.url}/v1/documents/${encodeURIComponent(doc.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${DEFAULT_SIM_TOKEN}` } });
    expect(dms.status).toBe(204);
    await s.syncNow();
    expect(await s.database.dataSource.query(`SELECT id FROM documents.documents WHERE id = $1`, [doc.id])).toEqual([]);
  });
});
