/**
 * CMS calendar event types go through the `calendar_event_type` value mappings like case
 * statuses: the demo firm's types are all mapped by the seed, and a type nobody mapped holds its
 * entry back in the quarantine (never a silent OTHER) until an admin maps it, when it is re-processed.
 */
import { findAvaDiscoveryMatter } from '../legacy/firm/demo.js';
import { EVENT_TYPES } from '../legacy/firm/vocab.js';
import { createLogger } from '../shared/logger.js';
import { normalizeRawValue, reprocessQuarantine } from '../subgraphs/ingest/index.js';
import { createMappingLoaders } from '../subgraphs/ingest/mappings.js';
import { principals } from '../test/support/firm.js';
import { QUARANTINE_REPROCESSORS } from '../system/modules.js';
import { startSyncHarness, type SyncHarness } from './test-support.js';

describe('calendar event types through the value mappings', () => {
  let s: SyncHarness;
  beforeAll(async () => {
    s = await startSyncHarness({ reconcileSeconds: 3600 });
    await s.syncAll();
  });
  afterAll(() => s?.close());

  it('maps every event type of the demo firm on the first import, quarantining nothing', async () => {
    const seeded: Array<{ raw_value: string }> = await s.dataSource.query(`SELECT raw_value FROM sync.value_mappings WHERE kind = 'calendar_event_type'`);
    for (const { name } of EVENT_TYPES) expect([name, seeded.map((r) => r.raw_value)]).toEqual([name, expect.arrayContaining([normalizeRawValue(name)])]);
    const [other] = await s.dataSource.query(`SELECT count(*)::int AS n FROM matters.matter_events WHERE id LIKE 'calendar:%' AND kind = 'OTHER' AND legacy_type IS NOT NULL`);
    expect(other).toEqual({ n: 0 });
    const quarantined = await s.dataSource.query(`SELECT legacy_id FROM sync.quarantine WHERE resource = 'calendar_entries' AND resolved_at IS NULL`);
    expect(quarantined).toEqual([]);
  });

  it('quarantines an entry whose type nobody mapped, then stores it with its kind once an admin maps it', async () => {
    const matter = findAvaDiscoveryMatter(s.firm);
    const deposition = s.firm.calendarEntryEventTypes.find((t) => t.name === 'Deposition')!;
    await s.dataSource.query(`DELETE FROM sync.value_mappings WHERE kind = 'calendar_event_type' AND raw_value = 'deposition'`);
    const { data: entry } = await s.h.json<{ data: { id: string } }>('cms', '/api/v4/calendar_entries.json', {
      method: 'POST',
      body: JSON.stringify({ data: { summary: 'Deposition of R. Vance', start_at: '2031-05-01T16:00:00Z', matter: { id: matter.id }, calendar_entry_event_type: { id: deposition.id } } }),
    });
    const id = String(entry.id);
    await s.syncAll();

    expect(await s.dataSource.query(`SELECT id FROM matters.matter_events WHERE id = $1`, [`calendar:${id}`])).toEqual([]);
    expect(await s.dataSource.query(`SELECT type FROM events.outbox WHERE subject = $1`, [`calendar:${id}`])).toEqual([]);
    const [item] = await s.dataSource.query(
      `SELECT reason, mapping_kind, raw_value FROM sync.quarantine WHERE resource = 'calendar_entries' AND legacy_id = $1 AND resolved_at IS NULL`, [id]);
    expect(item).toEqual({ reason: 'UNMAPPED_VALUE', mapping_kind: 'calendar_event_type', raw_value: 'deposition' });

    const added = await createMappingLoaders(s.dataSource, principals.admin).add({ kind: 'CALENDAR_EVENT_TYPE', rawValue: 'Deposition', canonical: 'DEPOSITION' });
    expect(added).toMatchObject({ mapping: { kind: 'calendar_event_type', canonical: 'DEPOSITION' }, waiting: 1 });
    expect(await reprocessQuarantine(s.dataSource, QUARANTINE_REPROCESSORS, createLogger('test', 'silent'))).toBe(1);

    const [row] = await s.dataSource.query(`SELECT kind, legacy_type FROM matters.matter_events WHERE id = $1`, [`calendar:${id}`]);
    expect(row).toEqual({ kind: 'DEPOSITION', legacy_type: 'Deposition' });
    const events = await s.dataSource.query(`SELECT type, payload->>'kind' AS kind FROM events.outbox WHERE subject = $1`, [`calendar:${id}`]);
    expect(events).toEqual([{ type: 'hearing.scheduled', kind: 'DEPOSITION' }]);
    const [resolved] = await s.dataSource.query(`SELECT resolution FROM sync.quarantine WHERE resource = 'calendar_entries' AND legacy_id = $1`, [id]);
    expect(resolved).toEqual({ resolution: 'REPROCESSED' });
  });

  it('refuses a calendar event type mapping to anything but a matter event kind', async () => {
    await expect(createMappingLoaders(s.dataSource, principals.admin).add({ kind: 'CALENDAR_EVENT_TYPE', rawValue: 'Arraignment', canonical: 'COURT_ORDER' }))
      .rejects.toThrow(/one of: HEARING, TRIAL, DEPOSITION, MEETING, DEADLINE, OTHER/);
  });
});
