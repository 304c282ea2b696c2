import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { ClientRow, MatterEventRow, MatterRow, StaffRow, type MatterEventKind } from '../../subgraphs/matters/entities/index.js';
import { DocumentRow, type DocumentKind } from '../../subgraphs/documents/entities/index.js';
import { InvoiceMatterRow, InvoiceRow } from '../../subgraphs/billing/entities/index.js';

const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(Date.now() + days * DAY);
const isoDate = (days: number) => at(days).toISOString().slice(0, 10);
const synced = { legacyUpdatedAt: new Date('2026-01-01T00:00:00Z') };

/**
 * A small firm with everything the graph serves: Ava (two matters, with hearings, documents and
 * bills in every state, one bill covering both matters), Ben (one matter), and Sarah, the attorney
 * responsible for Ava's first matter and Ben's.
 */
export const FIRM = {
  ava: { id: '101', name: 'Ava Martin', email: 'ava.martin@example.com' },
  ben: { id: '102', name: 'Ben Okafor', email: 'ben.okafor@example.com' },
  sarah: { id: '9001', name: 'Sarah Jones', email: 'sarah.jones@smithjones.example' },
  matters: {
    avaLitigation: { id: '501', number: '00501-Martin', title: 'Martin v. Acme Corp', clientId: '101', responsibleStaffId: '9001' },
    avaLease: { id: '502', number: '00502-Martin', title: 'Martin lease review', clientId: '101', responsibleStaffId: null },
    benEstate: { id: '503', number: '00503-Okafor', title: 'Okafor estate', clientId: '102', responsibleStaffId: '9001' },
  },
} as const;

/** What the graph must answer for the fixture, exact to the cent. */
export const EXPECTED = {
  balances: { avaLitigation: '2900.15', avaLease: '0.10', benEstate: '999.99', ava: '2900.15', ben: '999.99' },
  /** Bills Ava sees, per matter, newest first. */
  avaInvoices: {
    avaLitigation: [
      { number: 'INV-1007', total: '0.30', balance: '0.10', status: 'AWAITING_PAYMENT' },
      { number: 'INV-1002', total: '1000.10', balance: '400.05', status: 'OVERDUE' },
      { number: 'INV-1001', total: '2500.00', balance: '2500.00', status: 'AWAITING_PAYMENT' },
    ],
    avaLease: [
      { number: 'INV-1007', total: '0.30', balance: '0.10', status: 'AWAITING_PAYMENT' },
      { number: 'INV-1005', total: '300.00', balance: '0.00', status: 'PAID' },
    ],
  },
} as const;

export const principals = {
  ava: { accountId: 'acc-ava', email: FIRM.ava.email, role: 'CLIENT', clientId: FIRM.ava.id, staffId: null },
  ben: { accountId: 'acc-ben', email: FIRM.ben.email, role: 'CLIENT', clientId: FIRM.ben.id, staffId: null },
  sarah: { accountId: 'acc-sarah', email: FIRM.sarah.email, role: 'STAFF', clientId: null, staffId: FIRM.sarah.id },
  admin: { accountId: 'acc-admin', email: 'admin@smithjones.example', role: 'ADMIN', clientId: null, staffId: null },
} satisfies Record<string, Principal>;

