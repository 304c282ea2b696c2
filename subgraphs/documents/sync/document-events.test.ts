import type { DmsDocumentRecord } from '../legacy/dms-client.js';
import { documentEvents, type StoredDocument } from './document-events.js';

const doc = (over: Partial<DmsDocumentRecord> = {}): DmsDocumentRecord => ({
  id: '1', name: 'Doe depo.pdf', matterNumber: '00012-Martin', docType: 'depo transcript', attributes: { deponent: 'jane doe' }, tags: ['discovery'],
  version: 1, created: new Date('2025-01-10T10:00:00Z'), modified: new Date('2025-01-10T10:00:00Z'), ...over,
});
const stored = (over: Partial<StoredDocument> = {}): StoredDocument => ({
  id: '1', kind: 'DEPOSITION_TRANSCRIPT', attributes: { deponent: 'jane doe' }, tags: ['discovery'], legacyUpdatedAt: new Date('2025-01-10T10:00:00Z'), ...over,
});

describe('document events', () => {
  it('files a new document as of its creation', () => {
    const [event, ...rest] = documentEvents(undefined, doc(), 'DEPOSITION_TRANSCRIPT');
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: 'document.filed', subject: 'document:1', matterNumber: '00012-Martin', occurredAt: new Date('2025-01-10T10:00:00Z') });
  });

  it('records document.tagged when the deponent, kind or tags change, and nothing otherwise', () => {
    const later = new Date('2025-01-11T10:00:00Z');
    expect(documentEvents(stored({ attributes: {} }), doc({ modified: later }), 'DEPOSITION_TRANSCRIPT')).toEqual([
      expect.objectContaining({ type: 'document.tagged', payload: expect.objectContaining({ deponent: 'jane doe', previousDeponent: null, previousKind: 'DEPOSITION_TRANSCRIPT' }) }),
    ]);
    expect(documentEvents(stored({ kind: 'OTHER' }), doc({ modified: later }), 'DEPOSITION_TRANSCRIPT')).toHaveLength(1);
    expect(documentEvents(stored({ tags: [] }), doc({ modified: later }), 'DEPOSITION_TRANSCRIPT')).toHaveLength(1);
    expect(documentEvents(stored(), doc({ modified: later, name: 'renamed.pdf' }), 'DEPOSITION_TRANSCRIPT')).toEqual([]);
  });

  it('records nothing for the same or an older version arriving late', () => {
    expect(documentEvents(stored({ attributes: {} }), doc(), 'DEPOSITION_TRANSCRIPT')).toEqual([]);
    expect(documentEvents(stored({ attributes: {}, legacyUpdatedAt: new Date('2025-02-01T00:00:00Z') }), doc(), 'DEPOSITION_TRANSCRIPT')).toEqual([]);
  });
});
