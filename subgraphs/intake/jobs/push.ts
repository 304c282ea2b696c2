import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../../shared/logger.js';
import type { IntakeCmsClient, CmsDirectory } from '../cms/client.js';
import { checkConflict } from '../cms/conflict.js';
import { LeadRow } from '../entities/index.js';
import { route, type Routing } from '../routing/engine.js';
import { ROUTING } from '../routing/rules.js';
import { renderReply } from '../reply/render.js';
import { writeOutbound } from '../reply/send.js';
import { timeZoneOfState } from '../us-states.js';

export interface PushDeps {
  dataSource: DataSource;
  cms: IntakeCmsClient;
  logger: Logger;
  firmName: string;
  /** The domain of Message-IDs (MAIL_FROM's). */
  mailDomain: string;
  /** INTAKE_SLA_SECONDS. */
  slaSecondsOverride: number | undefined;
  /** How long a pusher owns a lead; a crashed worker's lead is taken again after it. */
  leaseMs: number;
  /** First retry delay after the CMS failed; doubles per attempt, at most 10 minutes. */
  retryBaseMs: number;
  /** The CMS directory (users, groups, practice areas), cached by the caller. */
  directory(): Promise<CmsDirectory>;
  /** Called after each lead is routed (its reply is written): send it now, not after the whole batch. */
  onRouted?(): void;
}

const MAX_BACKOFF_MS = 10 * 60 * 1000;
const fullName = (lead: LeadRow) => `${lead.firstName} ${lead.lastName}`;
/** A date as Clio takes a task's due_at (YYYY-MM-DD), in the prospect's time zone. */
const dateIn = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * Pushes every RECEIVED lead whose time has come to the CMS, one at a time (the CMS's rate limit
 * is the bottleneck, not this loop). Stops at the first CMS failure: the lead keeps its status and
 * is retried after a backoff, so a CMS that is down or rate-limiting delays leads, never loses them.
 */
