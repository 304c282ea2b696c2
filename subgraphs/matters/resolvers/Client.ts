import type { ClientRow } from '../entities/index.js';
import type { MattersContext } from '../loaders.js';

export const Client = {
  __resolveReference: ({ id }: { id: string }, { loaders }: MattersContext) => loaders.clientById.load(id),
  matters: (client: ClientRow, _: unknown, { loaders }: MattersContext) => loaders.mattersByClientId.load(client.id),
};
