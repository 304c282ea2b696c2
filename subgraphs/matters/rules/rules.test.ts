/**
 * The firm's rules, evaluated without a database: a paralegal's name comparison, "Discovery
 * Complete" held back by a missing or mis-tagged transcript and fired by the last correct tag,
 * specific client-facing words, urgency, history kept quiet, cancellations withdrawing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MATTER_STAGES, transition } from '../stages/stage-machine.js';
import { decide } from './engine.js';
import type { BatchFacts, MatterFacts } from './facts.js';
import { deponentOfTitle, listNames, sameName } from './names.js';
import { humanDate, humanMoney, humanTime } from './format.js';
import { RULES } from './rules.js';
import { documentPayload, domainEvent, transcript } from '../../../test/support/rules-events.js';
import { unknownVariables } from './vocabulary.js';
import type { DocumentFact } from './document-facts.js';

const NOW = new Date('2026-11-01T12:00:00Z');
const matter: MatterFacts = { id: 'm1', number: '00001-Martin', title: 'Martin v. Harbor Logistics', clientId: 'c1', clientName: 'Ava Martin', practiceArea: 'Litigation', stage: 'DISCOVERY' };
const depositions = [
  { eventId: 'calendar:1', title: 'Deposition of Jane Doe', deponent: 'Jane Doe', startsAt: new Date('2026-10-15T14:00:00Z') },
  { eventId: 'calendar:2', title: 'Deposition of Marcus Lee', deponent: 'Marcus Lee', startsAt: new Date('2026-10-23T21:30:00Z') },
  { eventId: 'calendar:3', title: 'Deposition of Priya Shah', deponent: 'Priya Shah', startsAt: new Date('2026-10-28T13:00:00Z') },
];

function facts(transcripts: DocumentFact[], overrides: Partial<BatchFacts> = {}): BatchFacts {
  return {
    matters: new Map([[matter.id, matter]]),
    matterIdByNumber: new Map([[matter.number, matter.id]]),
    depositions: new Map([[matter.id, depositions]]),
    transcripts: new Map([[matter.number, transcripts]]),
    standing: new Map(),
    importedAt: { cms: new Date('2026-01-01T00:00:00Z'), dms: new Date('2026-01-01T00:00:00Z'), billing: new Date('2026-01-01T00:00:00Z') },
    ...overrides,
  };
}

const filed = (id: string, kind: string, deponent: string | null, name = `${id}.pdf`) =>
  domainEvent('document.filed', documentPayload({ id, matterNumber: matter.number, name, kind, deponent }), { matterNumber: matter.number, subject: `document:${id}` });
const tagged = (id: string, kind: string, deponent: string | null, previousKind: string, previousDeponent: string | null) =>
  domainEvent('document.tagged', { ...documentPayload({ id, matterNumber: matter.number, name: `${id}.pdf`, kind, deponent }), previousKind, previousDeponent }, { matterNumber: matter.number, subject: `document:${id}` });
const fired = (decisions: ReturnType<typeof decide>) => decisions.map((d) => d.rule);

describe('names, compared the way a paralegal would', () => {
  it('ignores case, spacing, punctuation and accents, and reads "Last, First"', () => {
    expect(sameName('Jane  Doe.', 'jane doe')).toBe(true);
    expect(sameName(' JANE-DOE ', 'Jane Doe')).toBe(true);
    expect(sameName('Doe, Jane', 'Jane Doe')).toBe(true);
    expect(sameName('José Núñez', 'jose nunez')).toBe(true);
    expect(sameName("O'Brien", 'OBrien')).toBe(true);
    expect(sameName('Jane Doe', 'Jane Dow')).toBe(false);
    expect(sameName('Jane Doe', 'Jane')).toBe(false);
    expect(sameName(null, 'Jane Doe')).toBe(false);
    expect(sameName('...', '!!!')).toBe(false);
  });

  it('finds the deponent in a calendar title', () => {
    expect(deponentOfTitle('Deposition of Jane Doe')).toBe('Jane Doe');
    expect(deponentOfTitle('deposition of  Marcus Lee ')).toBe('Marcus Lee');
    expect(deponentOfTitle('Depo - Priya Shah')).toBe('Priya Shah');
    expect(deponentOfTitle('Case Management Conference')).toBeNull();
  });

  it('reads the deponent of a 1 MB title in one pass (the old pattern took minutes on long runs of spaces)', async () => {
    // In a child process with a deadline: a regular expression cannot be interrupted in-process,
    // so a quadratic one would hold the test for minutes instead of failing it.
    const script = `import { deponentOfTitle } from './subgraphs/matters/rules/names.ts';
      const spaces = ' '.repeat(1_000_000);
      console.log(JSON.stringify([
        deponentOfTitle('Deposition of Jane' + spaces + 'Doe' + spaces) === 'Jane' + spaces + 'Doe',
        deponentOfTitle('Depo' + spaces + 'x'),
        deponentOfTitle(spaces + 'Case' + spaces + 'Conference'),
      ]));`;
    const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', ['--eval', script], { timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual([true, null, null]);
  }, 40_000);
});

describe('dates, times and money as a client reads them', () => {
  it('writes "October 15th", the year only when it is not this one, in the firm\'s time zone', () => {
    const tz = 'America/New_York';
    expect(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-11', '2026-10-12', '2026-10-13', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-31']
      .map((d) => humanDate(new Date(`${d}T16:00:00Z`), tz, NOW))).toEqual(
      ['October 1st', 'October 2nd', 'October 3rd', 'October 11th', 'October 12th', 'October 13th', 'October 21st', 'October 22nd', 'October 23rd', 'October 31st']);
    expect(humanDate(new Date('2027-01-02T03:00:00Z'), tz, NOW)).toBe('January 1st, 2027');
    expect(humanTime(new Date('2026-10-15T14:30:00Z'), tz)).toBe('10:30 AM');
    expect(humanMoney('1234.5', 'USD')).toBe('$1,234.50');
    expect(humanMoney('0.10', 'USD')).toBe('$0.10');
    expect(humanMoney('1000000', 'EUR')).toBe('EUR 1,000,000.00');
    expect(listNames(['Jane Doe', 'Marcus Lee', 'Priya Shah'])).toBe('Jane Doe, Marcus Lee and Priya Shah');
  });
});

describe('the stage machine', () => {
  it('moves forward, skips stages, reaches CLOSED from anywhere and never leaves it', () => {
    expect(transition('INTAKE', 'ENGAGED')).toEqual({ allowed: true });
    expect(transition('ENGAGED', 'RESOLUTION')).toEqual({ allowed: true });
    expect(transition('DISCOVERY', 'PLEADINGS').allowed).toBe(false);
    expect(transition('DISCOVERY', 'DISCOVERY').allowed).toBe(false);
    for (const stage of MATTER_STAGES) if (stage !== 'CLOSED') expect(transition(stage, 'CLOSED')).toEqual({ allowed: true });
    for (const stage of MATTER_STAGES) expect(transition('CLOSED', stage).allowed).toBe(false);
  });

  it('keeps a practice area to its subset of stages', () => {
    expect(transition('ENGAGED', 'DISCOVERY', 'Estate Planning')).toEqual({ allowed: false, reason: 'Estate Planning matters do not use DISCOVERY; their stages are INTAKE, ENGAGED, RESOLUTION, CLOSED.' });
    expect(transition('ENGAGED', 'RESOLUTION', 'estate planning')).toEqual({ allowed: true });
    expect(transition('ENGAGED', 'DISCOVERY', 'Litigation')).toEqual({ allowed: true });
    expect(transition('ENGAGED', 'DISCOVERY', null)).toEqual({ allowed: true });
  });
});

describe('the rules file', () => {
  it('has unique ids, known placeholders and real stages', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect([rule.id, unknownVariables(`${rule.update.title} ${rule.update.body} ${rule.explanation ?? ''}`)]).toEqual([rule.id, []]);
      if (rule.moveTo) expect(MATTER_STAGES).toContain(rule.moveTo);
      expect(`${rule.update.title} ${rule.update.body}`).not.toMatch(/status has been updated/i);
      // The Spanish words fill from the same facts: they render whenever the English do.
      const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
      expect([rule.id, placeholders(`${rule.update.es.title} ${rule.update.es.body}`)]).toEqual([rule.id, placeholders(`${rule.update.title} ${rule.update.body}`)]);
    }
  });

  it('writes every update in Spanish too, dates and money as a Spanish reader writes them', () => {
    const invoice = domainEvent('invoice.issued', { invoiceId: 'b1', number: 'INV-7', matterIds: [matter.id], clientId: matter.clientId, total: '1234.50', paid: '0', balance: '1234.50', currency: 'USD', issuedOn: '2026-11-01', dueOn: '2026-12-15' }, { matterId: matter.id, subject: 'invoice:b1' });
    const [decision] = decide([invoice], facts([]), { now: NOW });
    expect(decision!.update.title).toBe('Invoice INV-7: $1,234.50');
    expect(decision!.update.translations.es).toEqual({
      title: 'Factura INV-7: 1234,50\u00a0US$',
      body: 'La factura INV-7 por 1234,50\u00a0US$ está disponible en su portal de cliente; vencimiento: 15 de diciembre.',
    });
    const [hearing] = decide([domainEvent('hearing.scheduled', { eventId: 'calendar:9', matterId: matter.id, kind: 'HEARING', title: 'Vista', startsAt: '2027-01-05T15:30:00Z', endsAt: null, location: 'Sala 2' }, { matterId: matter.id, subject: 'calendar:9' })], facts([]), { now: NOW });
    expect(hearing!.update.translations.es).toEqual({ title: 'Vista el 5 de enero de 2027', body: 'Vista está programada para el 5 de enero de 2027 a las 10:30 en Sala 2.' });
  });
});

describe('Discovery Complete', () => {
  const jane = transcript('d-jane', matter.number, 'jane doe');

  it('tells the client which transcript arrived, naming the deponent and the day of the testimony', () => {
    const decisions = decide([filed('d-jane', 'DEPOSITION_TRANSCRIPT', 'jane doe', 'Doe J depo transcript.pdf')], facts([jane]), { now: NOW });
    expect(fired(decisions)).toEqual(['deposition-transcript-received']);
    expect(decisions[0]!.update.title).toBe('Deposition transcript received: Jane Doe');
    expect(decisions[0]!.update.body).toBe("We have received the deposition transcript from Jane Doe's testimony on October 15th. You can view a watermarked copy in your client portal.");
    expect(decisions[0]!.stage).toBeNull();
  });

  it('is held back by a missing transcript', () => {
    const priya = transcript('d-priya', matter.number, 'Priya Shah');
    expect(fired(decide([filed('d-priya', 'DEPOSITION_TRANSCRIPT', 'Priya Shah')], facts([jane, priya]), { now: NOW }))).toEqual(['deposition-transcript-received']);
  });

  it('is held back by a transcript tagged with the wrong deponent or not tagged as a transcript', () => {
    const marcusWrong = transcript('d-marcus', matter.number, 'Marcus');
    const priyaUntyped = transcript('d-priya', matter.number, 'Priya Shah', 'OTHER');
    const events = [filed('d-marcus', 'DEPOSITION_TRANSCRIPT', 'Marcus'), filed('d-priya', 'OTHER', 'Priya Shah')];
    const decisions = decide(events, facts([jane, marcusWrong, priyaUntyped]), { now: NOW });
    expect(fired(decisions)).toEqual(['deposition-transcript-received-off-calendar']);
    expect(decisions.every((d) => d.stage === null)).toBe(true);
  });

  it('fires on the last correct tag, once, with the facts it rests on', () => {
    const marcusWrong = transcript('d-marcus', matter.number, 'Marcus');
    const priya = transcript('d-priya', matter.number, 'priya  shah.');
    // The paralegal fixes Priya's type first: Marcus's transcript still names nobody on the calendar.
    const first = decide([tagged('d-priya', 'DEPOSITION_TRANSCRIPT', 'priya  shah.', 'OTHER', 'Priya Shah')], facts([jane, marcusWrong, priya]), { now: NOW });
    expect(fired(first)).toEqual(['deposition-transcript-received']);
    // Then Marcus's deponent: the last one.
    const marcus = transcript('d-marcus', matter.number, 'LEE, MARCUS');
    const last = decide([tagged('d-marcus', 'DEPOSITION_TRANSCRIPT', 'LEE, MARCUS', 'DEPOSITION_TRANSCRIPT', 'Marcus')], facts([jane, marcus, priya]), { now: NOW });
    expect(fired(last)).toEqual(['deposition-transcript-received', 'discovery-complete']);
    const complete = last[1]!;
    expect(complete.stage).toEqual({ from: 'DISCOVERY', to: 'DISCOVERY_COMPLETE', explanation: 'Every deposition on the calendar has its transcript in the DMS: Jane Doe, Marcus Lee and Priya Shah.' });
    expect(complete.update.body).toBe('We now have the transcripts of all 3 depositions in your case (Jane Doe, Marcus Lee and Priya Shah). Discovery is complete, and we are preparing the next stage of your case.');
    expect(complete.facts.depositions).toEqual(expect.arrayContaining([expect.objectContaining({ deponent: 'Marcus Lee', transcript: expect.objectContaining({ documentId: 'd-marcus' }) })]));
    // Once complete, another transcript event does not complete it again.
    const again = decide([tagged('d-marcus', 'DEPOSITION_TRANSCRIPT', 'Marcus Lee', 'DEPOSITION_TRANSCRIPT', 'Marcus')], facts([jane, marcus, priya], { matters: new Map([[matter.id, { ...matter, stage: 'DISCOVERY_COMPLETE' }]]) }), { now: NOW });
    expect(fired(again)).toEqual(['deposition-transcript-received']);
  });

  it('fires on a calendar entry too, when the DMS was imported before the CMS calendar', () => {
    const all = [jane, transcript('d-marcus', matter.number, 'Marcus Lee'), transcript('d-priya', matter.number, 'Priya Shah')];
    const scheduled = domainEvent('hearing.scheduled', { eventId: 'calendar:3', matterId: matter.id, kind: 'DEPOSITION', title: 'Deposition of Priya Shah', startsAt: '2026-10-28T13:00:00Z', endsAt: null, location: null }, { matterId: matter.id, subject: 'calendar:3' });
    expect(fired(decide([scheduled], facts(all), { now: NOW }))).toEqual(['deposition-scheduled', 'discovery-complete']);
  });

  it('says nothing new when a retag changes nothing about the deponent', () => {
    expect(fired(decide([tagged('d-jane', 'DEPOSITION_TRANSCRIPT', 'Jane Doe', 'DEPOSITION_TRANSCRIPT', 'jane doe')], facts([jane]), { now: NOW }))).toEqual([]);
  });
});

describe('the calendar and deadlines', () => {
  const hearing = (type: 'hearing.scheduled' | 'hearing.cancelled', days: number, kind: 'HEARING' | 'TRIAL' | 'DEPOSITION' = 'HEARING', title = 'Hearing - Motion to Compel') =>
    domainEvent(type, { eventId: 'calendar:9', matterId: matter.id, kind, title, startsAt: new Date(NOW.getTime() + days * 86_400_000).toISOString(), endsAt: null, location: 'Superior Court, Dept. 12' }, { matterId: matter.id, subject: 'calendar:9' });

  it('is urgent within 7 days of a hearing, and within 72 hours of a deadline', () => {
    expect(decide([hearing('hearing.scheduled', 3)], facts([]), { now: NOW })[0]!.update).toMatchObject({
      urgent: true, title: 'Hearing - Motion to Compel on November 4th', body: 'Hearing - Motion to Compel is scheduled for November 4th at 7:00 AM at Superior Court, Dept. 12.',
    });
    expect(decide([hearing('hearing.scheduled', 10)], facts([]), { now: NOW })[0]!.update.urgent).toBe(false);
    const deadline = (hours: number) => domainEvent('deadline.set', { eventId: 'task:1', matterId: matter.id, title: 'Response to counterclaim', dueAt: new Date(NOW.getTime() + hours * 3_600_000).toISOString(), previousDueAt: null }, { matterId: matter.id });
    expect(decide([deadline(48)], facts([]), { now: NOW })[0]!.update.urgent).toBe(true);
    expect(decide([deadline(96)], facts([]), { now: NOW })[0]!.update.urgent).toBe(false);
  });

  it('moves a matter to pre-trial on a trial date, and not back to discovery on a later deposition', () => {
    const decisions = decide([hearing('hearing.scheduled', 90, 'TRIAL', 'Jury trial'), hearing('hearing.scheduled', 30, 'DEPOSITION', 'Deposition of Sam Roe')], facts([]), { now: NOW });
    expect(decisions.map((d) => [d.rule, d.stage?.to ?? null])).toEqual([['trial-scheduled', 'PRE_TRIAL'], ['deposition-scheduled', null]]);
    expect(decisions[1]!.update.title).toBe('Deposition of Sam Roe scheduled for December 1st');
  });

  it('announces a document re-typed into a pleading once, not every time it is retagged', () => {
    const retyped = tagged('d-answer', 'PLEADING', null, 'CORRESPONDENCE', null);
    const retagged = tagged('d-answer', 'PLEADING', null, 'PLEADING', null);
    expect(fired(decide([retyped, retagged], facts([]), { now: NOW }))).toEqual(['pleading-filed']);
  });

  it('withdraws what was said about a hearing when it is cancelled', () => {
    const standing = new Map([['calendar:9', [{ id: 'u-old', matterId: matter.id, clientId: 'c1', subject: 'calendar:9', announce: true }]]]);
    const [decision] = decide([hearing('hearing.cancelled', 2)], facts([], { standing }), { now: NOW });
    expect(decision!.update).toMatchObject({ urgent: true, withdraws: [expect.objectContaining({ id: 'u-old' })], title: 'Hearing - Motion to Compel on November 3rd is cancelled' });
  });

  it('keeps history quiet: events recorded before their system was first imported are not announced', () => {
    const old = domainEvent('hearing.scheduled', hearing('hearing.scheduled', 3).payload as never, { matterId: matter.id, recordedAt: new Date('2025-12-31T00:00:00Z') });
    expect(decide([old], facts([]), { now: NOW })[0]!.announce).toBe(false);
    expect(decide([old], facts([], { importedAt: { cms: null, dms: null, billing: null } }), { now: NOW })[0]!.announce).toBe(false);
    expect(decide([hearing('hearing.scheduled', 3)], facts([]), { now: NOW })[0]!.announce).toBe(true);
  });
});
