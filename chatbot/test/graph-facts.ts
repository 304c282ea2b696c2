import type { TestSystem } from '../../test/support/system.js';

interface Money { amount: string; currency: string }
interface Event { kind: string; title: string; startsAt: string; location: string | null }
export interface FactMatter {
  id: string; number: string; title: string; stage: string;
  nextHearing: Event | null; events: Event[];
  documents: Array<{ id: string; name: string; kind: string; receivedAt: string }>;
  invoices: Array<{ number: string; status: string; total: Money; balance: Money }>;
  balance: Money;
  responsibleAttorney: { name: string; email: string | null } | null;
  updates: Array<{ at: string; title: string }>;
}
export interface Facts { total: Money | null; matters: FactMatter[] }

/** Everything a client may be told, read straight from the graph with their own token. */
export async function factsOf(system: TestSystem, token: string): Promise<Facts> {
  const { data, errors } = await system.graphql<{ me: { client: { balance: Money } | null }; matters: FactMatter[] }>(token, `{
    me { client { balance { amount currency } } }
    matters { id number title stage
      nextHearing { kind title startsAt location } events { kind title startsAt location }
      documents { id name kind receivedAt } invoices { number status total { amount currency } balance { amount currency } }
      balance { amount currency } responsibleAttorney { name email } updates { at title } } }`);
  if (!data) throw new Error(`facts query failed: ${JSON.stringify(errors)}`);
  return { total: data.me.client?.balance ?? null, matters: data.matters };
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isJson) : []);
const idOf = (v: unknown) => (isJson(v) && typeof v['id'] === 'string' ? v['id'] : null);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether every fact an answer's `data` carries is what the graph says for this client: the
 * problems found (none: the answer told the truth).
 */
export function checkAgainstGraph(intent: string, data: Json, facts: Facts): string[] {
  const problems: string[] = [];
  const matter = (ref: unknown) => facts.matters.find((m) => m.id === idOf(ref));
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${intent}: ${what}`);
  };
  const single = isJson(data['matter']) ? data['matter'] : null;
  if (single) expect(matter(single) !== undefined, `matter ${JSON.stringify(single)} is not the client's`);
  const own = single ? matter(single) : undefined;
  switch (intent) {
    case 'next_hearing':
      if (own && isJson(single!['nextHearing'])) expect(own.events.some((e) => e.startsAt === (single!['nextHearing'] as Json)['startsAt']), 'hearing not in the graph');
      break;
    case 'balance':
      if (own) expect(same(single!['balance'], own.balance), 'matter balance differs');
      else {
        expect(same(data['total'], facts.total), 'total differs');
        for (const m of arrayOf(data['matters'])) expect(same(m['balance'], matter(m)?.balance), `balance of ${String(m['id'])} differs`);
      }
      break;
    case 'invoices':
      for (const i of arrayOf(data['invoices'])) {
        const bill = matter(i['matter'])?.invoices.find((b) => b.number === i['number']);
        expect(bill !== undefined && same(bill.balance, i['balance']) && same(bill.total, i['total']), `invoice ${String(i['number'])} differs`);
      }
      break;
    case 'document_status': {
      const doc = isJson(data['document']) ? data['document'] : null;
      if (doc) expect(matter(doc['matter'])?.documents.some((d) => d.id === doc['id'] && d.name === doc['name']) ?? false, 'document not in the graph');
      for (const d of arrayOf(data['documents'])) expect(matter(d['matter'])?.documents.some((x) => x.id === d['id']) ?? false, 'document not in the graph');
      break;
    }
    case 'stage':
      if (own) expect(single!['stage'] === own.stage, 'stage differs');
      break;
    case 'contact':
      if (own) expect(same(single!['responsibleAttorney'], own.responsibleAttorney), 'attorney differs');
      break;
    case 'matters':
      expect(same(arrayOf(data['matters']).map((m) => m['id']).sort(), facts.matters.map((m) => m.id).sort()), 'matters differ');
      break;
    case 'upcoming_events':
      for (const e of arrayOf(data['events'])) expect(matter(e['matter'])?.events.some((x) => x.startsAt === e['startsAt'] && x.title === e['title']) ?? false, 'event not in the graph');
      break;
    case 'updates':
      for (const u of arrayOf(data['updates'])) expect(matter(u['matter'])?.updates.some((x) => x.at === u['at'] && x.title === u['title']) ?? false, 'update not in the graph');
      break;
  }
  return problems;
}
