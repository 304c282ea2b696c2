import { useI18n } from '../../lib/i18n';
import { STAGES } from './queries';

/** The firm's stages in order, the current one marked, and what happens next in plain words. */
export function StageTimeline({ stage }: { stage: string }) {
  const { t } = useI18n();
  const index = STAGES.indexOf(stage as (typeof STAGES)[number]);
  const next = index >= 0 && index < STAGES.length - 1 ? STAGES[index + 1] : undefined;
  return (
    <section aria-labelledby="timeline-title" className="card">
      <h2 id="timeline-title">{t.timeline}</h2>
      <ol className="timeline">
        {STAGES.map((s, i) => (
          <li key={s} aria-current={s === stage ? 'step' : undefined} className={i < index ? 'done' : s === stage ? 'current' : 'todo'}>
            {t.stages[s]?.[0] ?? s}{s === stage && ` (${t.currentStage})`}
          </li>
        ))}
      </ol>
      <p><strong>{t.stages[stage]?.[0] ?? stage}:</strong> {t.stages[stage]?.[1] ?? ''}</p>
      {next && <p><strong>{t.whatHappensNext}:</strong> {t.stages[next]?.[0]} — {t.stages[next]?.[1]}</p>}
    </section>
  );
}
