/**
 * The client portal end to end: the real system (test/support/system.ts) serving the built portal,
 * driven by Debian's headless Chromium through playwright-core. Screenshots of each page go to
 * portal/test/artifacts/; timings and axe-core counts are printed for the report.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../../test/support/system.js';
import { ensureAnnounceColumn, publishUpdates } from '../../test/support/updates.js';
import { startTestSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { DEFAULT_SIM_TOKEN } from '../../shared/config.js';

const CHROMIUM = '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const artifacts = path.join(here, 'artifacts');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Only a developer machine without Chromium skips; CI (.ci/run installs it) always runs.
const runnable = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!runnable) console.warn(`portal e2e skipped: ${CHROMIUM} is missing — apt-get install -y chromium (CI installs it).`);
const describeBrowser = runnable ? describe : describe.skip;

/** The text drawn with a standard font: its content streams inflated, hex strings decoded as WinAnsi (Latin-1 here). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
    const data = Buffer.from(m[1]!, 'latin1');
    try { return inflateSync(data).toString('latin1'); } catch { return data.toString('latin1'); }
  });
  const hex = streams.join('\n').matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g);
  return [...hex].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1').replace(/\x97/g, '—')).join('\n');
}

/** axe-core on the page as it is: the serious and critical violations, by rule id. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the portal's CSP (script-src 'self') refuses injected script tags.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact?: string | null }> }> } }).axe;
    const result = await axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact}: ${v.id}`);
  });
}

describeBrowser('client portal in Chromium', () => {
  let system: TestSystem;
  let smtp: TestSmtp;
  let browser: Browser;
  let base: string;
  const axeCounts: Record<string, number> = {};

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'portal/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    mkdirSync(artifacts, { recursive: true });
    smtp = await startTestSmtp();
    system = await startTestSystem({ SMTP_URL: smtp.url });
    await ensureAnnounceColumn(system.database.dataSource);
    base = system.gatewayUrl.replace(/\/graphql$/, '');
    // launch() gives every run a fresh temporary profile (a new user-data-dir) of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await smtp?.close();
    console.log(`axe-core serious/critical violations per page: ${JSON.stringify(axeCounts)}`);
  });

  async function check(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
    const violations = await axeViolations(page);
    axeCounts[name] = violations.length;
    expect(violations).toEqual([]);
  }

  it('signs Ava in, lists her matters, opens one live, asks, switches to Spanish, and hides another client\'s matter', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${base}/`);
    await page.getByLabel('Email').fill('ava.martin@example.com');
    await page.getByLabel('Password').fill('casebridge-demo');
    await check(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My matters' }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: /00001-Martin/ }).waitFor({ timeout: 15_000 });
    console.log(`"My matters" rendered ${Date.now() - started} ms after the cold load began (sign-in included)`);
    await check(page, 'my-matters');

    // A reload stays signed in.
    await page.reload();
    await page.getByRole('link', { name: /00001-Martin/ }).waitFor({ timeout: 15_000 });
    // A cold load (a new browser context: empty cache, only the stored token) is timed to the first render of the list.
    const cold = await browser.newContext({ storageState: await context.storageState() });
    const coldPage = await cold.newPage();
    const coldStart = Date.now();
    await coldPage.goto(`${base}/`);
    await coldPage.getByRole('link', { name: /00001-Martin/ }).waitFor({ timeout: 15_000 });
    console.log(`"My matters" first render on a cold load, signed in: ${Date.now() - coldStart} ms`);
    await cold.close();

    await page.getByRole('link', { name: /00001-Martin/ }).click();
    await page.getByRole('heading', { name: 'Where your case stands' }).waitFor({ timeout: 15_000 });
    const matterId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    await check(page, 'matter');
    // The timeline is the firm's stages for this matter's practice area (Matter.stageTimeline).
    const timeline = () => page.getByRole('region', { name: 'Where your case stands' }).getByRole('listitem').allInnerTexts();
    const litigationTimeline = await timeline();
    expect(litigationTimeline).toHaveLength(9);
    expect(litigationTimeline.join('|')).toMatch(/Pleadings\|Discovery/);

    // Live: an update published while the page is open appears without a reload. Published until
    // seen, since the subscription may still be starting when the first one is recorded.
    const { data: me } = await system.graphql<{ me: { client: { id: string } } }>(await system.login('ava.martin@example.com'), '{ me { client { id } } }');
    const clientId = me!.me.client.id;
    const title = 'Mediation date confirmed';
    const deadline = Date.now() + 30_000;
    let seen = false;
    while (!seen && Date.now() < deadline) {
      await publishUpdates(system.database.dataSource, [{ matterId, clientId, title, body: 'The mediator confirmed the date.' }]);
      seen = await page.getByRole('heading', { name: title }).first().waitFor({ timeout: 2_000 }).then(() => true, () => false);
    }
    expect(seen).toBe(true);
    // A hearing moved in the CMS simulator shows its new date on the open page after the next sync.
    const { data: schedule } = await system.graphql<{ matter: { events: Array<{ id: string; title: string }> } }>(
      await system.login('ava.martin@example.com'), 'query($id: ID!) { matter(id: $id) { events(upcoming: true) { id title } } }', { id: matterId });
    const hearing = schedule!.matter.events.find((e) => e.id.startsWith('calendar:'))!;
    const moved = await fetch(`${system.simulators!.cms.url}/api/v4/calendar_entries/${hearing.id.slice('calendar:'.length)}.json`, {
      method: 'PATCH', headers: { authorization: `Bearer ${DEFAULT_SIM_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { start_at: '2027-03-15T12:00:00Z', end_at: '2027-03-15T13:00:00Z' } }),
    });
    expect(moved.status).toBe(200);
    await system.syncNow();
    await page.getByText(/March 15, 2027/).first().waitFor({ timeout: 20_000 });

    // The same update reaches the bell through notificationAdded; marking read clears the count.
    const bell = page.getByRole('button', { name: /^Notifications [1-9]\d* unread$/ });
    await bell.waitFor({ timeout: 20_000 });
    await bell.click();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByRole('button', { name: 'Notifications 0 unread' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Notifications 0 unread' }).click();
    const published = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) }).first();
    await published.getByRole('button', { name: 'Why am I seeing this?' }).click();
    // The update's provenance from the graph: the rule that published it (the helper records "test").
    await published.getByText('Your legal team\'s notification rule "test" published this update for you.').waitFor({ timeout: 5_000 });
    await page.screenshot({ path: path.join(artifacts, 'matter-live-update.png'), fullPage: true });

    // A document downloads as a watermarked copy naming Ava's client record.
    const { data: who } = await system.graphql<{ me: { client: { name: string } } }>(await system.login('ava.martin@example.com'), '{ me { client { name } } }');
    const download = page.getByRole('link', { name: /^Download / }).first();
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), download.click()]);
    const bytes = readFileSync(await file.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(bytes)).toContain(`Confidential — prepared for ${who!.me.client.name}`);

    // The chatbot answers on the same page.
    await page.getByLabel('Ask a question').fill('When is my next court date?');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = page.getByRole('list', { name: 'Assistant' }).getByRole('listitem').filter({ hasText: /^Assistant:/ }).first();
    await reply.waitFor({ timeout: 20_000 });
    const answer = await reply.innerText();
    expect(answer).not.toMatch(/could not answer/);
    expect(answer).toMatch(/20\d\d/);
    await page.screenshot({ path: path.join(artifacts, 'ask.png'), fullPage: true });

    // Spanish throughout, <html lang> included, and saved in her preferences (her email follows it).
    const savedLanguage = async () => (await system.graphql<{ notificationPreferences: { language: string } }>(
      await system.login('ava.martin@example.com'), '{ notificationPreferences { language } }')).data!.notificationPreferences.language;
    const languageSaved = async (language: string) => {
      const deadline = Date.now() + 10_000;
      while (await savedLanguage() !== language && Date.now() < deadline) await page.waitForTimeout(100);
      expect(await savedLanguage()).toBe(language);
    };
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'En qué punto está su caso' }).waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await languageSaved('es');
    // A new browser (no localStorage) signed in as her speaks Spanish: the choice is hers, not the browser's.
    const elsewhere = await browser.newContext({ storageState: { cookies: [], origins: [{ origin: base, localStorage: [{ name: 'casebridge.token', value: await system.login('ava.martin@example.com') }] }] } });
    const elsewherePage = await elsewhere.newPage();
    await elsewherePage.goto(`${base}/`);
    await elsewherePage.getByRole('heading', { name: 'Mis asuntos' }).waitFor({ timeout: 15_000 });
    await elsewhere.close();
    await check(page, 'matter-es');
    await page.getByLabel('Language').selectOption('en');
    await languageSaved('en');

    // Her estate-planning matter has no court case: its timeline has no pleadings, discovery or trial.
    await page.getByRole('link', { name: 'Back to my matters' }).click();
    await page.getByRole('link', { name: /will and trust/ }).click();
    await page.getByRole('heading', { level: 1, name: /will and trust/ }).waitFor({ timeout: 15_000 });
    const estateTimeline = await timeline();
    expect(estateTimeline.map((s) => s.replace(/ \(current stage\)$/, ''))).toEqual(['Intake', 'Engaged', 'Resolution', 'Closed']);
    await check(page, 'matter-estate');

    // Another client's matter answers like a missing one.
    const ben = await system.login('ben.okafor@example.com');
    const theirs = await system.graphql<{ matters: Array<{ id: string }> }>(ben, '{ matters { id } }');
    await page.goto(`${base}/matters/${encodeURIComponent(theirs.data!.matters[0]!.id)}`);
    await page.getByText(/Matter not found/).waitFor({ timeout: 15_000 });
    await check(page, 'not-found');

    // Settings: notification preferences saved through the graph and read back after a reload.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('How often to email me').selectOption('DAILY');
    await page.getByLabel('Quiet hours (non-urgent email waits)').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your preferences are saved.').waitFor({ timeout: 10_000 });
    await page.reload();
    await page.getByLabel('From').waitFor({ timeout: 10_000 });
    expect(await page.getByLabel('How often to email me').inputValue()).toBe('DAILY');
    await check(page, 'settings');

    // Sign out ends the session: a reload shows the sign-in form.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 5_000 });
    await context.close();
  }, 180_000);

  it('keeps GraphiQL at GET /graphql for a browser beside the portal at /', async () => {
    const graphiql = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toMatch(/graphiql/i);
    const portal = await fetch(`${base}/matters/anything`, { headers: { accept: 'text/html' } });
    expect(await portal.text()).toMatch(/<div id="root">/);
  });

  it('sends an expired session back to sign-in with a message', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.evaluate(() => localStorage.setItem('casebridge.token', 'expired.or.forged'));
    await page.reload();
    await page.getByText('Your session has expired. Please sign in again.').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 5_000 });
    await context.close();
  }, 60_000);

  it('signs in with an emailed link once and only once, and answers an unknown address the same', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    const answer = page.getByRole('status').filter({ hasText: 'sign-in link is on its way' });
    await answer.waitFor({ timeout: 10_000 });
    const unknownAnswer = await answer.innerText();

    await page.getByLabel('Email').fill('ava.martin@example.com');
    const before = smtp.inbox.length;
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    // The same answer over HTTP for an address with a login and one without.
    const ask = (email: string) => fetch(`${base}/auth/sign-in-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) })
      .then(async (r) => `${r.status} ${await r.text()}`);
    expect(await ask('ben.okafor@example.com')).toBe(await ask('nobody@example.com'));
    expect(unknownAnswer).toMatch(/works once, within 15 minutes/);
    const deadline = Date.now() + 15_000;
    let token: string | undefined;
    while (!token && Date.now() < deadline) {
      const mail = smtp.inbox.slice(before).find((m) => m.to.includes('ava.martin@example.com') && /sign-in link/.test(m.subject));
      token = mail ? /sign-in-link=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] : undefined;
      if (!token) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(token).toBeDefined();
    expect(smtp.inbox.slice(before).filter((m) => m.to.includes('nobody@example.com'))).toEqual([]);

    await page.goto(`${base}/?sign-in-link=${token}`);
    await page.getByRole('heading', { name: 'My matters' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).search).toBe('');

    const second = await browser.newContext();
    const again = await second.newPage();
    await again.goto(`${base}/?sign-in-link=${token}`);
    await again.getByText(/invalid, already used or expired/).waitFor({ timeout: 15_000 });
    await again.screenshot({ path: path.join(artifacts, 'sign-in-link-used.png'), fullPage: true });
    await second.close();
    await context.close();
  }, 60_000);

  it('shows an admin every matter, sync health, quarantine and a rule dry run', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Email').fill('admin@smithjones.example');
    await page.getByLabel('Password').fill('casebridge-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Ava's and Ben's matters alike: the list is the graph's, by role.
    await page.getByRole('link', { name: /00001-Martin/ }).waitFor({ timeout: 15_000 });
    const ben = await system.login('ben.okafor@example.com');
    const { data } = await system.graphql<{ matters: Array<{ number: string }> }>(ben, '{ matters { number } }');
    await page.getByRole('link', { name: new RegExp(data!.matters[0]!.number) }).waitFor({ timeout: 5_000 });
    await page.getByRole('link', { name: 'Firm dashboard' }).click();
    await page.getByRole('heading', { name: 'Sync health' }).waitFor({ timeout: 10_000 });
    await page.getByRole('cell', { name: 'cms', exact: true }).waitFor({ timeout: 10_000 });
    await page.getByRole('heading', { name: 'Quarantine' }).waitFor();
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('status').filter({ hasText: /\d+ decisions/ }).waitFor({ timeout: 20_000 });
    await check(page, 'staff');
    await context.close();
  }, 60_000);
});
