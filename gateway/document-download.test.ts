/**
 * GET /documents/:id/download on the real system: the graph's signed link serves a stamped copy;
 * another client's document answers exactly like a missing one; an altered or expired link is refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { PDFDocument } from 'pdf-lib';
import { signDownloadPath } from '../shared/auth/download-links.js';
import { createLogger } from '../shared/logger.js';
import { startTestSystem, type TestSystem } from '../test/support/system.js';
import { waitFor } from '../test/support/processes.js';
import { documentDownloadRouter } from './document-download.js';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
}, 120_000);
afterAll(() => system?.stop());

describe('watermarked document downloads', () => {
  let base: string;
  let avaDocument: { id: string; downloadUrl: string };
  let benAccountId: string;

  beforeAll(async () => {
    base = system.gatewayUrl.replace(/\/graphql$/, '');
    const ava = await system.login('ava.martin@example.com');
    const mine = await system.graphql<{ matters: Array<{ documents: Array<{ id: string; downloadUrl: string }> }> }>(ava, '{ matters { documents { id downloadUrl } } }');
    avaDocument = mine.data!.matters.flatMap((m) => m.documents)[0]!;
    const ben = await system.login('ben.okafor@example.com');
    benAccountId = (await system.graphql<{ me: { id: string } }>(ben, '{ me { id } }')).data!.me.id;
  }, 60_000);

  it('serves the signed link as a stamped PDF, never cached', async () => {
    const response = await fetch(`${base}${avaDocument.downloadUrl}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("answers another client's document exactly like a missing one", async () => {
    const theirs = await fetch(`${base}${signDownloadPath(system.config.auth.subgraphSecret, avaDocument.id, benAccountId)}`);
    const missing = await fetch(`${base}${signDownloadPath(system.config.auth.subgraphSecret, 'no-such-document', benAccountId)}`);
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await theirs.text()).toBe(await missing.text());
  });

  it('refuses an altered or expired link', async () => {
    const altered = avaDocument.downloadUrl.replace(/a=[^&]+/, `a=${encodeURIComponent(benAccountId)}`);
    expect((await fetch(`${base}${altered}`)).status).toBe(403);
    const expired = signDownloadPath(system.config.auth.subgraphSecret, avaDocument.id, benAccountId, Date.now() - 3_600_000);
    const response = await fetch(`${base}${expired}`);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/open the document again/);
  });
});

/**
 * A DMS that answers when the test says so, serving what the test chooses: the gateway's route
 * mounted against it (and the real graph for who may see what), with one stamping slot and a
 * small size cap, so the limit, the cap and the cleanup can be watched happening.
 */
describe('watermarked downloads under load: one slot, a byte cap, nothing left behind', () => {
  const CAP = 300_000;
  let spool: string;
  let dms: http.Server;
  let route: http.Server;
  let base: string;
  let link: string;
  let pdf: Buffer;
  let serve: (res: http.ServerResponse) => void = () => undefined;
  const held: http.ServerResponse[] = [];
  const spooled = () => readdir(spool);

  beforeAll(async () => {
    spool = await mkdtemp(path.join(tmpdir(), 'casebridge-spool-test-'));
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i += 1) doc.addPage([612, 792]).drawText(`Page ${i + 1}`, { x: 72, y: 700 });
    pdf = Buffer.from(await doc.save());
    dms = http.createServer((_req, res) => serve(res));
    await new Promise<void>((resolve) => dms.listen(0, '127.0.0.1', resolve));
    const config = { ...system.config, downloads: { maxPdfBytes: CAP, maxConcurrent: 1, tempDir: spool } };
    const app = express().use(documentDownloadRouter({
      config, dataSource: system.database.dataSource, logger: createLogger('test', 'silent'),
      dmsUrl: `http://127.0.0.1:${(dms.address() as AddressInfo).port}`, graphUrl: () => system.gatewayUrl,
    }));
    route = http.createServer(app);
    await new Promise<void>((resolve) => route.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(route.address() as AddressInfo).port}`;
    const ava = await system.login('ava.martin@example.com');
    const mine = await system.graphql<{ matters: Array<{ documents: Array<{ downloadUrl: string }> }> }>(ava, '{ matters { documents { downloadUrl } } }');
    expect(mine.errors).toBeUndefined();
    link = mine.data!.matters.flatMap((m) => m.documents)[0]!.downloadUrl;
  }, 60_000);

  afterAll(async () => {
    for (const res of held) res.destroy();
    await new Promise((resolve) => route?.close(resolve));
    await new Promise((resolve) => dms?.close(resolve));
    if (spool) await rm(spool, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while the one slot is taken, then serves the held download and deletes its files', async () => {
    serve = (res) => { held.push(res); };
    const first = fetch(`${base}${link}`);
    // The first download holds the slot: its spool directory exists and the DMS has its request.
    await waitFor(async () => held.length === 1 && (await spooled()).length === 1, 15_000, () => 'the first download never reached the DMS');
    const second = await fetch(`${base}${link}`);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('5');
    expect(((await second.json()) as { error: string }).error).toBe('Too many watermarked copies are being prepared right now: please try again in 5 seconds.');
    expect(held).toHaveLength(1);

    held[0]!.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="brief.pdf"' }).end(pdf);
    const served = await first;
    expect(served.status).toBe(200);
    expect(served.headers.get('content-disposition')).toBe('attachment; filename="brief.pdf"');
    const stamped = await PDFDocument.load(Buffer.from(await served.arrayBuffer()));
    expect(stamped.getPageCount()).toBe(3);
    await waitFor(async () => (await spooled()).length === 0, 5_000, () => 'the spool directory was left behind');
    // The slot is free again.
    serve = (res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    expect((await fetch(`${base}${link}`)).status).toBe(200);
  });

  it('refuses an original past the byte cap even when the DMS sends no length, keeping nothing', async () => {
    serve = (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent <= CAP; sent += chunk.length) res.write(chunk);
      res.end();
    };
    const refused = await fetch(`${base}${link}`);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toMatch(/too large for a watermarked copy/);
    serve = (res) => res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(CAP + 1) }).end(Buffer.alloc(CAP + 1));
    expect((await fetch(`${base}${link}`)).status).toBe(422);
    expect(await spooled()).toEqual([]);
  });

  it('refuses a PDF that cannot be stamped and deletes the spooled original', async () => {
    serve = (res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7 not really');
    const refused = await fetch(`${base}${link}`);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toMatch(/not a readable PDF/);
    expect(await spooled()).toEqual([]);
  });

  it('deletes the stamped copy when the client goes away mid-download', async () => {
    const big = await PDFDocument.create();
    const filler = 'x'.repeat(3000);
    for (let i = 0; i < 60; i += 1) big.addPage([612, 792]).drawText(filler, { x: 10, y: 10, size: 4 });
    const bytes = Buffer.from(await big.save({ useObjectStreams: false }));
    serve = (res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(bytes);
    const controller = new AbortController();
    const response = await fetch(`${base}${link}`, { signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await waitFor(async () => (await spooled()).length === 0, 10_000, () => 'the aborted download left its files');
  });
});
