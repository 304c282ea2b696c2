import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from '../../../shared/logger.js';
import { parseKnownFields } from '../../http/clio/fields.js';
import type { JsonObject } from '../../http/clio/json.js';
import { renderSelected, type View } from '../../http/clio/view.js';
import { stamp } from '../../http/clio/validate.js';
import type { Table, TableEvent } from '../../store/table.js';
import type { ModelSource, Webhook, WebhookModel } from './model.js';

export interface DeliveryPolicy {
  /** First retry after this long, doubling each time (default 1000 ms). */
  retryBaseMs: number;
  /** Attempts per delivery, the first included (default 5); then it is given up and logged. */
  maxAttempts: number;
  /** Each attempt (and the handshake) gives up after this long (default 5000 ms). */
  timeoutMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { retryBaseMs: 1000, maxAttempts: 5, timeoutMs: 5000 };

export type DeliveryOutcome = 'pending' | 'delivered' | 'dropped' | 'abandoned' | 'cancelled';

/** What happened to one delivery, for `GET /_sim/webhook_deliveries`. */
export interface DeliveryRecord {
  delivery_id: string;
  webhook_id: number;
  event: TableEvent;
  object_id: string | number | null;
  occurred_at: string;
  outcome: DeliveryOutcome;
  attempts: number;
  last_status: number | null;
}

const KEEP_RECORDS = 1000;

export function signBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export interface DispatcherOptions {
  webhooks: Table<Webhook>;
  sources: Readonly<Record<WebhookModel, ModelSource>>;
  /** The view deliveries are rendered in: the CMS's default version and its drift. */
  view(): View;
  dropRate(): number;
  policy: DeliveryPolicy;
  logger: Logger;
  random?: () => number;
}

/**
 * Sends webhook deliveries: on every write of a watched model, one signed POST per live, enabled
 * webhook subscribed to that event, retried with exponential backoff. Deliveries of one object to
 * one webhook go out one after another, in the order of the writes.
 */
export class WebhookDispatcher {
  private closed = false;
  private readonly aborter = new AbortController();
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly handshakes = new Map<number, number>();
  private readonly records: DeliveryRecord[] = [];
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly options: DispatcherOptions) {
    this.unsubscribe = (Object.entries(options.sources) as Array<[WebhookModel, ModelSource]>).map(([model, source]) =>
      source.subscribe((event, render) => this.notify(model, event, render)),
    );
  }

  deliveries(): DeliveryRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  /**
   * POSTs `X-Hook-Secret` to the webhook's URL; a 2xx enables it, anything else (or no answer in
   * time) leaves it `pending`, and pending webhooks get no deliveries (a PATCH retries the handshake).
   */
  handshake(webhookId: number): void {
    const hook = this.options.webhooks.get(webhookId);
    if (!hook || this.closed) return;
    const round = (this.handshakes.get(webhookId) ?? 0) + 1;
    this.handshakes.set(webhookId, round);
    const body = JSON.stringify({ meta: { event: 'handshake', webhook_id: hook.id } });
    const settle = (ok: boolean) => {
      const current = this.options.webhooks.get(webhookId);
      if (!current || this.closed || this.handshakes.get(webhookId) !== round) return;
      const status = ok ? 'enabled' : 'pending';
      this.options.webhooks.update(webhookId, { status, ...stamp('webhook', webhookId) });
      this.options.logger.debug({ webhookId, status }, 'webhook handshake finished');
    };
    this.post(hook.url, body, { 'X-Hook-Secret': hook.shared_secret, 'X-Hook-Signature': signBody(body, hook.shared_secret) }).then(
      (status) => settle(status !== null && status >= 200 && status < 300),
      () => settle(false),
    );
  }

  /** Stops retries and in-flight requests; resolves when every delivery has finished. */
  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.unsubscribe) stop();
    this.aborter.abort();
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
    await Promise.allSettled([...this.chains.values()]);
  }

  private live(hook: Webhook | undefined, now = Date.now()): hook is Webhook {
    return hook !== undefined && hook.status === 'enabled' && Date.parse(hook.expires_at) > now;
  }

  private notify(model: WebhookModel, event: TableEvent, render: (version: number) => JsonObject): void {
    if (this.closed) return;
    const now = Date.now();
    const hooks = this.options.webhooks.all().filter((h) => h.model === model && h.events.includes(event) && this.live(h, now));
    if (hooks.length === 0) return;
    const view = this.options.view();
    const source = this.options.sources[model];
    const full = render(view.version);
    const objectId = (full.id ?? null) as string | number | null;
    const occurred_at = new Date(now).toISOString();
    for (const hook of hooks) {
      const data = event === 'deleted' ? { id: objectId } : this.shape(source, hook, full, view);
      const delivery_id = randomUUID();
      const body = JSON.stringify({ data, meta: { event, webhook_id: hook.id, delivery_id, occurred_at } });
      const record: DeliveryRecord = { delivery_id, webhook_id: hook.id, event, object_id: objectId, occurred_at, outcome: 'pending', attempts: 0, last_status: null };
      this.keep(record);
      if ((this.options.random ?? Math.random)() < this.options.dropRate()) {
        record.outcome = 'dropped';
        this.options.logger.debug({ webhookId: hook.id, deliveryId: delivery_id }, 'webhook delivery dropped (fault injection)');
        continue;
      }
      this.enqueue(`${hook.id}:${String(objectId)}`, () => this.deliver(hook.id, body, record));
    }
  }

  /** The record as a read with the webhook's `fields` would show it (unknown fields now skipped). */
  private shape(source: ModelSource, hook: Webhook, full: JsonObject, view: View): JsonObject {
    const spec = source.spec(view.version);
    const selection = parseKnownFields(hook.fields, spec);
    return renderSelected({ name: source.resourceName, spec, render: () => full }, null, selection, view);
  }

  private keep(record: DeliveryRecord): void {
    this.records.push(record);
    if (this.records.length > KEEP_RECORDS) this.records.splice(0, this.records.length - KEEP_RECORDS);
  }

  private enqueue(key: string, task: () => Promise<void>): void {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(task);
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async deliver(webhookId: number, body: string, record: DeliveryRecord): Promise<void> {
    const { retryBaseMs, maxAttempts } = this.options.policy;
    for (let attempt = 1; ; attempt++) {
      const hook = this.options.webhooks.get(webhookId);
      if (this.closed || !this.live(hook)) {
        record.outcome = 'cancelled';
        return;
      }
      record.attempts = attempt;
      const status = await this.post(hook.url, body, { 'X-Hook-Signature': signBody(body, hook.shared_secret) }).catch(() => null);
      record.last_status = status;
      if (status !== null && status >= 200 && status < 300) {
        record.outcome = 'delivered';
        return;
      }
      if (attempt >= maxAttempts) {
        record.outcome = 'abandoned';
        this.options.logger.warn({ webhookId, deliveryId: record.delivery_id, attempts: attempt, lastStatus: status }, 'webhook delivery given up');
        return;
      }
      await this.sleep(retryBaseMs * 2 ** (attempt - 1));
    }
  }

  /** The receiver's status code; rejects on network errors and timeouts. */
  private async post(url: string, body: string, headers: Record<string, string>): Promise<number | null> {
    if (this.closed) return null;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'casebridge-cms-simulator', ...headers },
      body,
      signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(this.options.policy.timeoutMs)]),
    });
    await response.body?.cancel().catch(() => undefined);
    return response.status;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }
}
