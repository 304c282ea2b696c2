import { useI18n } from '../../lib/i18n';

/**
 * The firm's stages for this matter's practice area in order (Matter.stageTimeline), the current
 * one marked, and what happens next in plain words.
 */
export function StageTimeline({ stage, stages }: { stage: string; stages: readonly string[] }) {
  const { t } = useI18n();
  const index = stages.indexOf(stage);
  const next = index >= 0 && index < stages.length - 1 ? stages[index + 1] : undefined;
  return (
    <section aria-labelledby="timeline-title" className="card">
      <h2 id="timeline-title">{t.timeline}</h2>
      <ol className="timeline">
        {stages.map((s, i) => (
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
