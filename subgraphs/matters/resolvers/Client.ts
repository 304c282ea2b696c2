import type { ClientResolvers } from '../generated/resolvers.js';

export const Client: ClientResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.clientById.load(id),
  matters: (client, _, { loaders }) => loaders.mattersByClientId.load(client.id),
};
