import type { Invitations } from '../invitations.js';
import type { MattersContext } from '../loaders.js';

/** The matters context's mutations; they need services the read-only resolvers do not. */
export function createMutation(invitations: Invitations) {
  return {
    inviteClient: (_: unknown, { clientId }: { clientId: string }, { principal, loaders }: MattersContext) =>
      invitations.invite(principal, loaders, clientId),
  };
}
