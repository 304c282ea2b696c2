import { DEMO, depositionsOf, documentsOf, findAvaDiscoveryMatter, findUserByEmail, mattersOfClient } from './demo.js';
import { generateFirm } from './generate.js';
import { parseFirmSize } from './size.js';

const anchor = new Date('2025-03-10T00:00:00Z');

describe('generateFirm', () => {
  it('is deterministic for a seed and anchor day, and differs between seeds', () => {
    const a = generateFirm({ seed: 42, now: anchor });
    expect(generateFirm({ seed: 42, now: new Date('2025-03-10T17:45:00Z') })).toEqual(a);
    const b = generateFirm({ seed: 43, now: anchor });
    expect(b.contacts.map((c) => c.name)).not.toEqual(a.contacts.map((c) => c.name));
  });

  it('tells the demo story: Ava and Ben, Sarah Jones, the admin', () => {
    const firm = generateFirm({ seed: 1, now: anchor });
    expect(firm.name).toBe('Smith & Jones LLP');
    const sarah = findUserByEmail(firm, DEMO.emails.sarah);
    expect(sarah).toMatchObject({ name: 'Sarah Jones', subscription_type: 'Attorney' });
    expect(findUserByEmail(firm, DEMO.emails.admin).roles).toContain('Administrator');
    for (const email of [DEMO.emails.ava, DEMO.emails.ben]) {
      const matters = mattersOfClient(firm, email);
      expect(matters.length).toBeGreaterThanOrEqual(2);
      expect(matters.some((m) => m.responsible_attorney?.id === sarah.id)).toBe(true);
      expect(firm.bills.some((b) => matters.some((m) => b.matters[0]?.id === m.id))).toBe(true);
    }
    expect(firm.contacts.filter((c) => c.is_client)).toHaveLength(25);
    expect(firm.contacts.some((c) => c.is_client && c.type === 'Company')).toBe(true);
    expect(firm.contacts.some((c) => c.is_client && c.primary_email_address === null)).toBe(true);
    expect(firm.matters).toHaveLength(40);
    expect(firm.documents).toHaveLength(300);
    expect(firm.bills).toHaveLength(60);
    expect(firm.bills.map((b) => b.total_cents)).toEqual(expect.arrayContaining([250_000, 123_450]));
  });

  it("has Ava's discovery matter with depositions, one transcript missing from the DMS", () => {
    const firm = generateFirm({ seed: 5, now: anchor });
    const matter = findAvaDiscoveryMatter(firm);
    expect(matter.display_number).toBe(DEMO.avaDiscoveryMatter.displayNumber);
    const caseStatus = firm.customFields.find((f) => f.name === 'Case Status')!;
    expect(caseStatus.picklist_options.length).toBeGreaterThanOrEqual(28);
    expect(caseStatus.picklist_options.some((o) => o.deleted_at !== null)).toBe(true);
    const value = matter.custom_field_values.find((v) => v.custom_field.id === caseStatus.id)!;
    expect(caseStatus.picklist_options.find((o) => o.id === value.value)?.option).toMatch(/disc/i);
    const depositions = depositionsOf(firm, matter);
    const past = depositions.filter((d) => Date.parse(d.start_at) < anchor.getTime()).map((d) => d.summary);
    expect(past).toEqual(['Deposition of Jane Doe', 'Deposition of Marcus Lee']);
    const transcripts = documentsOf(firm, matter).filter((d) => /depo/i.test(d.docType));
    expect(transcripts.map((d) => d.attributes.deponent)).toEqual(['jane doe']);
  });

  // How fast it generates is the benchmarks' business; here only what it generates.
  it('generates the large firm without document bytes', () => {
    const firm = generateFirm({ seed: 1, size: 'large', now: anchor });
    expect([firm.matters.length, firm.documents.length, firm.bills.length]).toEqual([10_000, 100_000, 30_000]);
    expect(firm.documents.every((d) => d.content === undefined)).toBe(true);
    expect(new Set(firm.documents.map((d) => d.id)).size).toBe(100_000);
  });

  it('parses sizes and explains bad ones', () => {
    expect(parseFirmSize('large')).toBe('large');
    expect(parseFirmSize('10:20:30')).toEqual({ matters: 10, documents: 20, bills: 30 });
    expect(() => parseFirmSize('huge')).toThrow(/<matters>:<documents>:<bills>/);
  });
});
