import type { DataSource } from 'typeorm';
import type { Invitations } from '../invitations.js';
import type { MattersContext } from '../loaders.js';
import { overrideMatterStage } from '../stages/override.js';

/** The matters context's mutations; they need services the read-only resolvers do not. */
export function createMutation(invitations: Invitations, dataSource: DataSource) {
  return {
    inviteClient: (_: unknown, { clientId }: { clientId: string }, { principal, loaders }: MattersContext) =>
      invitations.invite(principal, loaders, clientId),
    overrideMatterStage: (_: unknown, args: { matterId: string; stage: string; reason: string }, { principal, loaders }: MattersContext) =>
      overrideMatterStage(dataSource, principal, loaders, args),
  };
}
