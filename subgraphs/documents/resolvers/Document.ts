import type { DocumentResolvers } from '../generated/resolvers.js';

export const Document: DocumentResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.visibleDocument(id),
  matter: (document) => ({ number: document.matterNumber }),
  downloadUrl: (document, _args, { loaders }) => loaders.downloadUrl(document.id),
};
