import type { ReplayDecisionResolvers } from '../generated/resolvers.js';
import { encodeReplayCursor } from '../rules/replay-args.js';

/** `at` is the row's Date (the DateTime scalar serializes it); the cursor says where the next page starts. */
export const ReplayDecision: ReplayDecisionResolvers = {
  cursor: (decision) => encodeReplayCursor(decision.position),
};
