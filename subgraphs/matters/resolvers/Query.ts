import type { MattersContext } from '../loaders.js';

export const Query = {
  me: (_: unknown, __: unknown, { principal }: MattersContext) => principal,
  matters: (_: unknown, __: unknown, { loaders }: MattersContext) => loaders.allMatters(),
  matter: (_: unknown, { id }: { id: string }, { loaders }: MattersContext) => loaders.matterById.load(id),
};
