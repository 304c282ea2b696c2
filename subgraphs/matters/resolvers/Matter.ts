import type { MatterRow } from '../entities/index.js';
import type { MattersContext } from '../loaders.js';
import { isUpcoming, nextHearing } from '../events.js';

type MatterReference = { id: string } | { number: string };

export const Matter = {
  /** Referenced by id (billing, notifications) or by display number (documents); null when not visible. */
  __resolveReference: (reference: MatterReference, { loaders }: MattersContext) =>
    'id' in reference ? loaders.matterById.load(reference.id) : loaders.matterByNumber.load(reference.number),
  openedAt: (matter: MatterRow) => matter.openedOn,
  client: async (matter: MatterRow, _: unknown, { loaders }: MattersContext) => {
    const client = await loaders.clientById.load(matter.clientId);
    if (!client) throw new Error(`matter ${matter.id} has no client ${matter.clientId} in the read model`);
    return client;
  },
  events: async (matter: MatterRow, { upcoming }: { upcoming?: boolean | null }, { loaders }: MattersContext) => {
    const events = await loaders.eventsByMatterId.load(matter.id);
    if (upcoming === true) return events.filter((e) => isUpcoming(e));
    if (upcoming === false) return events.filter((e) => !isUpcoming(e));
    return events;
  },
  nextHearing: async (matter: MatterRow, _: unknown, { loaders }: MattersContext) => nextHearing(await loaders.eventsByMatterId.load(matter.id)),
  stageHistory: (matter: MatterRow, _: unknown, { loaders }: MattersContext) => loaders.stageHistoryByMatterId.load(matter.id),
  updates: (matter: MatterRow, _: unknown, { loaders }: MattersContext) => loaders.updatesByMatterId.load(matter.id),
  legacyStatus: (matter: MatterRow) => ({ status: matter.legacyStatus, caseStatus: matter.legacyCaseStatus }),
  syncedAt: (matter: MatterRow) => matter.syncedAt.toISOString(),
};
