/**
 * What must hold once the faults stop and the system settles, each check independent of the code
 * under test: the read model against the simulators' own records (field by field), the mail the
 * SMTP server received against the deliveries and the CMS's clients, the quarantine against what
 * the firm's data and the staff's edits explain.
 */
import type { DataSource } from 'typeorm';
import type { RunningSimulators } from '../../legacy/start.js';
import type { ReceivedMail } from '../support/smtp.js';

type Row = Record<string, unknown>;

export interface Comparison {
  /** Records compared field by field (matters, calendar entries, tasks, documents, bills). */
  compared: number;
  /** Differences, one line each (empty when the read model equals the simulators). */
  differences: string[];
}

const normalize = (raw: string) => raw.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const instant = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
const cents = (value: number) => (value / 100).toFixed(2);

async function mappedValues(db: DataSource, kind: string): Promise<Set<string>> {
  const rows: Array<{ raw_value: string }> = await db.query(`SELECT raw_value FROM sync.value_mappings WHERE kind = $1`, [kind]);
  return new Set(rows.map((r) => r.raw_value));
}

/**
 * `heldBack`: records whose current version carries an unmapped value. The change waits in quarantine
 * (by design: never guessed), so the read model may hold the version before it, or nothing: not compared.
 */
function compareSets(label: string, expected: Map<string, Row>, actual: Map<string, Row>, differences: string[], heldBack: ReadonlySet<string> = new Set()): number {
  for (const id of heldBack) actual.delete(id);
  let compared = 0;
  for (const [id, want] of expected) {
    const got = actual.get(id);
    if (!got) {
      differences.push(`${label} ${id}: in the simulator, missing from the read model`);
      continue;
    }
    compared += 1;
    for (const [field, value] of Object.entries(want)) {
      const have = JSON.stringify(got[field] ?? null);
      if (have !== JSON.stringify(value ?? null)) differences.push(`${label} ${id}.${field}: simulator ${JSON.stringify(value)}, read model ${have}`);
    }
  }
  for (const id of actual.keys()) if (!expected.has(id)) differences.push(`${label} ${id}: in the read model, gone from the simulator (or held back there)`);
  return compared;
}

const byId = (rows: Row[]) => new Map(rows.map((r) => [String(r['id']), r]));

