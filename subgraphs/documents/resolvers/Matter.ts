import type { DocumentsContext } from '../loaders.js';

interface MatterReference {
  number: string;
}

export const Matter = {
  /** Null when the caller may not see the matter, exactly as when it does not exist. */
  __resolveReference: async (reference: MatterReference, { loaders }: DocumentsContext) =>
    (await loaders.visibleMatter.load(reference.number)) ? { number: reference.number } : null,
  documents: (matter: MatterReference, _: unknown, { loaders }: DocumentsContext) => loaders.documentsOfMatter(matter.number),
};
