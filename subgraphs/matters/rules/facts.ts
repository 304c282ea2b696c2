import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../../../shared/events/index.js';
import type { LegacySystemName } from '../../../shared/legacy-http/index.js';
import { importFinishedAt } from '../../ingest/index.js';
import { documentFacts, type DocumentFact } from './document-facts.js';
import { INITIAL_STAGE, isMatterStage, type MatterStage } from '../stages/stage-machine.js';
import { deponentOfTitle } from './names.js';

/**
 * Everything the rules may look at for one batch of events, loaded with a fixed number of
 * statements whatever the batch's size: the matters and clients (this context), the depositions on
 * their calendars (this context), their transcripts (the documents context, through its published
 * query), the standing updates a cancellation may withdraw, and when each legacy system's first
 * import finished (to tell history from news).
 */
export interface MatterFacts {
  id: string;
  number: string;
  title: string;
  clientId: string;
  clientName: string;
  practiceArea: string | null;
  stage: MatterStage;
  /** The CMS says Pending: a prospect's matter (e.g. a web intake lead), not an engagement yet. */
  pending?: boolean;
}

export interface DepositionFact {
  eventId: string;
  title: string;
  /** From the title "Deposition of <name>"; null when the title names nobody. */
  deponent: string | null;
  startsAt: Date;
}

export interface StandingUpdate {
  id: string;
  matterId: string;
  clientId: string;
  subject: string;
  announce: boolean;
}

export interface BatchFacts {
  matters: Map<string, MatterFacts>;
  matterIdByNumber: Map<string, string>;
  depositions: Map<string, DepositionFact[]>;
  /** Deposition transcripts by matter number. */
  transcripts: Map<string, DocumentFact[]>;
  /** Updates not withdrawn, by subject, for the subjects of cancellations in the batch. */
  standing: Map<string, StandingUpdate[]>;
  /** When each system's first import finished; null while it has not. */
  importedAt: Record<LegacySystemName, Date | null>;
}

export const SYSTEM_OF_EVENT: Readonly<Record<string, LegacySystemName>> = {
  matter: 'cms', hearing: 'cms', deadline: 'cms', document: 'dms', invoice: 'billing',
};

/** The matter an event is about: by CMS id, else by display number (the DMS knows only that). */
export function matterRefOf(event: DomainEvent): { id: string } | { number: string } | null {
  const payload = event.payload as { matterId?: string; matterNumber?: string; matterIds?: string[] };
  const id = event.matterId ?? payload.matterId ?? payload.matterIds?.[0];
  if (id) return { id };
  const number = event.matterNumber ?? payload.matterNumber;
  return number ? { number } : null;
}

const group = <T>(rows: readonly T[], key: (row: T) => string) => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
};

export async function loadBatchFacts(
  manager: EntityManager, events: readonly DomainEvent[], options: { withdrawingRules: readonly string[] },
): Promise<BatchFacts> {
  const refs = events.map(matterRefOf).filter((r) => r !== null);
  const ids = [...new Set(refs.flatMap((r) => ('id' in r ? [r.id] : [])))];
  const numbers = [...new Set(refs.flatMap((r) => ('number' in r ? [r.number] : [])))];
  const rows: Array<{ id: string; number: string; title: string; client_id: string; client_name: string | null; practice_area: string | null; stage: string; pending: boolean }> = await manager.query(
    `SELECT m.id, m.number, m.title, m.client_id, c.name AS client_name, m.practice_area, m.stage, m.legacy_status = 'Pending' AS pending
       FROM matters.matters m LEFT JOIN matters.clients c ON c.id = m.client_id
      WHERE m.id = ANY($1::text[]) OR m.number = ANY($2::text[])
      ORDER BY m.id`,
    [ids, numbers],
  );
  const matters = new Map(rows.map((r) => [r.id, {
    id: r.id, number: r.number, title: r.title, clientId: r.client_id, clientName: r.client_name ?? '', practiceArea: r.practice_area, stage: isMatterStage(r.stage) ? r.stage : INITIAL_STAGE, pending: r.pending,
  }]));
  const matterIds = [...matters.keys()];
  const matterIdByNumber = new Map([...matters.values()].map((m) => [m.number, m.id]));

  const depositionRows: Array<{ id: string; matter_id: string; title: string; starts_at: Date }> = await manager.query(
    `SELECT id, matter_id, title, starts_at FROM matters.matter_events
      WHERE matter_id = ANY($1::text[]) AND kind = 'DEPOSITION' ORDER BY starts_at, id`,
    [matterIds],
  );
  const depositions = group(depositionRows.map((r) => ({ matterId: r.matter_id, eventId: r.id, title: r.title, deponent: deponentOfTitle(r.title), startsAt: new Date(r.starts_at) })), (d) => d.matterId);
  // Transcripts matter only where there are depositions, or where a document may name a deponent.
  const documentMatterIds = new Set(events.filter((e) => e.type.startsWith('document.')).map(matterRefOf).flatMap((r) => {
    const id = r === null ? undefined : 'id' in r ? r.id : matterIdByNumber.get(r.number);
    return id ? [id] : [];
  }));
  const transcriptNumbers = [...matters.values()].filter((m) => depositions.has(m.id) || documentMatterIds.has(m.id)).map((m) => m.number);
  const transcripts = group(await documentFacts()(manager, transcriptNumbers, ['DEPOSITION_TRANSCRIPT']), (d) => d.matterNumber);

  const cancelled = [...new Set(events.filter((e) => e.type === 'hearing.cancelled').map((e) => e.subject))];
  const standingRows: Array<{ id: string; matter_id: string; client_id: string; subject: string; announce: boolean }> = cancelled.length === 0 ? [] : await manager.query(
    `SELECT id, matter_id, client_id, subject, announce FROM matters.matter_updates
      WHERE subject = ANY($1::text[]) AND withdrawn_at IS NULL AND NOT (rule = ANY($2::text[])) ORDER BY created_at, id`,
    [cancelled, options.withdrawingRules],
  );
  const standing = group(standingRows.map((r) => ({ id: r.id, matterId: r.matter_id, clientId: r.client_id, subject: r.subject, announce: r.announce })), (u) => u.subject);

  return { matters, matterIdByNumber, depositions, transcripts, standing, importedAt: await importedAt(manager) };
}

/** When each system's first import finished (ingest decides it, from the resources the modules declare). */
async function importedAt(manager: EntityManager): Promise<Record<LegacySystemName, Date | null>> {
  const at = await importFinishedAt(manager);
  return { cms: at.cms ?? null, dms: at.dms ?? null, billing: at.billing ?? null };
}
