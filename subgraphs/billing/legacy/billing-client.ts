import { z } from 'zod';
import {
  LegacyHttpClient, clioIds, clioPages, instant, isoDate, legacyId, optionalRef, type LegacyHttpClientOptions, type LegacyPage,
} from '../../../shared/legacy-http/index.js';
import { amountSchema } from './amount.js';

export const billSchema = z.object({
  id: legacyId,
  number: z.union([z.string().trim().min(1), z.number()]).transform(String),
  issued_at: isoDate.nullish().transform((value) => value ?? null),
  due_at: isoDate.nullish().transform((value) => value ?? null),
  total: amountSchema,
  balance: amountSchema,
  paid: amountSchema.nullish().transform((value) => value ?? '0.00'),
  state: z.string().trim().min(1),
  currency: z.object({ code: z.string().trim().regex(/^[A-Za-z]{3}$/).nullish() }).nullish().transform((c) => c?.code?.toUpperCase() ?? 'USD'),
  matters: z.array(z.object({ id: legacyId })).nullish().transform((matters) => (matters ?? []).map((m) => m.id)),
  client: optionalRef,
  updated_at: instant,
});

export type BillingBill = z.output<typeof billSchema>;

const BILLS_PATH = 'api/v4/bills.json';
const BILL_FIELDS = 'id,number,issued_at,due_at,total,balance,paid,state,currency{code},matters{id},client{id},updated_at';
const PAGE_SIZE = 200;

/** The billing adapter: Clio-style bills, amounts as exact decimal strings. */
export class BillingClient {
  readonly http: LegacyHttpClient;

  constructor(options: Omit<LegacyHttpClientOptions, 'system'>, private readonly pageSize = PAGE_SIZE) {
    this.http = new LegacyHttpClient({ ...options, system: 'billing' });
  }

  list(resource: 'bills', options: { updatedSince?: Date } = {}): AsyncGenerator<LegacyPage<BillingBill>> {
    void resource;
    return clioPages(this.http, BILLS_PATH, { fields: BILL_FIELDS, limit: this.pageSize, updatedSince: options.updatedSince }, billSchema);
  }

  listIds(resource: 'bills'): Promise<string[]> {
    void resource;
    return clioIds(this.http, BILLS_PATH, this.pageSize);
  }
}
