/** The committed supergraph is what the gateway serves: it must be the composition of today's SDL files. */
import { readFile } from 'node:fs/promises';
import { SUPERGRAPH_FILE, composeSupergraph } from '../gateway/compose.js';

describe('gateway/supergraph.graphql', () => {
  it('is up to date with the subgraph SDL files (run `npm run compose` when this fails)', async () => {
    expect(await readFile(SUPERGRAPH_FILE, 'utf8')).toBe(await composeSupergraph());
  });
});
