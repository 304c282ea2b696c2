import type { MatterResolvers } from '../generated/resolvers.js';
import { isUpcoming, nextHearing } from '../events.js';
import { stagesOf } from '../stages/stage-machine.js';

export const Matter: MatterResolvers = {
  /** Referenced by id (billing, notifications) or by display number (documents); null when not visible. */
  __resolveReference: (reference, { loaders }) =>
    'id' in reference ? loaders.matterById.load(reference.id) : loaders.matterByNumber.load(reference.number),
  openedAt: (matter) => matter.openedOn,
  client: async (matter, _, { loaders }) => {
    const client = await loaders.clientById.load(matter.clientId);
    if (!client) throw new Error(`matter ${matter.id} has no client ${matter.clientId} in the read model`);
    return client;
  },
  events: async (matter, { upcoming }, { loaders }) => {
    const events = await loaders.eventsByMatterId.load(matter.id);
    if (upcoming === true) return events.filter((e) => isUpcoming(e));
    if (upcoming === false) return events.filter((e) => !isUpcoming(e));
    return events;
  },
  nextHearing: async (matter, _, { loaders }) => nextHearing(await loaders.eventsByMatterId.load(matter.id)),
  stageHistory: (matter, _, { loaders }) => loaders.stageHistoryByMatterId.load(matter.id),
  stageTimeline: (matter) => [...stagesOf(matter.practiceArea)],
  updates: (matter, _, { loaders }) => loaders.updatesByMatterId.load(matter.id),
  legacyStatus: (matter) => ({ status: matter.legacyStatus, caseStatus: matter.legacyCaseStatus }),
};
