import { z } from 'zod';
import { LegacyHttpClient, LegacyRequestError, clioPages, legacyId, type LegacyHttpClientOptions } from '../../../shared/legacy-http/index.js';
import type { Directory } from '../routing/engine.js';

const PAGE_SIZE = 200;
const created = z.object({ data: z.object({ id: legacyId }) });
const userSchema = z.object({
  id: legacyId, name: z.string(), email: z.string(), enabled: z.boolean(), subscription_type: z.string().nullish(),
  groups: z.array(z.object({ id: legacyId, name: z.string() })).nullish(),
});
const practiceAreaSchema = z.object({ id: legacyId, name: z.string() });
const contactSchema = z.object({
  id: legacyId, name: z.string(), first_name: z.string().nullish(), last_name: z.string().nullish(),
  primary_email_address: z.string().nullish(), is_client: z.boolean().nullish(),
});
const changedTaskSchema = z.object({ id: legacyId, status: z.string() });
const taskSchema = z.object({ data: z.object({ id: legacyId, status: z.string(), completed_at: z.string().nullish() }) });

export type CmsContact = z.infer<typeof contactSchema>;
export interface CmsDirectory extends Directory {
  practiceAreas: ReadonlyArray<{ id: string; name: string }>;
}

/**
 * The intake's adapter to the CMS (Clio Manage v4): the users with their groups and the practice
 * areas routing needs, contact search, and the writes a lead makes (contact, pending matter, task).
 */
export class IntakeCmsClient {
  readonly http: LegacyHttpClient;

  constructor(options: Omit<LegacyHttpClientOptions, 'system'>) {
    this.http = new LegacyHttpClient({ ...options, system: 'cms' });
  }

  private async all<T>(path: string, fields: string, schema: z.ZodType<T>, extra: Record<string, string> = {}): Promise<T[]> {
    const rows: T[] = [];
    const url = this.http.url(path, extra).toString();
    for await (const page of clioPages(this.http, url, { fields, limit: PAGE_SIZE }, schema)) rows.push(...page.records);
    return rows;
  }

  /** Users (with the groups they are in) and practice areas: 2 requests for a firm under 200 users. */
  async directory(): Promise<CmsDirectory> {
    const [users, practiceAreas] = await Promise.all([
      this.all('api/v4/users.json', 'id,name,email,enabled,subscription_type,groups{id,name}', userSchema),
      this.all('api/v4/practice_areas.json', 'id,name', practiceAreaSchema),
    ]);
    const groups = new Map<string, { id: string; name: string; memberIds: string[] }>();
    for (const user of users) {
      for (const group of user.groups ?? []) {
        const entry = groups.get(group.id) ?? { id: group.id, name: group.name, memberIds: [] };
        entry.memberIds.push(user.id);
        groups.set(group.id, entry);
      }
    }
    return {
      users: users.map((u) => ({ id: u.id, name: u.name, email: u.email, enabled: u.enabled, attorney: u.subscription_type === 'Attorney' })),
      groups: [...groups.values()],
      practiceAreas,
    };
  }

  /** Contacts whose name or email contains `text` (Clio's `query`). */
  searchContacts(text: string): Promise<CmsContact[]> {
    return this.all('api/v4/contacts.json', 'id,name,first_name,last_name,primary_email_address,is_client', contactSchema, { query: text });
  }

  async createContact(input: { firstName: string; lastName: string; email: string; phone: string | null }): Promise<string> {
    const body = {
      data: {
        type: 'Person', first_name: input.firstName, last_name: input.lastName,
        email_addresses: [{ address: input.email, name: 'Home', primary: true }],
        ...(input.phone ? { phone_numbers: [{ number: input.phone, name: 'Mobile', primary: true }] } : {}),
      },
    };
    return (await this.http.request('POST', 'api/v4/contacts.json', created, { query: { fields: 'id' }, body })).data.id;
  }

  async createPendingMatter(input: { clientId: string; practiceAreaId: string | null; responsibleAttorneyId: string | null; description: string; pendingDate: string }): Promise<string> {
    const body = {
      data: {
        client: { id: Number(input.clientId) }, status: 'Pending', description: input.description, pending_date: input.pendingDate,
        ...(input.practiceAreaId ? { practice_area: { id: Number(input.practiceAreaId) } } : {}),
        ...(input.responsibleAttorneyId ? { responsible_attorney: { id: Number(input.responsibleAttorneyId) } } : {}),
      },
    };
    return (await this.http.request('POST', 'api/v4/matters.json', created, { query: { fields: 'id' }, body })).data.id;
  }

  async createTask(input: { name: string; description: string; dueOn: string; priority: string; assigneeId: string | null; matterId: string | null }): Promise<string> {
    const body = {
      data: {
        name: input.name, description: input.description, due_at: input.dueOn, priority: input.priority,
        ...(input.assigneeId ? { assignee: { id: Number(input.assigneeId), type: 'User' } } : {}),
        ...(input.matterId ? { matter: { id: Number(input.matterId) } } : {}),
      },
    };
    return (await this.http.request('POST', 'api/v4/tasks.json', created, { query: { fields: 'id' }, body })).data.id;
  }

  /** Tasks changed since then (Clio's `updated_since`), with their status: one request per 200. */
  async changedTasks(since: Date): Promise<Array<{ id: string; status: string }>> {
    const rows: Array<{ id: string; status: string }> = [];
    for await (const page of clioPages(this.http, 'api/v4/tasks.json', { fields: 'id,status', limit: PAGE_SIZE, updatedSince: since }, changedTaskSchema)) rows.push(...page.records);
    return rows;
  }

  /** Whether the task is complete (null when the CMS no longer has it). */
  async taskCompleted(id: string): Promise<boolean | null> {
    try {
      const task = await this.http.request('GET', `api/v4/tasks/${encodeURIComponent(id)}.json`, taskSchema, { query: { fields: 'id,status,completed_at' } });
      return task.data.status === 'complete';
    } catch (error) {
      if (error instanceof LegacyRequestError && error.status === 404) return null;
      throw error;
    }
  }
}
