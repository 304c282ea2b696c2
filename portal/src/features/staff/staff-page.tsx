import { useState, type FormEvent } from 'react';
import { PortalRulesReplay, PortalSyncHealth } from '../../graphql/operations.generated';
import type { PortalRulesReplayQuery } from '../../graphql/types.generated';
import { graphql } from '../../lib/graphql';
import { useI18n } from '../../lib/i18n';
import { useQuery } from '../matters/use-query';
import { QuarantineList } from './quarantine';

type Decision = PortalRulesReplayQuery['rulesReplay'][number];

/** Staff and admins: sync health, quarantine (admins map values), and a dry run of the rules. */
export function StaffPage({ role }: { role: string }) {
  const { t, dateTime } = useI18n();
  const health = useQuery(PortalSyncHealth);
  const [since, setSince] = useState('30d');
  const [decisions, setDecisions] = useState<Decision[] | null>(null);
  const [replayError, setReplayError] = useState<string | null>(null);

  async function dryRun(event: FormEvent) {
    event.preventDefault();
    setReplayError(null);
    try {
      setDecisions((await graphql(PortalRulesReplay, { since })).rulesReplay);
    } catch (e) {
      setReplayError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <article aria-labelledby="staff-title">
      <h1 id="staff-title">{t.staff}</h1>
      <section aria-labelledby="health-title" className="card">
        <h2 id="health-title">{t.syncHealth}</h2>
        {health.error && <p role="alert" className="error">{health.error}</p>}
        <table>
          <thead><tr><th scope="col">{t.system}</th><th scope="col">{t.lastSuccess}</th><th scope="col">{t.lag}</th><th scope="col">{t.circuit}</th><th scope="col">{t.errors}</th></tr></thead>
          <tbody>
            {health.data?.syncHealth.map((h) => (
              <tr key={h.system}>
                <td>{h.system}</td>
                <td>{h.lastSuccessAt ? dateTime(h.lastSuccessAt) : '—'}</td>
                <td>{h.lagSeconds ?? '—'}</td>
                <td>{h.circuitState}</td>
                <td>{h.recentErrors[0]?.message ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <QuarantineList canMap={role === 'ADMIN'} />
      <section aria-labelledby="replay-title" className="card">
        <h2 id="replay-title">{t.rulesDryRun}</h2>
        <form onSubmit={dryRun}>
          <label htmlFor="since">{t.since}</label>
          <input id="since" value={since} onChange={(e) => setSince(e.target.value)} />
          <button type="submit">{t.dryRun}</button>
        </form>
        {replayError && <p role="alert" className="error">{replayError}</p>}
        {decisions && <p role="status">{t.decisions(decisions.length)}</p>}
        <ul className="list">
          {decisions?.map((d) => <li key={d.cursor}><strong>{d.matterNumber}</strong> ({d.clientName}) — {d.title} <span className="muted">[{d.rule}, {dateTime(d.at)}{d.announce ? '' : `, ${t.notAnnounced}`}]</span></li>)}
        </ul>
      </section>
    </article>
  );
}
