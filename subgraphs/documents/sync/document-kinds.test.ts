import { DOC_TYPES } from '../../../legacy/firm/vocab.js';
import { documentKindOf } from './document-kinds.js';

describe('document kinds', () => {
  it('maps every messy spelling the DMS uses', () => {
    const expected = {
      depositionTranscript: 'DEPOSITION_TRANSCRIPT', pleading: 'PLEADING', motion: 'MOTION', correspondence: 'CORRESPONDENCE',
      contract: 'CONTRACT', evidence: 'EVIDENCE', order: 'COURT_ORDER', memo: 'OTHER',
    } as const;
    for (const [group, spellings] of Object.entries(DOC_TYPES) as Array<[keyof typeof expected, readonly string[]]>) {
      for (const spelling of spellings) expect([spelling, documentKindOf(spelling).kind]).toEqual([spelling, expected[group]]);
    }
  });

  it('ignores case, punctuation and spacing, and reports what it does not know', () => {
    expect(documentKindOf('  DEPO.   trans ')).toEqual({ kind: 'DEPOSITION_TRANSCRIPT', known: true });
    expect(documentKindOf('Internal Memo')).toEqual({ kind: 'OTHER', known: false });
    expect(documentKindOf(null)).toEqual({ kind: 'OTHER', known: false });
  });
});
