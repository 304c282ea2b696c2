import { useI18n } from '../../lib/i18n';
import type { MatterDetail } from '../matters/queries';

/** The matter's documents; each link is signed for this login and serves a watermarked copy. */
export function Documents({ documents }: { documents: MatterDetail['documents'] }) {
  const { t, date } = useI18n();
  return (
    <section aria-labelledby="documents-title" className="card">
      <h2 id="documents-title">{t.documents}</h2>
      {documents.length === 0 && <p>{t.noDocuments}</p>}
      <ul className="list">
        {documents.map((d) => (
          <li key={d.id}><a href={d.downloadUrl} download>{`${t.download} ${d.name}`}</a> <span className="muted">— {t.received} {date(d.receivedAt)}</span></li>
        ))}
      </ul>
    </section>
  );
}
