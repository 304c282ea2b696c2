import { z } from 'zod';
import type { MatterUpdateResolvers } from '../generated/resolvers.js';
import { MATTER_STAGES } from '../stages/stage-machine.js';

/** The part of an update's recorded facts (rules/engine.ts, factsOf) a client may see. */
const recorded = z.object({
  event: z.object({ type: z.string() }).optional().catch(undefined),
  stageBefore: z.enum(MATTER_STAGES).optional().catch(undefined),
});

export const MatterUpdate: MatterUpdateResolvers = {
  provenance: (update) => {
    const facts = recorded.parse(update.facts ?? {});
    return { rule: update.rule, eventType: facts.event?.type ?? null, stageBefore: facts.stageBefore ?? null };
  },
};
