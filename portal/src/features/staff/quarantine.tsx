import { useState } from 'react';
import { graphql } from '../../lib/graphql';
import { useI18n } from '../../lib/i18n';
import { useQuery } from '../matters/use-query';

interface Item { id: string; system: string; resource: string; legacyId: string | null; reason: string; detail: string; mappingKind: string | null; rawValue: string | null; timesSeen: number }

const QUERY = `query PortalQuarantine { quarantine(first: 50) { nodes { id system resource legacyId reason detail mappingKind rawValue timesSeen } } }`;
const MAP = `mutation PortalMapValue($kind: MappingKind!, $rawValue: String!, $canonical: String!) { addValueMapping(kind: $kind, rawValue: $rawValue, canonical: $canonical) { waiting } }`;

/** The canonical values of each mapping kind (MappingKind in the graph's SDL). */
const CANONICAL: Record<string, readonly string[]> = {
  CASE_STATUS: ['NEW', 'ACTIVE', 'PLEADINGS', 'DISCOVERY', 'SETTLEMENT', 'TRIAL', 'APPEAL', 'ON_HOLD', 'CLOSED'],
  DOCUMENT_TYPE: ['PLEADING', 'MOTION', 'DEPOSITION_TRANSCRIPT', 'CORRESPONDENCE', 'CONTRACT', 'EVIDENCE', 'COURT_ORDER', 'INVOICE', 'OTHER'],
  CALENDAR_EVENT_TYPE: ['HEARING', 'TRIAL', 'DEPOSITION', 'MEETING', 'DEADLINE', 'OTHER'],
};
const graphKind = (kind: string) => kind.toUpperCase().replace(/[^A-Z]+/g, '_');

/** Records kept out of the read model; admins map an unknown value with "Map this value". */
export function QuarantineList({ canMap }: { canMap: boolean }) {
  const { t } = useI18n();
  const { data, error, refetch } = useQuery<{ quarantine: { nodes: Item[] } }>(QUERY);
  return (
    <section aria-labelledby="quarantine-title" className="card">
      <h2 id="quarantine-title">{t.quarantine}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {data?.quarantine.nodes.length === 0 && <p>{t.nothingQuarantined}</p>}
      <ul className="list">
        {data?.quarantine.nodes.map((item) => (
          <li key={item.id}>
            <strong>{item.system} {item.resource} {item.legacyId ?? ''}</strong>: {item.reason} — {item.detail} <span className="muted">(×{item.timesSeen})</span>
            {canMap && item.mappingKind && item.rawValue !== null && <MapValue kind={graphKind(item.mappingKind)} rawValue={item.rawValue} onDone={refetch} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MapValue({ kind, rawValue, onDone }: { kind: string; rawValue: string; onDone: () => void }) {
  const { t } = useI18n();
  const options = CANONICAL[kind] ?? [];
  const [canonical, setCanonical] = useState(options[0] ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const id = `map-${kind}-${rawValue}`.replace(/[^\w-]/g, '_');
  async function map() {
    try {
      const { addValueMapping } = await graphql<{ addValueMapping: { waiting: number } }>(MAP, { kind, rawValue, canonical });
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
