/**
 * `npm start` as a developer runs it: one process, no SMTP server. A matter update becomes a
 * digest in the local mailbox, readable at GET /dev/mailbox.
 */
import { localMailbox } from '../shared/mail/index.js';
import { waitFor } from './support/processes.js';
import { startTestSystem, type TestSystem } from './support/system.js';
import { ensureAnnounceColumn, publishUpdates } from './support/updates.js';

describe('notifications in the one-process system', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ DATA_DIR: '', DIGEST_WINDOW_SECONDS: '1', NOTIFY_POLL_SECONDS: '0.5' });
  }, 120_000);
  afterAll(() => system?.stop());

  it('delivers a digest to the local mailbox', async () => {
    const { dataSource } = system.database;
    await ensureAnnounceColumn(dataSource);
    const [matter]: Array<{ id: string; client_id: string; email: string }> = await dataSource.query(
      `SELECT m.id, m.client_id, c.email FROM matters.matters m JOIN matters.clients c ON c.id = m.client_id WHERE c.email IS NOT NULL ORDER BY m.id LIMIT 1`,
    );
    await publishUpdates(dataSource, [{ matterId: matter!.id, clientId: matter!.client_id, title: 'Engagement letter shared' }]);
    const mailbox = localMailbox('');
    await waitFor(async () => (await mailbox.list()).some((m) => m.to === matter!.email && m.text.includes('Engagement letter shared')), 30_000, () => 'no digest in the mailbox');
    const [digest] = (await mailbox.list()).filter((m) => m.to === matter!.email);
    expect(digest!.subject).toBe('Your hourly case update from Smith & Jones LLP');
    const page = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/dev/mailbox'));
    expect(await page.text()).toContain('Your hourly case update from Smith &amp; Jones LLP');
  });
});