export async function pushReceivedLeads(deps: PushDeps): Promise<{ pushed: number; failed: number }> {
  const outcome = { pushed: 0, failed: 0 };
  const repo = deps.dataSource.getRepository(LeadRow);
  for (;;) {
    const [taken]: Array<{ id: string }> = await deps.dataSource.query(
      `UPDATE intake.leads SET locked_until = now() + $1 * interval '1 millisecond', attempts = attempts + 1
        WHERE id = (SELECT id FROM intake.leads WHERE status = 'RECEIVED' AND next_attempt_at <= now() AND locked_until <= now()
                     ORDER BY received_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [deps.leaseMs],
    ).then((result: [Array<{ id: string }>, number]) => result[0]);
    if (!taken) return outcome;
    const lead = await repo.findOneByOrFail({ id: taken.id });
    const release = holdLead(deps, lead.id, lead.attempts);
    try {
      await pushLead(deps, lead);
      outcome.pushed += 1;
      deps.onRouted?.();
    } catch (error) {
      outcome.failed += 1;
      const backoff = Math.min(deps.retryBaseMs * 2 ** Math.max(0, lead.attempts - 1), MAX_BACKOFF_MS);
      const message = error instanceof Error ? error.message : String(error);
      deps.logger.warn({ err: error, lead: lead.id, attempts: lead.attempts, retryInMs: backoff }, 'lead not pushed to the CMS yet; it stays RECEIVED and is retried');
      await repo.update({ id: lead.id }, { nextAttemptAt: new Date(Date.now() + backoff), lockedUntil: new Date(), lastError: message });
      return outcome;
    } finally {
      release();
    }
  }
}

/**
 * Renews a lead's lease while its push waits on the CMS (Retry-After can be minutes at Clio's
 * rate limit), so no other worker takes it and writes the same records again. `attempt` names
 * this holder: a renewal never extends a lease another worker has taken since.
 */
function holdLead(deps: PushDeps, id: string, attempt: number): () => void {
  const timer = setInterval(() => {
    deps.dataSource.query(
      `UPDATE intake.leads SET locked_until = now() + $3 * interval '1 millisecond' WHERE id = $1 AND attempts = $2 AND status = 'RECEIVED'`,
      [id, attempt, deps.leaseMs],
    ).catch((error: unknown) => deps.logger.warn({ err: error, lead: id }, 'could not renew the lease of a lead being pushed'));
  }, Math.max(50, deps.leaseMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}

/** How many leads a team has had: the round-robin turn of the next one. */
async function turnOf(dataSource: DataSource, team: string): Promise<number> {
  const [row]: Array<{ n: string }> = await dataSource.query(`SELECT count(*) AS n FROM intake.leads WHERE routing->>'team' = $1`, [team]);
  return Number(row?.n ?? 0);
}

/**
 * One lead into the CMS, each step at most once: every CMS id is stored as soon as the CMS made
 * the record, and a retry skips the steps that have one (the window left: the CMS made a record
 * and this process died before storing its id).
 */
async function pushLead(deps: PushDeps, lead: LeadRow): Promise<void> {
  const { dataSource, cms } = deps;
  const repo = dataSource.getRepository(LeadRow);
  const save = async (changes: Partial<LeadRow>) => {
    Object.assign(lead, changes);
    await repo.update({ id: lead.id }, changes);
  };
  const directory = await deps.directory();
  const checked = await checkConflict(cms, lead, lead.opposingParty);

  let routing: Routing | null = lead.routing;
  if (routing === null) {
    const input = { practiceArea: lead.practiceArea, state: lead.state, city: lead.city, zip: lead.zip, language: lead.language, conflict: checked.conflict };
    const team = route(ROUTING, directory, input, 0, deps.slaSecondsOverride).team;
    routing = route(ROUTING, directory, input, await turnOf(dataSource, team), deps.slaSecondsOverride);
    if (checked.matchedClient) routing.explanation += ` Opposing party "${lead.opposingParty ?? ''}" matches the client ${checked.matchedClient}.`;
    await save({ routing, conflict: checked.conflict, dueAt: new Date(lead.receivedAt.getTime() + routing.slaSeconds * 1000) });
  }
  const dueAt = lead.dueAt ?? new Date(lead.receivedAt.getTime() + routing.slaSeconds * 1000);

  if (lead.cmsContactId === null) {
    const contactId = checked.existingContact?.id ?? await cms.createContact({ firstName: lead.firstName, lastName: lead.lastName, email: lead.email, phone: lead.phone });
    await save({ cmsContactId: contactId });
  }
  const contactId = lead.cmsContactId ?? '';
  const words = `${lead.description}\n\n${fullName(lead)} <${lead.email}>${lead.phone ? `, ${lead.phone}` : ''}`
    + `${lead.city || lead.state ? `, ${[lead.city, lead.state, lead.zip].filter(Boolean).join(' ')}` : ''}. Language: ${lead.language}.`
    + `${lead.opposingParty ? ` Opposing party: ${lead.opposingParty}.` : ''}\nCall back by ${dueAt.toISOString()}. ${routing.explanation}`;
  if (!lead.conflict && lead.cmsMatterId === null) {
    const area = directory.practiceAreas.find((p) => p.name.toLowerCase() === lead.practiceArea.toLowerCase());
    const matterId = await cms.createPendingMatter({
      clientId: contactId, practiceAreaId: area?.id ?? null, responsibleAttorneyId: routing.responsibleAttorneyId,
      description: `${lead.practiceArea} inquiry from ${fullName(lead)} (web intake)`, pendingDate: new Date().toISOString().slice(0, 10),
    });
    await save({ cmsMatterId: matterId });
  }
  if (lead.cmsTaskId === null) {
    const taskId = await cms.createTask({
      name: lead.conflict ? `Conflict review: ${fullName(lead)} (${lead.practiceArea})` : `Call back new lead: ${fullName(lead)} (${lead.practiceArea})`,
      description: words, dueOn: dateIn(dueAt, timeZoneOfState(lead.state)), priority: routing.priority,
      assigneeId: routing.assigneeId, matterId: lead.cmsMatterId,
    });
    await save({ cmsTaskId: taskId });
  }

  const reply = renderReply({ firstName: lead.firstName, practiceArea: lead.practiceArea, language: lead.language, state: lead.state, routing, dueAt, firmName: deps.firmName });
  await dataSource.transaction(async (manager) => {
    await writeOutbound(manager, { id: randomUUID(), leadId: lead.id, kind: 'REPLY', to: lead.email, subject: reply.subject, text: reply.text, domain: deps.mailDomain });
    await manager.query(
      `UPDATE intake.leads SET status = $2, routed_at = now(), last_error = NULL WHERE id = $1 AND status = 'RECEIVED'`,
      [lead.id, lead.conflict ? 'CONFLICT_REVIEW' : 'ROUTED'],
    );
  });
  deps.logger.info({ lead: lead.id, team: routing.team, rule: routing.rule, conflict: lead.conflict }, 'lead routed and in the CMS');
}
