import type { StageTransitionResolvers } from '../generated/resolvers.js';

export const StageTransition: StageTransitionResolvers = {
  from: (move) => move.fromStage,
  to: (move) => move.toStage,
};
