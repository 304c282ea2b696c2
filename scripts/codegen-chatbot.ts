/**
 * `npm run codegen:chatbot`: writes the chatbot's API schema and operation types (chatbot/operations/).
 * With `--check`, writes nothing and exits 1 when the committed files are stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { API_SCHEMA_FILE, TYPES_FILE, apiSchemaSdl, operationTypes } from '../chatbot/operations/codegen.js';

const schema = await apiSchemaSdl();
const files = [[API_SCHEMA_FILE, schema], [TYPES_FILE, await operationTypes(schema)]] as const;
if (process.argv.includes('--check')) {
  const stale = [];
  for (const [file, content] of files) if (await readFile(file, 'utf8').catch(() => '') !== content) stale.push(fileURLToPath(file));
  if (stale.length) {
    process.stderr.write(`stale: ${stale.join(', ')}; run \`npm run codegen:chatbot\`\n`);
    process.exit(1);
  }
} else {
  for (const [file, content] of files) await writeFile(file, content);
  process.stdout.write(`wrote ${files.map(([file]) => fileURLToPath(file)).join(' and ')}\n`);
}
