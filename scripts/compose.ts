/** `npm run compose`: writes gateway/supergraph.graphql from the subgraphs' SDL files. */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CompositionError, SUPERGRAPH_FILE, composeSupergraph } from '../gateway/compose.js';

try {
  await writeFile(SUPERGRAPH_FILE, await composeSupergraph());
  process.stdout.write(`wrote ${fileURLToPath(SUPERGRAPH_FILE)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof CompositionError ? error.message : String(error)}\n`);
  process.exit(1);
}
