import { useState } from 'react';
import { useI18n } from '../../lib/i18n';
import type { MatterDetail } from './queries';

type Update = MatterDetail['updates'][number];

/** Updates newest first, each with "Why am I seeing this?" explaining where it came from. */
export function Updates({ updates }: { updates: Update[] }) {
  const { t } = useI18n();
  const sorted = [...updates].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="updates-title" className="card">
      <h2 id="updates-title">{t.updates}</h2>
      {sorted.length === 0 && <p>{t.noUpdates}</p>}
      <ul className="list" aria-live="polite">
        {sorted.map((u) => <UpdateItem key={u.id} update={u} />)}
      </ul>
    </section>
  );
}

function UpdateItem({ update }: { update: Update }) {
  const { t, dateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = `why-${update.id}`;
  return (
    <li>
      <h3>{update.title}</h3>
      <p className="muted">{dateTime(update.at)}</p>
      <p>{update.body}</p>
      <button type="button" className="link" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>{t.whyAmISeeingThis}</button>
      {open && (
        <div id={panelId} className="why">
          <p>{t.whyRule(update.provenance.rule.replace(/[-_]+/g, ' '))}</p>
          {update.provenance.eventType && <p>{t.whyEvent(t.events[update.provenance.eventType] ?? t.events.other ?? '')}</p>}
          {update.provenance.stageBefore && <p>{t.whyStage(t.stages[update.provenance.stageBefore]?.[0] ?? update.provenance.stageBefore)}</p>}
        </div>
      )}
    </li>
  );
}
