import { useI18n } from '../../lib/i18n';
import type { MatterDetail } from '../matters/queries';

/** The matter's documents: name, kind and when the firm received it. */
export function Documents({ documents }: { documents: MatterDetail['documents'] }) {
  const { t, date } = useI18n();
  return (
    <section aria-labelledby="documents-title" className="card">
      <h2 id="documents-title">{t.documents}</h2>
      {documents.length === 0 && <p>{t.noDocuments}</p>}
      <ul className="list">
        {documents.map((d) => (
          <li key={d.id}>{d.name} <span className="muted">— {t.received} {date(d.receivedAt)}</span></li>
        ))}
      </ul>
    </section>
  );
}
