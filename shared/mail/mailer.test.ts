/**
 * Without SMTP_URL, mail lands in the local mailbox: under DATA_DIR, as JSON for GET /dev/mailbox
 * and as the .eml a mail client opens; in memory when DATA_DIR is empty. Bad input is refused.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createMailer } from './mailer.js';
import { localMailbox } from './mailbox.js';
import { devMailboxEnabled } from './dev-mailbox.js';

const silent = createLogger('test', 'silent');

describe('the local mailbox', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'casebridge-mail-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps each message as JSON and .eml under DATA_DIR/mailbox, newest first', async () => {
    const mailer = createMailer(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, FIRM_NAME: 'Doe & Roe' }), silent);
    expect(mailer.transport).toBe('mailbox');
    await mailer.send({ to: 'ava@example.com', subject: 'First', text: 'one' });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await mailer.send({ to: 'ben@example.com', subject: 'Second', text: 'two', html: '<p>two</p>' });

    const messages = await localMailbox(dataDir).list();
    expect(messages.map((m) => [m.to, m.subject, m.from])).toEqual([
      ['ben@example.com', 'Second', '"Doe & Roe" <no-reply@smithjones.example>'], ['ava@example.com', 'First', '"Doe & Roe" <no-reply@smithjones.example>'],
    ]);
    expect(messages[0]!.html).toBe('<p>two</p>');
    expect((await readdir(path.join(dataDir, 'mailbox'))).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    const eml = await readFile(path.join(dataDir, 'mailbox', `${messages[0]!.id}.eml`), 'utf8');
    expect(eml).toMatch(/^Subject: Second\r?$/m);
    expect(eml).toMatch(/^To: ben@example\.com\r?$/m);
    expect(eml).toMatch(/Content-Type: text\/html/);
  });

  it('keeps mail in memory when DATA_DIR is empty', async () => {
    const mailer = createMailer(loadConfig({ NODE_ENV: 'test', DATA_DIR: '' }), silent);
    await mailer.send({ to: 'cara@example.com', subject: 'In memory', text: 'hello' });
    expect((await localMailbox('').list()).find((m) => m.subject === 'In memory')?.to).toBe('cara@example.com');
  });

  it('is browsable at /dev/mailbox only without SMTP_URL and outside production', () => {
    const secrets = { JWT_SECRET: 'j'.repeat(32), SUBGRAPH_SECRET: 's'.repeat(32) };
    expect(devMailboxEnabled(loadConfig({ NODE_ENV: 'development' }))).toBe(true);
    expect(devMailboxEnabled(loadConfig({ NODE_ENV: 'development', SMTP_URL: 'smtp://127.0.0.1:2525' }))).toBe(false);
    expect(devMailboxEnabled(loadConfig({ NODE_ENV: 'production', ...secrets }))).toBe(false);
  });

  it('refuses a header injection or a list of recipients', async () => {
    const mailer = createMailer(loadConfig({ NODE_ENV: 'test', DATA_DIR: '' }), silent);
    await expect(mailer.send({ to: 'a@example.com', subject: 'Hi\r\nBcc: x@example.com', text: 'x' })).rejects.toThrow(/no line breaks/);
    await expect(mailer.send({ to: 'a@example.com, b@example.com', subject: 'Hi', text: 'x' })).rejects.toThrow(/one plain email address/);
  });
});
