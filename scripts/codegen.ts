/**
 * `npm run codegen`: writes each subgraph's generated/resolvers.ts (see codegen.ts).
 * `--check` writes nothing: it exits 1, naming them, when the committed files differ from what the
 * SDL generates now (test/codegen.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

const check = process.argv.includes('--check');
const committed = (filename: string) => readFile(new URL(`../${filename}`, import.meta.url), 'utf8').catch(() => null);

try {
  const files = await generate(config, !check);
  if (!check) {
    for (const { filename } of files) process.stdout.write(`wrote ${filename}\n`);
  } else {
    const stale = [];
    for (const { filename, content } of files) if ((await committed(filename)) !== content) stale.push(filename);
    if (stale.length) {
      process.stderr.write(`stale generated files: ${stale.join(', ')}: run \`npm run codegen\` and commit the result.\n`);
      process.exit(1);
    }
    process.stdout.write(`${files.length} generated files up to date\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
