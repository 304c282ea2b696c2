import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../../shared/logger.js';
import type { IntakeCmsClient } from '../cms/client.js';
import type { Routing } from '../routing/engine.js';
import { renderEscalation } from '../reply/render.js';
import { writeOutbound } from '../reply/send.js';

export interface SlaDeps {
  dataSource: DataSource;
  cms: IntakeCmsClient;
  logger: Logger;
  firmName: string;
  mailDomain: string;
}

interface OpenLead {
  id: string;
  first_name: string;
  last_name: string;
  practice_area: string;
  status: string;
  routing: Routing;
  due_at: Date;
  cms_task_id: string;
  routed_at: Date;
}

/** Tasks are read back a little before the last check: a CMS clock a bit behind ours loses nothing. */
const CURSOR_MARGIN_MS = 60_000;

/**
 * The SLA watch, one run: the follow-up tasks changed in the CMS since the oldest open lead was
 * routed (one listing, not one request per lead) — a completed one marks its lead CONTACTED —
 * then every open lead past its due time is escalated, once ever (the escalation row is the
 * guard): one email to the team lead naming the lead and how late it is, and the lead ESCALATED.
 */
export async function watchSlas(deps: SlaDeps, now = new Date()): Promise<{ contacted: number; escalated: number }> {
  const { dataSource } = deps;
  const open: OpenLead[] = await dataSource.query(
    `SELECT id, first_name, last_name, practice_area, status, routing, due_at, cms_task_id, routed_at FROM intake.leads
      WHERE cms_task_id IS NOT NULL AND status IN ('ROUTED', 'REPLIED', 'CONFLICT_REVIEW', 'ESCALATED') AND routed_at IS NOT NULL
      ORDER BY routed_at LIMIT 5000`,
  );
  if (open.length === 0) return { contacted: 0, escalated: 0 };
  const since = new Date(Math.min(...open.map((l) => new Date(l.routed_at).getTime())) - CURSOR_MARGIN_MS);
  const completed = new Set((await deps.cms.changedTasks(since)).filter((t) => t.status === 'complete').map((t) => t.id));
  let contacted = 0;
  let escalated = 0;
  for (const lead of open) {
    if (completed.has(lead.cms_task_id)) {
      await dataSource.query(`UPDATE intake.leads SET status = 'CONTACTED', contacted_at = now() WHERE id = $1 AND status <> 'CONTACTED'`, [lead.id]);
      contacted += 1;
      continue;
    }
    const dueAt = new Date(lead.due_at);
    if (lead.status === 'ESCALATED' || dueAt.getTime() > now.getTime()) continue;
    const to = lead.routing.responsibleAttorneyEmail;
    const name = `${lead.first_name} ${lead.last_name}`;
    const mail = renderEscalation({ leadName: name, practiceArea: lead.practice_area, routing: lead.routing, dueAt, now, cmsTaskId: lead.cms_task_id, firmName: deps.firmName });
    const done = await dataSource.transaction(async (manager) => {
      const inserted: Array<{ lead_id: string }> = await manager.query(
        `INSERT INTO intake.escalations (lead_id, escalated_at, late_seconds, notified) VALUES ($1, $2, $3, $4) ON CONFLICT (lead_id) DO NOTHING RETURNING lead_id`,
        [lead.id, now, Math.round((now.getTime() - dueAt.getTime()) / 1000), lead.routing.responsibleAttorney ?? 'nobody'],
      );
      if (inserted.length === 0) return false;
      if (to) await writeOutbound(manager, { id: randomUUID(), leadId: lead.id, kind: 'ESCALATION', to, subject: mail.subject, text: mail.text, domain: deps.mailDomain });
      await manager.query(`UPDATE intake.leads SET status = 'ESCALATED' WHERE id = $1 AND status IN ('ROUTED', 'REPLIED', 'CONFLICT_REVIEW')`, [lead.id]);
      return true;
    });
    if (done) {
      escalated += 1;
      deps.logger.warn({ lead: lead.id, team: lead.routing.team, to }, 'lead escalated: its follow-up task is late');
    }
  }
  return { contacted, escalated };
}
