/**
 * The soak's legacy churn: staff at work in the legacy systems, through their APIs as a person's
 * tools would use them. In turn: a hearing of a watched matter moved a day, a document uploaded to
 * the DMS and the previous upload retyped, a bill issued, the previous bill paid, a matter's
 * description edited. The CMS fires its webhooks for its writes; the worker's syncs poll the rest.
 */
import { PDFDocument } from 'pdf-lib';
import type { RunningSimulators } from '../../legacy/start.js';

export interface ChurnTarget { matterId: number }

export class LegacyChurn {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private step = 0;
  private edits = 0;
  private lastUpload: string | undefined;
  private lastBill: { id: number; total: string } | undefined;
  private pdf: Uint8Array | undefined;
  readonly failures: string[] = [];
  failed = 0;

  constructor(private readonly sims: RunningSimulators, private readonly token: string, private readonly matterIds: number[]) {
    if (matterIds.length === 0) throw new Error('no matter to churn');
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.next()).catch((error: unknown) => this.fail(String(error)));
    }, everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Edits made since the last call. */
  drain(): number {
    const edits = this.edits;
    this.edits = 0;
    return edits;
  }

  private async next(): Promise<void> {
    const step = this.step++;
    const matter = this.sims.store.matters.get(this.matterIds[Math.floor(step / 5) % this.matterIds.length]!)!;
    switch (step % 5) {
      case 0: return this.moveHearing(matter.id);
      case 1: return this.uploadDocument(matter.display_number);
      case 2: return this.issueBill(matter.id, matter.client.id);
      case 3: return this.payBill();
      default: return this.call('cms', `/api/v4/matters/${matter.id}.json`, 'PATCH', { data: { description: `${matter.description ?? 'Matter'}`.replace(/ \(soak \d+\)$/, '') + ` (soak ${step})` } });
    }
  }

  private async moveHearing(matterId: number): Promise<void> {
    const entry = this.sims.store.calendarEntries.all().find((e) => e.matter?.id === matterId);
    if (!entry) return;
    const dayLater = (at: string) => new Date(Date.parse(at) + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const data = { start_at: dayLater(entry.start_at), ...(entry.end_at ? { end_at: dayLater(entry.end_at) } : {}) };
    await this.call('cms', `/api/v4/calendar_entries/${entry.id}.json`, 'PATCH', { data });
  }

  private async uploadDocument(matterNumber: string): Promise<void> {
    if (!this.pdf) {
      const doc = await PDFDocument.create();
      doc.addPage();
      this.pdf = await doc.save();
    }
    const pdf = this.pdf;
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(pdf)], { type: 'application/pdf' }), 'soak.pdf');
    form.append('metadata', JSON.stringify({ name: `Soak letter ${this.step}`, matterNumber, docType: 'Correspondence' }));
    const created = await this.call<{ id: string }>('dms', '/v1/documents', 'POST', form);
    if (this.lastUpload) await this.call('dms', `/v1/documents/${this.lastUpload}`, 'PATCH', { tags: [`soak-${this.step}`] });
    this.lastUpload = created?.id;
  }

  private async issueBill(matterId: number, clientId: number): Promise<void> {
    const today = new Date().toISOString().slice(0, 10);
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const bill = await this.call<{ data: { id: number } }>('billing', '/api/v4/bills.json', 'POST', {
      data: { issued_at: today, due_at: due, total: '125.50', client: { id: clientId }, matters: [{ id: matterId }] },
    });
    if (bill) this.lastBill = { id: bill.data.id, total: '125.50' };
  }

  private async payBill(): Promise<void> {
    if (!this.lastBill) return;
    const { id, total } = this.lastBill;
    this.lastBill = undefined;
    await this.call('billing', `/api/v4/bills/${id}/payments.json`, 'POST', { data: { amount: total } });
  }

  private async call<T>(system: 'cms' | 'dms' | 'billing', path: string, method: string, body: unknown): Promise<T | undefined> {
    const form = body instanceof FormData;
    const response = await fetch(`${this.sims[system].url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(form ? {} : { 'content-type': 'application/json' }) },
      body: form ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      this.fail(`${method} ${system} ${path}: ${response.status} ${text.slice(0, 200)}`);
      return undefined;
    }
    this.edits++;
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private fail(what: string): void {
    this.failed++;
    if (this.failures.length < 10) this.failures.push(what);
  }
}
