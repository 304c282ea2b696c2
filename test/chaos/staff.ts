/**
 * The firm's staff at work in the legacy systems, through their public write APIs only (the CMS's
 * Clio v4 writes, the DMS's documents, billing's bills and payments): what casebridge must follow.
 * Staff retry what the systems refuse with a 429 or a 5xx, as a person clicking "save" again would:
 * the simulators inject those before the route runs, so a refused write changed nothing.
 */
import type { RunningSimulators } from '../../legacy/start.js';
import { DOC_TYPES } from '../../legacy/firm/vocab.js';
import type { Random } from './random.js';

/** A docType no value mapping knows: documents typed so are quarantined, by design (explained). */
export const UNMAPPED_DOC_TYPE = 'Scan (unsorted)';

const MAPPED_DOC_TYPES: readonly string[] = Object.values(DOC_TYPES).flat();

/** The smallest file the DMS accepts as a PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export type EditKind =
  | 'matter.open' | 'matter.close' | 'hearing.schedule' | 'hearing.move' | 'hearing.cancel'
  | 'document.upload' | 'document.retype' | 'document.delete' | 'bill.issue' | 'bill.pay';

export const EDIT_KINDS: readonly EditKind[] = [
  'matter.open', 'matter.close', 'hearing.schedule', 'hearing.move', 'hearing.cancel',
  'document.upload', 'document.retype', 'document.delete', 'bill.issue', 'bill.pay',
];

export interface StaffStats {
  edits: Record<EditKind, number>;
  /** Writes the systems refused (429/5xx) and staff sent again. */
  retries: number;
  /** Writes given up after every retry failed (nothing changed). */
  abandoned: number;
}

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class Staff {
  readonly stats: StaffStats = { edits: Object.fromEntries(EDIT_KINDS.map((k) => [k, 0])) as Record<EditKind, number>, retries: 0, abandoned: 0 };

  constructor(private readonly sims: RunningSimulators, private readonly token: string, private readonly random: Random) {}

  /** One edit of this kind on a randomly chosen record; false when there was nothing to edit. */
  async edit(kind: EditKind): Promise<boolean> {
    const done = await this.perform(kind);
    if (done) this.stats.edits[kind] += 1;
    return done;
  }

  private async perform(kind: EditKind): Promise<boolean> {
    const { store } = this.sims;
    const r = this.random;
    const openMatters = store.matters.all().filter((m) => m.status !== 'Closed');
    const hearingType = store.eventTypes.all().find((t) => /hearing/i.test(t.name));
    const owner = store.users.all()[0];
    switch (kind) {
      case 'matter.open': {
        const client = r.pick(store.contacts.all().filter((c) => c.is_client && c.primary_email_address));
        if (!client) return false;
        return this.cms('POST', '/api/v4/matters.json', { data: { client: { id: client.id }, description: `Chaos matter ${r.int(1, 1_000_000)}` } });
      }
      case 'matter.close': {
        const matter = r.pick(openMatters);
        if (!matter) return false;
        return this.cms('PATCH', `/api/v4/matters/${matter.id}.json`, { data: { status: 'Closed', close_date: isoDate(Math.max(Date.now(), Date.parse(matter.open_date ?? '1970-01-01'))) } });
      }
      case 'hearing.schedule': {
        const matter = r.pick(openMatters);
        if (!matter || !hearingType || !owner) return false;
        const start = Date.now() + r.int(3, 60) * DAY + r.int(9, 16) * 3_600_000;
        return this.cms('POST', '/api/v4/calendar_entries.json', { data: {
          summary: `Hearing ${r.int(1, 1_000_000)}`, start_at: new Date(start).toISOString(), end_at: new Date(start + 3_600_000).toISOString(),
          location: 'Courtroom 4B', matter: { id: matter.id }, calendar_entry_event_type: { id: hearingType.id }, calendar_owner: { id: owner.id },
        } });
      }
      case 'hearing.move': {
        const entry = r.pick(this.futureHearings());
        if (!entry) return false;
        const start = Date.parse(entry.start_at) + r.int(1, 14) * DAY;
        return this.cms('PATCH', `/api/v4/calendar_entries/${entry.id}.json`, { data: { start_at: new Date(start).toISOString(), end_at: new Date(start + 3_600_000).toISOString() } });
      }
      case 'hearing.cancel': {
        const entry = r.pick(this.futureHearings());
        if (!entry) return false;
        return this.cms('DELETE', `/api/v4/calendar_entries/${entry.id}.json`);
      }
      case 'document.upload': {
        const matter = r.pick(openMatters);
        if (!matter) return false;
        const docType = r.chance(0.05) ? UNMAPPED_DOC_TYPE : r.pick(MAPPED_DOC_TYPES)!;
        const form = new FormData();
        form.append('metadata', JSON.stringify({ name: `Filing ${r.int(1, 1_000_000)}.pdf`, matterNumber: matter.display_number, docType, tags: r.chance(0.5) ? ['filed'] : [] }));
        form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'filing.pdf');
        return this.send('dms', 'POST', '/v1/documents', form);
      }
      case 'document.retype': {
        const doc = r.pick(store.documents.all());
        if (!doc) return false;
        return this.send('dms', 'PATCH', `/v1/documents/${doc.id}`, { docType: r.chance(0.05) ? UNMAPPED_DOC_TYPE : r.pick(MAPPED_DOC_TYPES)! });
      }
      case 'document.delete': {
        const doc = r.pick(store.documents.all());
        if (!doc) return false;
        return this.send('dms', 'DELETE', `/v1/documents/${doc.id}`);
      }
      case 'bill.issue': {
        const matter = r.pick(openMatters);
        if (!matter) return false;
        const today = Date.now();
        return this.send('billing', 'POST', '/api/v4/bills.json', { data: {
          issued_at: isoDate(today), due_at: isoDate(today + 30 * DAY), total: `${r.int(100, 5000)}.${String(r.int(0, 99)).padStart(2, '0')}`,
          client: { id: matter.client.id }, matters: [{ id: matter.id }],
        } });
      }
      case 'bill.pay': {
        const bill = r.pick(store.bills.all().filter((b) => b.state === 'awaiting_payment' && b.total_cents > b.paid_cents));
        if (!bill) return false;
        const balance = bill.total_cents - bill.paid_cents;
        const cents = r.chance(0.5) ? balance : Math.max(1, Math.floor(balance / 2));
        return this.send('billing', 'POST', `/api/v4/bills/${bill.id}/payments.json`, { data: { amount: (cents / 100).toFixed(2) } });
      }
    }
  }

  private futureHearings() {
    const now = Date.now();
    return this.sims.store.calendarEntries.all().filter((e) => e.matter !== null && Date.parse(e.start_at) > now && /hearing/i.test(e.summary));
  }

  private cms(method: string, path: string, body?: unknown): Promise<boolean> {
    return this.send('cms', method, path, body);
  }

  /** Sends the write until the system takes it (2xx); 4xx other than 429 is a bug in this script. */
  private async send(system: 'cms' | 'dms' | 'billing', method: string, path: string, body?: unknown): Promise<boolean> {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
      if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
      const response = await fetch(`${this.sims[system].url}${path}`, {
        method, headers, body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body), signal: AbortSignal.timeout(30_000),
      }).catch(() => null);
      if (response && response.status < 300) {
        await response.body?.cancel();
        return true;
      }
      const status = response?.status ?? 0;
      const text = response ? await response.text() : 'no answer';
      if (status !== 0 && status !== 429 && status < 500) throw new Error(`staff ${method} ${system}${path} refused ${status}: ${text}`);
      this.stats.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 200 * attempt)));
    }
    this.stats.abandoned += 1;
    return false;
  }
}
