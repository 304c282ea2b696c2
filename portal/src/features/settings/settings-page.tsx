import { useEffect, useState, type FormEvent } from 'react';
import { PortalPreferences, PortalUpdatePreferences } from '../../graphql/operations.generated';
import type { DigestFrequency, PortalPreferencesFieldsFragment } from '../../graphql/types.generated';
import { graphql } from '../../lib/graphql';
import { useI18n } from '../../lib/i18n';
import { useQuery } from '../matters/use-query';

type Preferences = PortalPreferencesFieldsFragment;

const FREQUENCIES: readonly DigestFrequency[] = ['IMMEDIATE', 'HOURLY', 'DAILY', 'OFF'];
const isFrequency = (value: string): value is DigestFrequency => (FREQUENCIES as readonly string[]).includes(value);

/** How and when the client is emailed: frequency, the daily digest's hour, time zone, quiet hours. */
export function SettingsPage() {
  const { t } = useI18n();
  const { data, error } = useQuery(PortalPreferences);
  const [form, setForm] = useState<Preferences | null>(null);
  const [quiet, setQuiet] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (!data) return;
    setForm(data.notificationPreferences);
    setQuiet(data.notificationPreferences.quietHours !== null);
  }, [data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setStatus(null);
    try {
      const input = { frequency: form.frequency, dailyHour: form.dailyHour, timeZone: form.timeZone, quietHours: quiet ? form.quietHours ?? { start: '22:00', end: '07:00' } : null };
      const saved = await graphql(PortalUpdatePreferences, { input });
      setForm(saved.updateNotificationPreferences);
      setStatus({ ok: true, text: t.saved });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  }

  if (error) return <p role="alert" className="error">{error}</p>;
  if (!form) return <p>{t.loading}</p>;
  const hours = form.quietHours ?? { start: '22:00', end: '07:00' };
  return (
    <section aria-labelledby="settings-title" className="card">
      <h1 id="settings-title">{t.settings}</h1>
      <form onSubmit={save}>
        <label htmlFor="frequency">{t.frequency}</label>
        <select id="frequency" value={form.frequency} onChange={(e) => { if (isFrequency(e.target.value)) setForm({ ...form, frequency: e.target.value }); }}>
          {FREQUENCIES.map((f) => <option key={f} value={f}>{t.frequencies[f]}</option>)}
        </select>
        <label htmlFor="daily-hour">{t.dailyHour}</label>
        <input id="daily-hour" type="number" min={0} max={23} value={form.dailyHour} onChange={(e) => setForm({ ...form, dailyHour: Number(e.target.value) })} />
        <label htmlFor="time-zone">{t.timeZone}</label>
        <input id="time-zone" value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value })} />
        <label className="inline"><input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} /> {t.quietHours}</label>
        {quiet && (
          <div className="actions">
            <div><label htmlFor="quiet-start">{t.quietStart}</label><input id="quiet-start" type="time" value={hours.start} onChange={(e) => setForm({ ...form, quietHours: { ...hours, start: e.target.value } })} /></div>
            <div><label htmlFor="quiet-end">{t.quietEnd}</label><input id="quiet-end" type="time" value={hours.end} onChange={(e) => setForm({ ...form, quietHours: { ...hours, end: e.target.value } })} /></div>
          </div>
        )}
        {status && <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'notice' : 'error'}>{status.text}</p>}
        <button type="submit">{t.save}</button>
      </form>
    </section>
  );
}
