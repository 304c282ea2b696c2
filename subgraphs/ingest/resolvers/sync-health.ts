import type { IngestContext } from '../loaders.js';

export const syncHealthQuery = {
  syncHealth: (_: unknown, _args: unknown, { loaders }: IngestContext) => loaders.syncHealth(),
};
