import type { AuthorizationPolicy } from '../../shared/graphql/authorization/index.js';
import type { ClientRow, MatterEventRow, MatterRow, MatterUpdateRow, StageTransitionRow } from './entities/index.js';
import type { MattersContext } from './loaders.js';

/**
 * What the rules of this context's SDL are checked against: its own scoped loaders (access.ts)
 * answer "may the caller see it", and each guarded type says what its objects are about.
 */
export const authorization: AuthorizationPolicy<MattersContext> = {
  oracle: ({ loaders }) => loaders.visibility,
  subjects: {
    Matter: { matter: (matter: MatterRow) => ({ id: matter.id }) },
    MatterEvent: { matter: (event: MatterEventRow) => ({ id: event.matterId }) },
    StageTransition: { matter: (move: StageTransitionRow) => ({ id: move.matterId }) },
    MatterUpdate: { matter: (update: MatterUpdateRow) => ({ id: update.matterId }) },
    Client: { client: (client: ClientRow) => client.id },
  },
};
