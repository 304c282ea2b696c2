import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { badUserInput } from '../../../shared/errors.js';
import { LANGUAGES, type Language } from '../../../shared/mail/index.js';
import { NotificationPreferencesRow } from '../entities/index.js';
import { DigestFrequency } from '../generated/resolvers.js';
import { DEFAULT_PREFERENCES, dueAt, isTimeZone, type DeliveryPreferences } from './schedule.js';

/** The preferences of each of these clients (the defaults for a client who never chose). */
export async function preferencesOf(db: DataSource | EntityManager, clientIds: readonly string[]): Promise<Map<string, DeliveryPreferences>> {
  const rows = clientIds.length ? await db.getRepository(NotificationPreferencesRow).createQueryBuilder('p').where('p.clientId = ANY(:ids)', { ids: clientIds }).getMany() : [];
  const found = new Map(rows.map((r) => [r.clientId, toPreferences(r)]));
  return new Map(clientIds.map((id) => [id, found.get(id) ?? DEFAULT_PREFERENCES]));
}

/** The language of each of these clients who has preferences (shared/mail/language.ts is handed this by the assembly). */
export async function clientLanguagesOf(db: DataSource | EntityManager, clientIds: readonly string[]): Promise<Map<string, Language>> {
  if (clientIds.length === 0) return new Map();
  const rows: Array<{ client_id: string; language: Language }> = await db.query(
    `SELECT client_id, language FROM notifications.preferences WHERE client_id = ANY($1::text[])`, [clientIds]);
  return new Map(rows.map((r) => [r.client_id, r.language]));
}

const toPreferences = (r: NotificationPreferencesRow): DeliveryPreferences =>
  ({ frequency: r.frequency, dailyHour: r.dailyHour, timeZone: r.timeZone, quietStart: r.quietStart, quietEnd: r.quietEnd, language: r.language });

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour local time HH:MM, e.g. "22:00"');

/** What a client may send; omitted fields keep their value, `quietHours: null` turns them off. */
export const preferencesInputSchema = z.object({
  frequency: z.enum(DigestFrequency).optional(),
  dailyHour: z.number().int().min(0, 'must be an hour from 0 to 23').max(23, 'must be an hour from 0 to 23').optional(),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as "Europe/London" or "America/New_York"').optional(),
  quietHours: z.object({ start: localTime, end: localTime })
    .refine((q) => q.start !== q.end, 'start and end must differ (omit quiet hours, or pass null, to have none)')
    .nullable().optional(),
  language: z.enum(LANGUAGES, 'must be "en" (English) or "es" (Español)').optional(),
}).strict();
export type PreferencesInput = z.input<typeof preferencesInputSchema>;

export function parsePreferencesInput(input: unknown): z.output<typeof preferencesInputSchema> {
  const parsed = preferencesInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  throw badUserInput(`input.${field}: ${issue.message}. Nothing was changed.`, 'input', field);
}

/**
 * Saves a client's preferences and moves their waiting notifications to match, in one
 * transaction: OFF keeps them in the portal only; otherwise each waits as if it had arrived
 * under the new preferences.
 */
export async function updatePreferences(
  dataSource: DataSource, clientId: string, input: unknown, windowSeconds: number,
): Promise<DeliveryPreferences> {
  const change = parsePreferencesInput(input);
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('notifications.preferences:' || $1))`, [clientId]);
    const current = (await preferencesOf(manager, [clientId])).get(clientId)!;
    const next: DeliveryPreferences = {
      frequency: change.frequency ?? current.frequency,
      dailyHour: change.dailyHour ?? current.dailyHour,
      timeZone: change.timeZone ?? current.timeZone,
      quietStart: change.quietHours === undefined ? current.quietStart : change.quietHours?.start ?? null,
      quietEnd: change.quietHours === undefined ? current.quietEnd : change.quietHours?.end ?? null,
      language: change.language ?? current.language,
    };
    await manager.getRepository(NotificationPreferencesRow).upsert({ clientId, ...next, updatedAt: new Date() }, ['clientId']);
    await reschedulePending(manager, clientId, next, windowSeconds);
    return next;
  });
}

async function reschedulePending(manager: EntityManager, clientId: string, preferences: DeliveryPreferences, windowSeconds: number): Promise<void> {
  if (preferences.frequency === 'OFF') {
    await manager.query(`UPDATE notifications.notifications SET status = 'PORTAL_ONLY', due_at = NULL WHERE client_id = $1 AND status = 'PENDING'`, [clientId]);
    return;
  }
  const [oldest]: Array<{ since: Date | null }> = await manager.query(
    `SELECT min(created_at) AS since FROM notifications.notifications WHERE client_id = $1 AND status = 'PENDING' AND NOT urgent`, [clientId],
  );
  if (!oldest?.since) return;
  const due = dueAt(preferences, new Date(oldest.since), { urgent: false, windowSeconds });
  await manager.query(`UPDATE notifications.notifications SET due_at = $2 WHERE client_id = $1 AND status = 'PENDING' AND NOT urgent`, [clientId, due]);
}
