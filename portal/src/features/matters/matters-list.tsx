import { useI18n } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { PortalMatters } from '../../graphql/operations.generated';
import { useQuery } from './use-query';

/** My matters: number, title, the stage in plain words and the next date. */
export function MattersList() {
  const { t, dateTime } = useI18n();
  const { data, error, loading } = useQuery(PortalMatters);
  return (
    <section aria-labelledby="matters-title">
      <h1 id="matters-title">{t.myMatters}</h1>
      {loading && <p>{t.loading}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {data && data.matters.length === 0 && <p>{t.noMatters}</p>}
      <ul className="list">
        {data?.matters.map((m) => {
          const [stageName, stageText] = t.stages[m.stage] ?? [m.stage, ''];
          return (
            <li key={m.id} className="card">
              <h2>
                <a href={`/matters/${m.id}`} onClick={(e) => { e.preventDefault(); navigate(`/matters/${m.id}`); }}>
                  {m.number} — {m.title}
                </a>
              </h2>
              <p><strong>{stageName}:</strong> {stageText}</p>
              <p>{t.nextDate}: {m.nextHearing ? `${m.nextHearing.title}, ${dateTime(m.nextHearing.startsAt)}` : t.noNextDate}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
