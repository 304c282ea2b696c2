import type { ReplayDecision as Decision } from '../rules/replay.js';

export const ReplayDecision = {
  at: (decision: Decision) => decision.at.toISOString(),
};
