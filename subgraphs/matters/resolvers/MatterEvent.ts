import type { MatterEventRow } from '../entities/index.js';

export const MatterEvent = {
  startsAt: (event: MatterEventRow) => event.startsAt.toISOString(),
  endsAt: (event: MatterEventRow) => event.endsAt?.toISOString() ?? null,
};