export async function seedFirm(dataSource: DataSource): Promise<void> {
  await dataSource.getRepository(ClientRow).insert([
    { ...FIRM.ava, kind: 'Person', ...synced },
    { ...FIRM.ben, kind: 'Person', ...synced },
  ]);
  await dataSource.getRepository(StaffRow).insert({ ...FIRM.sarah, legacyRole: 'Attorney', ...synced });
  await dataSource.getRepository(MatterRow).insert(Object.values(FIRM.matters).map((m) => ({
    ...m, practiceArea: 'Litigation', legacyStatus: 'Open', legacyCaseStatus: 'Discovery', openedOn: '2025-03-01', ...synced,
  })));
  const event = (id: string, matterId: string, kind: MatterEventKind, title: string, days: number) =>
    ({ id, matterId, kind, title, startsAt: at(days), endsAt: null, location: 'Courtroom 4B', ...synced });
  await dataSource.getRepository(MatterEventRow).insert([
    event('calendar:1', '501', 'HEARING', 'Past hearing', -10),
    event('task:2', '501', 'DEADLINE', 'Discovery responses due', 2),
    event('calendar:3', '501', 'HEARING', 'Motion hearing', 10),
    event('calendar:4', '501', 'TRIAL', 'Trial', 30),
    event('calendar:5', '503', 'HEARING', 'Probate hearing', 5),
  ]);
  const document = (id: string, matterNumber: string, name: string, kind: DocumentKind, days: number) =>
    ({ id, matterNumber, name, kind, tags: ['client-visible'], receivedAt: at(days), ...synced });
  await dataSource.getRepository(DocumentRow).insert([
    document('d1', '00501-Martin', 'Complaint.pdf', 'PLEADING', -40),
    document('d2', '00501-Martin', 'Deposition of J. Doe.pdf', 'DEPOSITION_TRANSCRIPT', -3),
    document('d3', '00502-Martin', 'Lease.pdf', 'CONTRACT', -20),
    document('d4', '00503-Okafor', 'Will.pdf', 'EVIDENCE', -5),
  ]);
  const bill = (id: string, number: string, clientId: string, legacyState: string, issuedDays: number | null, dueDays: number | null, total: string, balance: string) =>
    ({ id, number, clientId, legacyState, issuedOn: issuedDays === null ? null : isoDate(issuedDays), dueOn: dueDays === null ? null : isoDate(dueDays), total, balance, currency: 'USD', ...synced });
  await dataSource.getRepository(InvoiceRow).insert([
    bill('b1', 'INV-1001', '101', 'awaiting_payment', -30, 10, '2500.00', '2500.00'),
    bill('b2', 'INV-1002', '101', 'awaiting_payment', -20, -1, '1000.10', '400.05'),
    bill('b3', 'INV-1003', '101', 'draft', null, null, '50.00', '50.00'),
    bill('b4', 'INV-1004', '101', 'void', -15, 15, '75.00', '75.00'),
    bill('b5', 'INV-1005', '101', 'paid', -12, -2, '300.00', '0.00'),
    bill('b6', 'INV-1006', '102', 'awaiting_payment', -10, 20, '999.99', '999.99'),
    bill('b7', 'INV-1007', '101', 'awaiting_payment', -5, 25, '0.30', '0.10'),
  ]);
  await dataSource.getRepository(InvoiceMatterRow).insert([
    { invoiceId: 'b1', matterId: '501' }, { invoiceId: 'b2', matterId: '501' }, { invoiceId: 'b3', matterId: '501' },
    { invoiceId: 'b4', matterId: '502' }, { invoiceId: 'b5', matterId: '502' }, { invoiceId: 'b6', matterId: '503' },
    { invoiceId: 'b7', matterId: '501' }, { invoiceId: 'b7', matterId: '502' },
  ]);
}

/** A client with `count` matters, each with an event, a document and a bill: for counting SQL statements. */
export async function seedBusyClient(dataSource: DataSource, clientId: string, count: number): Promise<void> {
  await dataSource.getRepository(ClientRow).insert({ id: clientId, name: `Client ${clientId}`, email: `client${clientId}@example.com`, kind: 'Company', ...synced });
  const ids = Array.from({ length: count }, (_, i) => `${clientId}-${i + 1}`);
  await dataSource.getRepository(MatterRow).insert(ids.map((id) => ({
    id, number: `N-${id}`, title: `Matter ${id}`, practiceArea: null, legacyStatus: 'Open', legacyCaseStatus: null,
    clientId, responsibleStaffId: null, openedOn: null, closedOn: null, ...synced,
  })));
  await dataSource.getRepository(MatterEventRow).insert(ids.map((id) => ({ id: `calendar:${id}`, matterId: id, kind: 'HEARING' as const, title: 'Hearing', startsAt: at(7), ...synced })));
  await dataSource.getRepository(DocumentRow).insert(ids.map((id) => ({ id: `doc-${id}`, matterNumber: `N-${id}`, name: 'Filing.pdf', kind: 'PLEADING' as const, receivedAt: at(-1), ...synced })));
  await dataSource.getRepository(InvoiceRow).insert(ids.map((id) => ({
    id: `bill-${id}`, number: `B-${id}`, clientId, legacyState: 'awaiting_payment', issuedOn: isoDate(-3), dueOn: isoDate(27), total: '10.00', balance: '10.00', ...synced,
  })));
  await dataSource.getRepository(InvoiceMatterRow).insert(ids.map((id) => ({ invoiceId: `bill-${id}`, matterId: id })));
}
