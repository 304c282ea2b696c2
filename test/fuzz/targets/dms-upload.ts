/**
 * Multipart uploads to the DMS simulator (POST /v1/documents): a file part that is no PDF, empty or
 * missing, metadata that is no JSON or the wrong JSON, parts under other names, bodies that are no
 * multipart at all or cut short, and boundaries that do not match.
 */
import fc from 'fast-check';
import { assertRefused, send } from '../support/answers.js';
import type { FuzzContext } from '../support/context.js';
import { deepValue, hostileString } from '../support/graphql-inputs.js';
import { fuzz } from '../support/runs.js';
import { malformedJson } from './sign-in.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

type Upload = { kind: 'form'; parts: Array<{ name: string; value: string | Buffer; fileName?: string }>; wellFormed: boolean } | { kind: 'raw'; contentType: string | undefined; body: Buffer };

function uploads(matterNumbers: string[]): fc.Arbitrary<Upload> {
  const goodMetadata = fc.record({ name: fc.oneof(fc.constant('Letter.pdf'), hostileString), matterNumber: fc.constantFrom(...matterNumbers), docType: fc.oneof(fc.constant('Correspondence'), hostileString), tags: fc.array(hostileString, { maxLength: 3 }) });
  const badMetadata = fc.oneof(
    malformedJson(['name', 'matterNumber', 'docType', 'attributes', 'tags']).map((raw) => raw.body),
    fc.record({ name: fc.oneof(fc.integer(), fc.constant(''), deepValue), matterNumber: fc.oneof(fc.constantFrom(...matterNumbers), fc.constant('NO-SUCH-MATTER')), docType: fc.constant('Letter') }).map((m) => JSON.stringify(m)),
    goodMetadata.map((m) => JSON.stringify({ ...m, unexpected: true })),
    goodMetadata.map((m) => JSON.stringify({ ...m, tags: Array.from({ length: 60 }, (_, i) => `t${i}`) })),
  );
  const file = fc.oneof(
    fc.constant({ ok: true, value: PDF }),
    fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ ok: false, value: Buffer.from(bytes) })),
    fc.constant({ ok: false, value: Buffer.alloc(0) }),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ ok: false, value: Buffer.concat([Buffer.from('%PDF'), Buffer.from(bytes)]) })),
  );
  const form = fc.record({
    file: fc.option(file, { freq: 6 }),
    fileField: fc.oneof({ weight: 5, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }),
    metadata: fc.oneof(goodMetadata.map((m) => ({ ok: true, value: JSON.stringify(m) })), badMetadata.map((value) => ({ ok: false, value })), fc.constant(null)),
    extra: fc.array(fc.record({ name: fc.string({ maxLength: 10 }), value: hostileString }), { maxLength: 6 }),
  }).map(({ file: f, fileField, metadata, extra }): Upload => {
    const parts: Array<{ name: string; value: string | Buffer; fileName?: string }> = [];
    if (f) parts.push({ name: fileField, value: f.value, fileName: 'upload.pdf' });
    if (metadata) parts.push({ name: 'metadata', value: metadata.value });
    parts.push(...extra.filter((e) => e.name !== 'metadata' && e.name !== 'file'));
    return { kind: 'form', parts, wellFormed: Boolean(f?.ok && fileField === 'file' && metadata?.ok) };
  });
  const raw = fc.record({
    contentType: fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=abc', 'multipart/form-data; boundary="x"; charset=utf-16', 'application/json', 'application/pdf', undefined),
    body: fc.oneof(
      fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
      fc.string().map((s) => Buffer.from(`--abc\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-${s}`)),
      fc.string().map((s) => Buffer.from(`--abc\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${s}\r\n--abc--\r\n`)),
    ),
  }).map((r): Upload => ({ kind: 'raw', ...r }));
  return fc.oneof({ weight: 3, arbitrary: form }, { weight: 1, arbitrary: raw });
}

export async function fuzzDmsUpload(ctx: FuzzContext, token: string, runs: number): Promise<void> {
  const sims = ctx.system.simulators!;
  const matterNumbers = sims.store.matters.all().slice(0, 5).map((m) => m.display_number);
  await fuzz(uploads(matterNumbers), async (upload) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let body: FormData | Uint8Array<ArrayBuffer>;
    if (upload.kind === 'form') {
      body = new FormData();
      for (const part of upload.parts) {
        if (part.fileName) body.append(part.name, new Blob([Buffer.from(part.value)], { type: 'application/pdf' }), part.fileName);
        else body.append(part.name, typeof part.value === 'string' ? part.value : new Blob([Buffer.from(part.value)]));
      }
    } else {
      body = new Uint8Array(upload.body);
      if (upload.contentType) headers['content-type'] = upload.contentType;
    }
    const what = upload.kind === 'form' ? `multipart ${upload.parts.map((p) => `${p.name}=${String(p.value).slice(0, 80)}`).join(' & ')}` : `raw ${upload.contentType} ${upload.body.toString('latin1').slice(0, 120)}`;
    const before = sims.store.documents.all().length;
    const answer = await send(`${sims.dms.url}/v1/documents`, { method: 'POST', headers, body });
    if (answer.status === 201) {
      if (upload.kind !== 'form' || !upload.wellFormed) throw new Error(`${what}: a malformed upload was stored: ${answer.text.slice(0, 200)}`);
      return;
    }
    assertRefused(answer, what, [400, 413, 415]);
    const after = sims.store.documents.all().length;
    if (after !== before) throw new Error(`${what}: refused, yet the DMS holds ${after - before} more documents`);
  }, runs);
}
