/**
 * The portal sends only operations typed by codegen from the supergraph: its generated files are
 * current, and no component writes a GraphQL operation of its own in a string.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const src = new URL('../src/', import.meta.url);

describe('portal operations', () => {
  // GraphQL Code Generator's CLI loads ESM-only modules Jest cannot: it runs as its own process.
  it('has its operation types up to date with the supergraph (run `npm run codegen:portal` when this fails)', async () => {
    await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/codegen-portal.ts', '--check'], { timeout: 60_000 })).resolves.toBeDefined();
  });

  it('writes every operation in a .graphql file, none by hand in the components', () => {
    const handWritten = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.generated.ts'))
      .filter((file) => /(^|[`'"])\s*(query|mutation|subscription)\s+[A-Z]\w*\s*[({]/m.test(readFileSync(new URL(file, src), 'utf8')));
    expect(handWritten).toEqual([]);
  });
});