/** The read model against the simulators, record by record. Records the simulators hold with an unmapped value are expected in quarantine, not in the read model. */
export async function compareReadModel(db: DataSource, sims: RunningSimulators): Promise<Comparison> {
  const { store } = sims;
  const differences: string[] = [];
  let compared = 0;

  const matters = byId(store.matters.all().map((m) => ({
    id: String(m.id), number: m.display_number, title: m.description?.trim() ? m.description.trim() : m.display_number, legacy_status: m.status,
    client_id: String(m.client.id), opened_on: m.open_date, closed_on: m.close_date, legacy_updated_at: instant(m.updated_at),
  })));
  compared += compareSets('matter', matters, byId(await db.query(
    `SELECT id, number, title, legacy_status, client_id, opened_on::text AS opened_on, closed_on::text AS closed_on, legacy_updated_at FROM matters.matters`,
  ).then((rows: Row[]) => rows.map((r) => ({ ...r, legacy_updated_at: instant(r['legacy_updated_at']) })))), differences);

  const eventTypes = await mappedValues(db, 'calendar_event_type');
  const heldBackEntries = new Set<string>();
  const entries = byId(store.calendarEntries.all().flatMap((e) => {
    if (!e.matter) return [];
    const type = e.calendar_entry_event_type ? store.eventTypes.get(e.calendar_entry_event_type.id)?.name ?? null : null;
    if (type !== null && !eventTypes.has(normalize(type))) {
      heldBackEntries.add(`calendar:${e.id}`);
      return [];
    }
    return [{ id: `calendar:${e.id}`, matter_id: String(e.matter.id), title: e.summary, starts_at: instant(e.start_at), ends_at: instant(e.end_at), location: e.location, legacy_updated_at: instant(e.updated_at) }];
  }));
  const tasks = byId(store.tasks.all().flatMap((t) => (t.due_at && t.matter
    ? [{ id: `task:${t.id}`, matter_id: String(t.matter.id), title: t.name, starts_at: instant(`${t.due_at}T12:00:00Z`), legacy_updated_at: instant(t.updated_at) }]
    : [])));
  const storedEvents: Row[] = (await db.query(`SELECT id, matter_id, title, starts_at, ends_at, location, legacy_updated_at FROM matters.matter_events`) as Row[])
    .map((r) => ({ ...r, starts_at: instant(r['starts_at']), ends_at: instant(r['ends_at']), legacy_updated_at: instant(r['legacy_updated_at']) }));
  compared += compareSets('calendar entry', entries, byId(storedEvents.filter((r) => String(r['id']).startsWith('calendar:'))), differences, heldBackEntries);
  compared += compareSets('task', tasks, byId(storedEvents.filter((r) => String(r['id']).startsWith('task:')).map(({ ends_at: _e, location: _l, ...rest }) => rest)), differences);

  const docTypes = await mappedValues(db, 'document_type');
  const heldBackDocuments = new Set(store.documents.all().filter((d) => d.docType !== null && !docTypes.has(normalize(d.docType))).map((d) => d.id));
  const documents = byId(store.documents.all().flatMap((d) => (heldBackDocuments.has(d.id)
    ? []
    : [{ id: d.id, matter_number: d.matterNumber, name: d.name, legacy_doc_type: d.docType, tags: d.tags, version: d.version, legacy_updated_at: instant(d.modified) }])));
  compared += compareSets('document', documents, byId(await db.query(
    `SELECT id, matter_number, name, legacy_doc_type, tags, version, legacy_updated_at FROM documents.documents`,
  ).then((rows: Row[]) => rows.map((r) => ({ ...r, legacy_updated_at: instant(r['legacy_updated_at']) })))), differences, heldBackDocuments);

  const quarantined = new Set((await db.query(`SELECT system || '/' || legacy_id AS key FROM sync.quarantine WHERE resolved_at IS NULL`) as Array<{ key: string }>).map((q) => q.key));
  for (const id of heldBackDocuments) if (!quarantined.has(`dms/${id}`)) differences.push(`document ${id}: its docType is unmapped but no open quarantine entry holds it`);
  for (const id of heldBackEntries) if (!quarantined.has(`cms/${id.replace('calendar:', '')}`)) differences.push(`calendar entry ${id}: its type is unmapped but no open quarantine entry holds it`);

  // Clio shows a void bill's balance as zero.
  const bills = byId(store.bills.all().map((b) => ({
    id: String(b.id), number: b.number, total: cents(b.total_cents), paid: cents(b.paid_cents), balance: cents(b.state === 'void' ? 0 : b.total_cents - b.paid_cents),
    legacy_state: b.state, client_id: String(b.client.id), issued_on: b.issued_at, due_on: b.due_at,
  })));
  compared += compareSets('bill', bills, byId(await db.query(
    `SELECT id, number, total::text AS total, paid::text AS paid, balance::text AS balance, legacy_state, client_id, issued_on::text AS issued_on, due_on::text AS due_on FROM billing.invoices`,
  )), differences);
  return { compared, differences };
}

export interface MailCheck {
  /** Messages received by the SMTP server and checked. */
  checked: number;
  /**
   * Messages that arrived again, identical (same Message-ID, recipient and text): a worker killed
   * after the relay's 250 and before it recorded SENT resends the same message on restart. No
   * sender can close that window; receivers drop the copy by its Message-ID (docs/chaos-and-scale-out.md).
   */
  resent: number;
  problems: string[];
}

/**
 * Every client notification sent exactly once and to the right client: each message the SMTP
 * server took belongs to one SENT delivery and arrived once; every SENT delivery arrived; nothing
 * is left waiting; the recipient is the CMS email of the client of every matter the message speaks of.
 */
