import type { StageTransitionRow } from '../entities/index.js';

export const StageTransition = {
  from: (move: StageTransitionRow) => move.fromStage,
  to: (move: StageTransitionRow) => move.toStage,
  at: (move: StageTransitionRow) => move.at.toISOString(),
};
