import { z } from 'zod';
import { ROLES } from './Account.js';

/** Who is asking: what the gateway establishes and forwards to every subgraph. */
export const principalSchema = z.object({
  accountId: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  /** The CMS contact id, for clients. */
  clientId: z.string().nullable(),
  /** The CMS user id, for staff and admins. */
  staffId: z.string().nullable(),
});
export type Principal = z.infer<typeof principalSchema>;
