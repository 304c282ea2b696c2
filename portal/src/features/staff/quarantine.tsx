import { useState } from 'react';
import { PortalMapValue, PortalQuarantine } from '../../graphql/operations.generated';
import type { MappingKind } from '../../graphql/types.generated';
import { graphql } from '../../lib/graphql';
import { useI18n } from '../../lib/i18n';
import { useQuery } from '../matters/use-query';


/** The canonical values of each mapping kind (MappingKind in the graph's SDL). */
const CANONICAL: Record<MappingKind, readonly string[]> = {
  CASE_STATUS: ['NEW', 'ACTIVE', 'PLEADINGS', 'DISCOVERY', 'SETTLEMENT', 'TRIAL', 'APPEAL', 'ON_HOLD', 'CLOSED'],
  DOCUMENT_TYPE: ['PLEADING', 'MOTION', 'DEPOSITION_TRANSCRIPT', 'CORRESPONDENCE', 'CONTRACT', 'EVIDENCE', 'COURT_ORDER', 'INVOICE', 'OTHER'],
  CALENDAR_EVENT_TYPE: ['HEARING', 'TRIAL', 'DEPOSITION', 'MEETING', 'DEADLINE', 'OTHER'],
};
const isMappingKind = (kind: string): kind is MappingKind => Object.hasOwn(CANONICAL, kind);
/** The quarantine names a mapping kind as the sync does (calendar_event_type); the graph's enum spells it CALENDAR_EVENT_TYPE. */
const graphKind = (kind: string): MappingKind | null => {
  const upper = kind.toUpperCase().replace(/[^A-Z]+/g, '_');
  return isMappingKind(upper) ? upper : null;
};

/** Records kept out of the read model; admins map an unknown value with "Map this value". */
export function QuarantineList({ canMap }: { canMap: boolean }) {
  const { t } = useI18n();
  const { data, error, refetch } = useQuery(PortalQuarantine);
  return (
    <section aria-labelledby="quarantine-title" className="card">
      <h2 id="quarantine-title">{t.quarantine}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {data?.quarantine.nodes.length === 0 && <p>{t.nothingQuarantined}</p>}
      <ul className="list">
        {data?.quarantine.nodes.map((item) => {
          const kind = item.mappingKind ? graphKind(item.mappingKind) : null;
          return (
            <li key={item.id}>
              <strong>{item.system} {item.resource} {item.legacyId ?? ''}</strong>: {item.reason} — {item.detail} <span className="muted">(×{item.timesSeen})</span>
              {canMap && kind && item.rawValue !== null && <MapValue kind={kind} rawValue={item.rawValue} onDone={refetch} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function MapValue({ kind, rawValue, onDone }: { kind: MappingKind; rawValue: string; onDone: () => void }) {
  const { t } = useI18n();
  const options = CANONICAL[kind];
  const [canonical, setCanonical] = useState(options[0] ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const id = `map-${kind}-${rawValue}`.replace(/[^\w-]/g, '_');
  async function map() {
    try {
      const { addValueMapping } = await graphql(PortalMapValue, { kind, rawValue, canonical });
      setStatus(t.mapped(addValueMapping.waiting));
      onDone();
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div className="actions">
      <label htmlFor={id}>{t.mapTo(rawValue)}</label>
      <select id={id} value={canonical} onChange={(e) => setCanonical(e.target.value)}>{options.map((o) => <option key={o}>{o}</option>)}</select>
      <button type="button" onClick={() => void map()}>{t.mapThisValue}</button>
      {status && <p role="status">{status}</p>}
    </div>
  );
}
