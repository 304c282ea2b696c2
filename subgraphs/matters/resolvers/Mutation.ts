import type { DataSource } from 'typeorm';
import type { MutationResolvers } from '../generated/resolvers.js';
import type { Invitations } from '../invitations.js';
import { overrideMatterStage } from '../stages/override.js';

/** The matters context's mutations; they need services the read-only resolvers do not. */
export function createMutation(invitations: Invitations, dataSource: DataSource): MutationResolvers {
  return {
    inviteClient: (_, { clientId }, { principal, loaders }) => invitations.invite(principal, loaders, clientId),
    overrideMatterStage: (_, args, { principal, loaders }) => overrideMatterStage(dataSource, principal, loaders, args),
  };
}
