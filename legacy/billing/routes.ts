import { Router } from 'express';
import { z } from 'zod';
import { allOf, idFilter, oneOfFilter } from '../http/clio/filters.js';
import { sendList, sendRecord } from '../http/clio/list.js';
import { sendJson } from '../http/clio/respond.js';
import { dateSchema, dateTimeSchema, parseData, refSchema, resolveRef, stamp } from '../http/clio/validate.js';
import { notFound, unprocessable } from '../http/errors.js';
import type { Bill, Ref } from '../firm/types.js';
import type { Store } from '../store/store.js';
import { centsToNumber, parseCents } from './money.js';
import { balanceCents, billResource } from './render.js';

const STATES = ['draft', 'awaiting_approval', 'awaiting_payment', 'paid', 'void'] as const;
const amountSchema = z.union([z.string(), z.number()]);

const billCreateSchema = z
  .object({
    number: z.string().trim().min(1).max(50).optional(),
    subject: z.string().max(1000).nullable().optional(),
    issued_at: dateSchema,
    due_at: dateSchema,
    total: amountSchema,
    state: z.enum(['draft', 'awaiting_approval', 'awaiting_payment']).optional(),
    client: refSchema,
    matters: z.array(refSchema).min(1),
  })
  .strict();

const paymentSchema = z.object({ amount: amountSchema, date: z.union([dateTimeSchema, dateSchema]).optional() }).strict();

function billId(text: string | undefined): number {
  return /^\d+$/.test(text ?? '') ? Number(text) : Number.NaN;
}

/** Clio's bills, on their own server: reads, creating a bill, recording a payment. */
export function billingRouter(store: Store): Router {
  const resource = billResource(store);
  const api = Router();
  const find = (text: string | undefined): Bill => {
    const bill = store.bills.get(billId(text));
    if (!bill) throw notFound(`No bill with id ${text}`);
    return bill;
  };

  api.get('/bills.json', (req, res) =>
    sendList(req, res, resource, allOf<Bill>(
      idFilter(req, 'client_id', (b) => b.client.id),
      idFilter(req, 'matter_id', (b) => b.matters.map((m) => m.id)),
      oneOfFilter(req, 'state', STATES, (b) => b.state),
    )),
  );
  api.get('/bills/:id.json', (req, res) => sendRecord(req, res, resource, find(req.params.id)));

  api.post('/bills.json', (req, res) => {
    const data = parseData(billCreateSchema, req.body);
    const total = parseCents(data.total);
    if (total === null || total <= 0) throw unprocessable('Validation failed: total must be a positive amount with at most 2 decimals');
    if (data.due_at < data.issued_at) throw unprocessable('Validation failed: due_at is before issued_at');
    const client = resolveRef(store.contacts, data.client, 'client') as Ref;
    const matters = data.matters.map((m) => resolveRef(store.matters, m, 'matters') as Ref);
    for (const ref of matters) {
      if (store.matters.get(ref.id)?.client.id !== client.id) throw unprocessable(`Validation failed: matter ${ref.id} does not belong to client ${client.id}`);
    }
    const number = data.number ?? String(store.bills.all().reduce((max, b) => Math.max(max, Number(b.number) || 0), 1000) + 1);
    if (store.bills.all().some((b) => b.number === number)) throw unprocessable(`Validation failed: bill number ${number} is already taken`);
    const id = store.nextId(store.bills);
    const created = stamp('bill', id);
    const bill = store.bills.insert({
      id, etag: created.etag, created_at: created.updated_at, updated_at: created.updated_at,
      number, subject: data.subject ?? null, issued_at: data.issued_at, due_at: data.due_at,
      state: data.state ?? 'awaiting_payment', currency: 'USD', total_cents: total, paid_cents: 0, paid_at: null, client, matters,
    });
    sendRecord(req, res, resource, bill, 201);
  });

  api.post('/bills/:id/payments.json', (req, res) => {
    const bill = find(req.params.id);
    const data = parseData(paymentSchema, req.body);
    const cents = parseCents(data.amount);
    if (cents === null || cents <= 0) throw unprocessable('Validation failed: amount must be a positive amount with at most 2 decimals, e.g. "100.25"');
    if (bill.state !== 'awaiting_payment') throw unprocessable(`Validation failed: bill ${bill.number} is ${bill.state} and cannot take payments`);
    const balance = balanceCents(bill);
    if (cents > balance) throw unprocessable(`Validation failed: amount ${centsToNumber(cents)} exceeds the balance ${centsToNumber(balance)}`);

    const now = stamp('bill', bill.id);
    const id = store.nextId(store.payments);
    const date = data.date ?? now.updated_at;
    const payment = store.payments.insert({ id, etag: stamp('payment', id).etag, created_at: now.updated_at, updated_at: now.updated_at, bill: { id: bill.id }, amount_cents: cents, date });
    const paid = bill.paid_cents + cents;
    store.bills.update(bill.id, { paid_cents: paid, ...(paid === bill.total_cents ? { state: 'paid' as const, paid_at: now.updated_at } : {}), ...now });
    sendJson(req, res, 201, {
      data: {
        id: payment.id,
        etag: payment.etag,
        amount: centsToNumber(cents),
        date: payment.date,
        bill: { id: bill.id, etag: bill.etag, number: bill.number, state: bill.state, total: centsToNumber(bill.total_cents), paid: centsToNumber(bill.paid_cents), balance: centsToNumber(balanceCents(bill)) },
      },
    }, payment.etag);
  });

  const router = Router();
  router.use('/api/v4', api);
  return router;
}
