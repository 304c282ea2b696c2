import type { DataSource } from 'typeorm';
import { recordEvents, type NewDomainEvent } from '../../shared/events/index.js';
import { syncKeys } from '../../subgraphs/ingest/index.js';
import { ClientRow, MatterEventRow, MatterRow } from '../../subgraphs/matters/entities/index.js';
import { DocumentRow, type DocumentKind } from '../../subgraphs/documents/entities/index.js';
import { RULES_CONSUMER, runRules } from '../../subgraphs/matters/rules/consumer.js';

/**
 * Read-model rows and recorded events for the rules' database tests, written the way the sync
 * write paths write them (the row and its event in one transaction), with the catalog's payloads.
 */
const legacy = { legacyUpdatedAt: new Date('2026-01-01T00:00:00Z') };
const DAY = 86_400_000;
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

export async function seedMatter(ds: DataSource, m: { id: string; number: string; title: string; clientId: string; clientName: string; staffId?: string | null }) {
  await ds.getRepository(ClientRow).upsert({ id: m.clientId, name: m.clientName, email: null, kind: 'Person', ...legacy }, ['id']);
  await ds.getRepository(MatterRow).insert({
    id: m.id, number: m.number, title: m.title, practiceArea: 'Litigation', legacyStatus: 'Open', legacyCaseStatus: null, clientId: m.clientId,
    responsibleStaffId: m.staffId ?? null, openedOn: '2026-03-01', closedOn: null, ...legacy,
  });
}

let key = 0;
const dedupe = (what: string) => `test:${what}:${++key}`;

export function opened(m: { id: string; number: string; title: string; clientId: string }, occurredAt: Date): NewDomainEvent {
  return { type: 'matter.opened', subject: `matter:${m.id}`, matterId: m.id, matterNumber: m.number, occurredAt, dedupeKey: dedupe('opened'),
    payload: { matterId: m.id, number: m.number, title: m.title, clientId: m.clientId, openedOn: occurredAt.toISOString().slice(0, 10) } };
}

/** A calendar entry in the read model, and its hearing.scheduled event. */
export async function schedule(ds: DataSource, e: { id: string; matterId: string; kind: 'HEARING' | 'TRIAL' | 'DEPOSITION'; title: string; startsAt: Date; location?: string | null }, occurredAt = new Date()) {
  await ds.transaction(async (manager) => {
    await manager.getRepository(MatterEventRow).insert({ id: e.id, matterId: e.matterId, kind: e.kind, title: e.title, startsAt: e.startsAt, endsAt: null, location: e.location ?? null, legacyType: e.kind, ...legacy });
    await recordEvents(manager, [{ type: 'hearing.scheduled', subject: e.id, matterId: e.matterId, occurredAt, dedupeKey: dedupe(e.id),
      payload: { eventId: e.id, matterId: e.matterId, kind: e.kind, title: e.title, startsAt: e.startsAt.toISOString(), endsAt: null, location: e.location ?? null } }]);
  });
}

/** The calendar entry gone from the read model, and its hearing.cancelled event. */
export async function cancel(ds: DataSource, e: { id: string; matterId: string; kind: 'HEARING' | 'TRIAL' | 'DEPOSITION'; title: string; startsAt: Date; location?: string | null }) {
  await ds.transaction(async (manager) => {
    await manager.getRepository(MatterEventRow).delete({ id: e.id });
    await recordEvents(manager, [{ type: 'hearing.cancelled', subject: e.id, matterId: e.matterId, occurredAt: new Date(), dedupeKey: dedupe(`${e.id}:cancel`),
      payload: { eventId: e.id, matterId: e.matterId, kind: e.kind, title: e.title, startsAt: e.startsAt.toISOString(), endsAt: null, location: e.location ?? null } }]);
  });
}

export interface TestDocument { id: string; matterNumber: string; name: string; kind: DocumentKind; deponent?: string | null; tags?: string[]; receivedAt?: Date }

/** A DMS document in the read model and its document.filed event, or document.tagged when it changes an existing one. */
export async function fileDocument(ds: DataSource, d: TestDocument, previous?: { kind: DocumentKind; deponent: string | null }) {
  const receivedAt = d.receivedAt ?? new Date();
  const attributes = d.deponent ? { deponent: d.deponent } : {};
  await ds.transaction(async (manager) => {
    await manager.getRepository(DocumentRow).upsert({ id: d.id, matterNumber: d.matterNumber, name: d.name, kind: d.kind, legacyDocType: d.kind, attributes, tags: d.tags ?? [], receivedAt, ...legacy }, ['id']);
    const payload = { documentId: d.id, matterNumber: d.matterNumber, name: d.name, kind: d.kind, docType: d.kind, deponent: d.deponent ?? null, tags: d.tags ?? [], receivedAt: receivedAt.toISOString() };
    await recordEvents(manager, [previous
      ? { type: 'document.tagged', subject: `document:${d.id}`, matterNumber: d.matterNumber, occurredAt: new Date(), dedupeKey: dedupe(d.id), payload: { ...payload, previousKind: previous.kind, previousDeponent: previous.deponent } }
      : { type: 'document.filed', subject: `document:${d.id}`, matterNumber: d.matterNumber, occurredAt: receivedAt, dedupeKey: dedupe(d.id), payload }]);
  });
}

/** Every legacy resource's first import finished now: what is recorded from here on is news. */
export async function markImported(ds: DataSource): Promise<void> {
  for (const { system, resource } of syncKeys()) {
    await ds.query(
      `INSERT INTO sync.cursors (system, resource, imported_at) VALUES ($1, $2, now())
       ON CONFLICT (system, resource) DO UPDATE SET imported_at = now()`, [system, resource],
    );
  }
}

/**
 * Runs the rules until they have handled every recorded event. A consumer only reads events older
 * than every transaction still running on the server (shared/events/consumer.ts), and on a shared
 * test server another database's transaction counts too: so it waits, with a deadline.
 */
export async function runRulesToTheEnd(ds: DataSource, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runRules(ds);
    const [row]: Array<{ behind: boolean }> = await ds.query(
      `SELECT EXISTS (SELECT 1 FROM events.outbox o WHERE (o.tx_id, o.id) > (SELECT c.tx_id, c.event_id FROM events.consumers c WHERE c.name = $1)) AS behind`,
      [RULES_CONSUMER],
    );
    if (!row!.behind) return;
    if (Date.now() > deadline) throw new Error(`the rules consumer is still behind the outbox after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
