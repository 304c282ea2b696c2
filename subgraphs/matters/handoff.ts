import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { CasebridgeError, ErrorCode } from '../../shared/errors.js';
import { LegacyUnavailableError } from '../../shared/legacy-http/index.js';
import type { CmsClient } from './legacy/cms-client.js';
import { StaffRow } from './entities/index.js';
import type { MattersLoaders } from './loaders.js';

export interface Handoff {
  taskId: string;
  assigneeName: string | null;
  dueAt: string;
}

const MAX_SUMMARY = 4000;
// fieldOnly: through the gateway, an error with an HTTP status would become a failed fetch (INTERNAL_SERVER_ERROR).
const refuse = (message: string, argumentName: string) => new CasebridgeError(ErrorCode.BAD_USER_INPUT, message, { argumentName }, { fieldOnly: true });
const cmsUnavailable = () => new CasebridgeError(ErrorCode.LEGACY_UNAVAILABLE, 'The cms system is unavailable; try again shortly. No task was created.', {}, { fieldOnly: true });
const createdTask = z.object({ data: z.object({ id: z.number().int(), due_at: z.string().nullable() }) });

/** The next business day after `now` (UTC): a handoff asked on Friday evening is due Monday. */
export function nextBusinessDay(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * A person gets back to the client: a Clio task for the matter's responsible attorney. The CMS
 * is the firm's to-do list, so the task lives there, not in our read model.
 */
export async function requestHandoff(
  deps: { dataSource: DataSource; cms: CmsClient | undefined; now?: () => Date },
  loaders: MattersLoaders,
  args: { matterId: string; summary: string },
): Promise<Handoff> {
  const matter = await loaders.matterById.load(args.matterId);
  if (!matter) throw refuse('No matter with this id: pass the id of one of your matters (Query.matters).', 'matterId');
  const summary = args.summary.trim();
  if (summary.length === 0 || summary.length > MAX_SUMMARY) {
    throw refuse(`"summary" must be 1 to ${MAX_SUMMARY} characters.`, 'summary');
  }
  if (!deps.cms) throw cmsUnavailable();
  const attorney = matter.responsibleStaffId
    ? await deps.dataSource.getRepository(StaffRow).findOneBy({ id: matter.responsibleStaffId })
    : null;
  const dueAt = nextBusinessDay((deps.now ?? (() => new Date()))());
  const body = {
    data: {
      name: `Client asked to talk: ${matter.number}`,
      description: summary,
      priority: 'High',
      due_at: dueAt,
      matter: { id: Number(matter.id) },
      ...(attorney ? { assignee: { id: Number(attorney.id), type: 'User' } } : {}),
    },
  };
  try {
    const created = await deps.cms.http.request('POST', 'api/v4/tasks.json', createdTask, { query: { fields: 'id,due_at' }, body });
    return { taskId: String(created.data.id), assigneeName: attorney?.name ?? null, dueAt: created.data.due_at ?? dueAt };
  } catch (error) {
    if (error instanceof LegacyUnavailableError) throw cmsUnavailable();
    throw error;
  }
}
