/**
 * GET /documents/:id/download on the real system: the graph's signed link serves a stamped copy;
 * another client's document answers exactly like a missing one; an altered or expired link is refused.
 */
import { signDownloadPath } from '../shared/auth/download-links.js';
import { startTestSystem, type TestSystem } from '../test/support/system.js';

describe('watermarked document downloads', () => {
  let system: TestSystem;
  let base: string;
  let avaDocument: { id: string; downloadUrl: string };
  let benAccountId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    base = system.gatewayUrl.replace(/\/graphql$/, '');
    const ava = await system.login('ava.martin@example.com');
    const mine = await system.graphql<{ matters: Array<{ documents: Array<{ id: string; downloadUrl: string }> }> }>(ava, '{ matters { documents { id downloadUrl } } }');
    avaDocument = mine.data!.matters.flatMap((m) => m.documents)[0]!;
    const ben = await system.login('ben.okafor@example.com');
    benAccountId = (await system.graphql<{ me: { id: string } }>(ben, '{ me { id } }')).data!.me.id;
  }, 120_000);
  afterAll(() => system?.stop());

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
