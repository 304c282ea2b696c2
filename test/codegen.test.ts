/**
 * The committed resolver types are what codegen.ts makes of today's SDL files, as the supergraph is
 * of them. The generator runs in its own process: its plugins are ES modules Jest cannot load.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('subgraphs/*/generated/resolvers.ts', () => {
  it('are up to date with the subgraph SDL files (run `npm run codegen` when this fails)', async () => {
    const result = await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/codegen.ts', '--check'], { cwd: root, timeout: 50_000 })
      .catch((error: { stderr?: string; message: string }) => { throw new Error(error.stderr || error.message); });
    expect(result.stdout).toMatch(/6 generated files up to date/);
  });
});
