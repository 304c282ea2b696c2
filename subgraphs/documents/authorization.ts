import type { AuthorizationPolicy } from '../../shared/graphql/authorization/index.js';
import type { DocumentRow } from './entities/index.js';
import type { DocumentsContext } from './loaders.js';

/** This context's SDL rules, checked against the matters context's visibility, by matter number. */
export const authorization: AuthorizationPolicy<DocumentsContext> = {
  oracle: ({ loaders }) => loaders.visibility,
  subjects: {
    Document: { matter: (document: DocumentRow) => ({ number: document.matterNumber }) },
    Matter: { matter: (matter: { number: string }) => ({ number: matter.number }) },
  },
};
