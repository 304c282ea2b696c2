import type { ReplayDecision as Decision, ReplayPosition } from '../rules/replay.js';
import { encodeReplayCursor } from '../rules/replay-args.js';

export const ReplayDecision = {
  at: (decision: Decision) => decision.at.toISOString(),
  cursor: (decision: Decision & { position: ReplayPosition }) => encodeReplayCursor(decision.position),
};
