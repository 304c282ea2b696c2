import { useEffect } from 'react';
import { subscribe } from '../../lib/graphql';
import { useI18n } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { Invoices } from '../billing/invoices';
import { Documents } from '../documents/documents';
import { icsHref } from './calendar';
import { PortalMatter, PortalMatterUpdated } from '../../graphql/operations.generated';
import { StageTimeline } from './stage-timeline';
import { Updates } from './updates';
import { useQuery } from './use-query';

/** One matter; another client's id answers null from the graph, shown as not found. */
export function MatterPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const { data, error, loading, refetch } = useQuery(PortalMatter, { id });
  // Live: every change of this matter (update, stage, document, event) refetches it in place.
  useEffect(() => subscribe(PortalMatterUpdated, { matterId: id }, () => refetch()), [id, refetch]);
  const back = <p><a href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>{t.backToMatters}</a></p>;
  if (loading && !data) return <p>{t.loading}</p>;
  if (error && !data) return <>{back}<p role="alert" className="error">{error}</p></>;
  const matter = data?.matter;
  if (!matter) return <>{back}<h1>{t.matterNotFound}</h1></>;
  return (
    <article aria-labelledby="matter-title">
      {back}
      <h1 id="matter-title">{matter.number} — {matter.title}</h1>
      <StageTimeline stage={matter.stage} stages={matter.stageTimeline} />
      <Updates updates={matter.updates} />
      <section aria-labelledby="events-title" className="card">
        <h2 id="events-title">{t.upcoming}</h2>
        {matter.events.length === 0 && <p>{t.noUpcoming}</p>}
        <ul className="list">
          {matter.events.map((e) => (
            <li key={e.id}>
              <strong>{e.title}</strong> — {dateTime(e.startsAt)}{e.location ? `, ${e.location}` : ''}{' '}
              <a href={icsHref(e, matter.number)} download={`${matter.number}-${e.id}.ics`} aria-label={`${t.addToCalendar}: ${e.title}`}>{t.addToCalendar}</a>
            </li>
          ))}
        </ul>
      </section>
      <Documents documents={matter.documents} />
      <Invoices invoices={matter.invoices} balance={matter.balance} />
    </article>
  );
}
