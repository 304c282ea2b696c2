/**
 * `npm run bench:downloads`: peak memory of watermarked downloads. The real system (graph,
 * signed links, visibility) with the gateway's download route mounted against a DMS that serves a
 * ~10 MB, 100-page PDF; 20 clients download it at once, each retrying a 503 until it gets its
 * copy. Prints the process's resident memory before and at its peak (sampled every 10 ms), per
 * DOWNLOAD_MAX_CONCURRENT setting, and how many 503s were answered.
 *   BENCH_CLIENTS=20 BENCH_LIMITS=4,20 npm run bench:downloads
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { PDFDocument } from 'pdf-lib';
import { createLogger } from '../shared/logger.js';
import { documentDownloadRouter } from '../gateway/document-download.js';
import { startTestSystem } from '../test/support/system.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const LIMITS = (process.env.BENCH_LIMITS ?? '4,20').split(',').map(Number);
const MB = 1024 * 1024;

/** 100 pages of text and 10 MB of incompressible attachments (as scanned exhibits weigh): about 10 MB. */
async function tenMegabytePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let p = 0; p < 100; p += 1) {
    doc.addPage([612, 792]).drawText(`Page ${p + 1}`, { x: 72, y: 720 });
    await doc.attach(randomBytes(100 * 1024), `exhibit-${p}.bin`, { mimeType: 'application/octet-stream' });
  }
  return Buffer.from(await doc.save());
}

const pdf = await tenMegabytePdf();
// Every retry asks the graph who may see the document: the clients' rate limit is raised so the bench measures memory, not it.
const system = await startTestSystem({ LOG_LEVEL: 'silent', RATE_LIMIT_CLIENT_PER_MINUTE: '100000' });
const dms = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(pdf.length) }).end(pdf));
await new Promise<void>((resolve) => dms.listen(0, '127.0.0.1', resolve));
const ava = await system.login('ava.martin@example.com');
const mine = await system.graphql<{ matters: Array<{ documents: Array<{ downloadUrl: string }> }> }>(ava, '{ matters { documents { downloadUrl } } }');
const link = mine.data!.matters.flatMap((m) => m.documents)[0]!.downloadUrl;
process.stdout.write(`original: ${(pdf.length / MB).toFixed(1)} MB, ${CLIENTS} clients at once\n`);

for (const limit of LIMITS) {
  const spool = await mkdtemp(path.join(tmpdir(), 'casebridge-bench-download-'));
  const config = { ...system.config, downloads: { maxPdfBytes: 50 * MB, maxConcurrent: limit, tempDir: spool } };
  const app = express().use(documentDownloadRouter({
    config, dataSource: system.database.dataSource, logger: createLogger('bench', 'silent'),
    dmsUrl: `http://127.0.0.1:${(dms.address() as AddressInfo).port}`, graphUrl: () => system.gatewayUrl,
  }));
  const route = http.createServer(app);
  await new Promise<void>((resolve) => route.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(route.address() as AddressInfo).port}${link}`;

  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  let refused = 0;
  const started = Date.now();
  const download = async (): Promise<number> => {
    for (;;) {
      const response = await fetch(url);
      if (response.status === 503 || response.status === 429) {
        refused += 1;
        await response.arrayBuffer();
        // The route says Retry-After: 5; the bench comes back sooner to keep the run short.
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      if (response.status !== 200) throw new Error(`download answered ${response.status}: ${await response.text()}`);
      return (await response.arrayBuffer()).byteLength;
    }
  };
  const sizes = await Promise.all(Array.from({ length: CLIENTS }, download));
  clearInterval(sampler);
  // Files are deleted once each response has been written out: give that a moment before counting.
  const deadline = Date.now() + 5_000;
  while ((await readdir(spool)).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const left = await readdir(spool);
  process.stdout.write(`DOWNLOAD_MAX_CONCURRENT=${limit}: ${CLIENTS} stamped copies of ${(sizes[0]! / MB).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s; `
    + `RSS ${(before / MB).toFixed(0)} MB before, peak ${(peak / MB).toFixed(0)} MB (+${((peak - before) / MB).toFixed(0)} MB); ${refused} answered 503; spool files left: ${left.length}\n`);
  await new Promise((resolve) => route.close(resolve));
  await rm(spool, { recursive: true, force: true });
}

await new Promise((resolve) => dms.close(resolve));
await system.stop();
