import type { MatterUpdateRow } from '../entities/index.js';

export const MatterUpdate = {
  at: (update: MatterUpdateRow) => update.at.toISOString(),
};