export async function checkMail(db: DataSource, sims: RunningSimulators, inbox: readonly ReceivedMail[]): Promise<MailCheck> {
  const problems: string[] = [];
  const deliveries: Array<{ id: string; message_id: string; status: string; to_address: string }> = await db.query(`SELECT id, message_id, status, to_address FROM notifications.deliveries`);
  const byMessageId = new Map(deliveries.map((d) => [d.message_id, d]));
  const received = new Map<string, ReceivedMail[]>();
  for (const mail of inbox) received.set(mail.messageId, [...(received.get(mail.messageId) ?? []), mail]);
  let resent = 0;
  for (const [messageId, copies] of received) {
    const [first] = copies;
    const same = (m: ReceivedMail) => m.to.join() === first!.to.join() && m.text.replace(/^Date: .*$/m, '') === first!.text.replace(/^Date: .*$/m, '');
    if (copies.length > 1 && copies.every(same)) resent += copies.length - 1;
    else if (copies.length > 1) problems.push(`message ${messageId} arrived ${copies.length} times, not all identical`);
    if (!byMessageId.has(messageId)) problems.push(`message ${messageId} arrived but no delivery has it`);
  }
  for (const d of deliveries) {
    if (d.status !== 'SENT') problems.push(`delivery ${d.id} still ${d.status}`);
    else if (!received.has(d.message_id)) problems.push(`delivery ${d.id} is SENT but its message ${d.message_id} never arrived`);
  }
  const waiting: Array<{ status: string; n: number }> = await db.query(
    `SELECT status, count(*)::int AS n FROM notifications.notifications WHERE status IN ('PENDING', 'CLAIMED') GROUP BY status`,
  );
  for (const w of waiting) problems.push(`${w.n} notifications still ${w.status}`);
  const unsent: Array<{ id: string }> = await db.query(
    `SELECT u.id FROM matters.matter_updates u LEFT JOIN notifications.notifications n ON n.update_id = u.id WHERE u.announce AND u.withdrawn_at IS NULL AND n.id IS NULL`,
  );
  if (unsent.length) problems.push(`${unsent.length} announced updates have no notification`);
  const twice: Array<{ rule: string; event_ids: string[]; n: number }> = await db.query(
    `SELECT rule, event_ids, count(*)::int AS n FROM matters.matter_updates WHERE cardinality(event_ids) > 0 GROUP BY rule, event_ids HAVING count(*) > 1`,
  );
  for (const t of twice) problems.push(`rule ${t.rule} answered events ${t.event_ids.join(',')} ${t.n} times`);

  const items: Array<{ message_id: string; matter_id: string | null; client_id: string }> = await db.query(
    `SELECT d.message_id, n.matter_id, n.client_id FROM notifications.notifications n JOIN notifications.deliveries d ON d.id = n.delivery_id`,
  );
  for (const mail of inbox) {
    for (const item of items.filter((i) => i.message_id === mail.messageId)) {
      const matter = item.matter_id ? sims.store.matters.get(Number(item.matter_id)) : undefined;
      const clientId = matter ? matter.client.id : Number(item.client_id);
      const email = sims.store.contacts.get(clientId)?.primary_email_address;
      if (!email || mail.to.length !== 1 || mail.to[0]!.toLowerCase() !== email.toLowerCase()) {
        problems.push(`message ${mail.messageId} went to ${mail.to.join(',')} but matter ${item.matter_id}'s client ${clientId} is ${email ?? '(no email)'}`);
      }
    }
  }
  return { checked: inbox.length, resent, problems };
}

/**
 * Quarantine entries still open that nobody can explain: explained are those present right after
 * the first import (the generated firm's own messy values) and UNMAPPED_VALUE entries whose raw
 * value is one the staff typed on purpose and the record still carries.
 */
export async function unexplainedQuarantine(db: DataSource, sims: RunningSimulators, baseline: ReadonlySet<string>, staffUnmapped: ReadonlySet<string>): Promise<string[]> {
  const open: Array<{ id: string; system: string; resource: string; legacy_id: string | null; reason: string; raw_value: string | null; detail: string }> = await db.query(
    `SELECT id, system, resource, legacy_id, reason, raw_value, detail FROM sync.quarantine WHERE resolved_at IS NULL`,
  );
  return open.filter((q) => {
    if (baseline.has(q.id)) return false;
    // The quarantine keeps raw values normalized (lowercase, punctuation as spaces).
    if (q.reason !== 'UNMAPPED_VALUE' || q.raw_value === null || ![...staffUnmapped].some((v) => normalize(v) === q.raw_value)) return true;
    if (q.system === 'dms') return normalize(sims.store.documents.get(q.legacy_id ?? '')?.docType ?? '') !== q.raw_value;
    return true;
  }).map((q) => `${q.system}/${q.resource} ${q.legacy_id}: ${q.reason} ${q.raw_value ?? ''} — ${q.detail}`);
}
