import { DOC_TYPES } from '../../../legacy/firm/vocab.js';
import { CASE_STATUS_OPTIONS } from '../../../legacy/firm/vocab.js';
import { normalizeRawValue } from './mappings.js';
import { DEFAULT_CASE_STATUS_MAPPING } from '../../matters/case-statuses.js';
import { DEFAULT_DOCUMENT_TYPE_MAPPING } from '../../documents/sync/document-kinds.js';

const lookup = (table: Readonly<Record<string, readonly string[]>>) =>
  new Map(Object.entries(table).flatMap(([canonical, raws]) => raws.map((raw) => [normalizeRawValue(raw), canonical] as const)));

describe('the shipped value mappings', () => {
  it('map every docType spelling the firm uses to its kind', () => {
    const expected = {
      depositionTranscript: 'DEPOSITION_TRANSCRIPT', pleading: 'PLEADING', motion: 'MOTION', correspondence: 'CORRESPONDENCE',
      contract: 'CONTRACT', evidence: 'EVIDENCE', order: 'COURT_ORDER', memo: 'OTHER',
    } as const;
    const kinds = lookup(DEFAULT_DOCUMENT_TYPE_MAPPING);
    for (const [group, spellings] of Object.entries(DOC_TYPES) as Array<[keyof typeof expected, readonly string[]]>) {
      for (const spelling of spellings) expect([spelling, kinds.get(normalizeRawValue(spelling))]).toEqual([spelling, expected[group]]);
    }
  });

  it('map every Case Status option of the firm, and never one raw value to two canonical values', () => {
    const statuses = lookup(DEFAULT_CASE_STATUS_MAPPING);
    for (const [option] of CASE_STATUS_OPTIONS) expect([option, statuses.has(normalizeRawValue(option))]).toEqual([option, true]);
    for (const table of [DEFAULT_CASE_STATUS_MAPPING, DEFAULT_DOCUMENT_TYPE_MAPPING]) {
      const all = Object.values(table).flat().map(normalizeRawValue);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('compare raw values ignoring case, punctuation and spacing', () => {
    expect(normalizeRawValue('  DEPO.   trans ')).toBe('depo trans');
    expect(normalizeRawValue('Closed - Settled')).toBe('closed settled');
    expect(normalizeRawValue('settled/closed')).toBe('settled closed');
  });
});
