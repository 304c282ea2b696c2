import type { MatterResolvers } from '../generated/resolvers.js';

export const Matter: MatterResolvers = {
  /** Null when the caller may not see the matter, exactly as when it does not exist. */
  __resolveReference: async ({ number }, { loaders }) => ((await loaders.visibleMatter.load(number)) ? { number } : null),
  documents: (matter, _, { loaders }) => loaders.documentsOfMatter(matter.number),
};
