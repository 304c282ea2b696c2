import { Initial1795727969594 } from './1795727969594-Initial.js';
import { IdentityHardeningAndAudit1795729958470 } from './1795729958470-IdentityHardeningAndAudit.js';

/** Every migration, oldest first. `npm run migration:generate -- <Name>` writes the next one. */
export const migrations = [
  Initial1795727969594,
  IdentityHardeningAndAudit1795729958470,
];
