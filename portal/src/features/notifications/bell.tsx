import { useEffect, useState } from 'react';
import { PortalMarkRead, PortalNotificationAdded, PortalNotifications } from '../../graphql/operations.generated';
import type { PortalNotificationItemFragment } from '../../graphql/types.generated';
import { graphql, subscribe } from '../../lib/graphql';
import { useI18n } from '../../lib/i18n';

type Item = PortalNotificationItemFragment;

/** The bell: unread count kept live by notificationAdded; opening it lists them and can mark them read. */
export function NotificationsBell() {
  const { t, dateTime } = useI18n();
  const [items, setItems] = useState<Item[]>([]);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    graphql(PortalNotifications).then((d) => setItems(d.notifications.nodes)).catch(() => undefined);
    return subscribe(PortalNotificationAdded, {}, (d) => setItems((all) => [d.notificationAdded, ...all.filter((n) => n.id !== d.notificationAdded.id)]));
  }, []);
  const unread = items.filter((n) => !n.readAt);
  async function markAll() {
    const ids = unread.map((n) => n.id);
    if (ids.length === 0) return;
    const done = await graphql(PortalMarkRead, { ids });
    const readAt = new Map(done.markNotificationsRead.map((n) => [n.id, n.readAt]));
    setItems((all) => all.map((n) => (readAt.has(n.id) ? { ...n, readAt: readAt.get(n.id) ?? null } : n)));
  }
  return (
    <div className="bell">
      <button type="button" aria-expanded={open} aria-controls="notifications-panel" onClick={() => setOpen(!open)}>
        {t.notifications} <span className="badge">{t.unread(unread.length)}</span>
      </button>
      {open && (
        <div id="notifications-panel" className="popover card">
          {items.length === 0 && <p>{t.noNotifications}</p>}
          <ul className="list">
            {items.map((n) => <li key={n.id} className={n.readAt ? 'muted' : ''}>{n.title} <span className="muted">— {dateTime(n.createdAt)}</span></li>)}
          </ul>
          {unread.length > 0 && <button type="button" onClick={() => void markAll()}>{t.markAllRead}</button>}
        </div>
      )}
    </div>
  );
}
