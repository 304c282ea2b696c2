import { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';

const inboxLeadSchema = z.object({
  inbox_lead_token: z.string().min(1),
  inbox_lead: z.object({
    from_first: z.string().trim().min(1),
    from_last: z.string().trim().min(1),
    from_email: z.string().trim().optional(),
    from_phone: z.string().trim().optional(),
    from_message: z.string().trim().min(1),
    referring_url: z.string().trim().min(1),
    from_source: z.string().trim().min(1),
  }),
});

export interface InboxLead {
  id: number;
  from_first: string;
  from_last: string;
  from_email: string | null;
  from_phone: string | null;
  from_message: string;
  referring_url: string;
  from_source: string;
  created_at: string;
}

/**
 * Clio Grow's lead inbox, `POST /inbox_leads`, for firms that use Grow: no bearer token, the
 * account's inbox token in the body; 201 with the lead, 401 for an unknown token, 422 naming a
 * missing required field.
 */
export function growInboxRouter(inboxToken: string, leads: InboxLead[]): Router {
  const router = Router();
  router.post('/inbox_leads', (req, res) => {
    const parsed = inboxLeadSchema.safeParse(req.body);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new HttpError(422, 'ValidationError', `Validation failed: ${detail}`);
    }
    if (parsed.data.inbox_lead_token !== inboxToken) throw new HttpError(401, 'Unauthorized', 'Unknown inbox_lead_token');
    const input = parsed.data.inbox_lead;
    const lead: InboxLead = {
      id: leads.length + 1,
      from_first: input.from_first,
      from_last: input.from_last,
      from_email: input.from_email ?? null,
      from_phone: input.from_phone ?? null,
      from_message: input.from_message,
      referring_url: input.referring_url,
      from_source: input.from_source,
      created_at: new Date().toISOString(),
    };
    leads.push(lead);
    res.status(201).json({ inbox_lead: lead });
  });
  return router;
}
