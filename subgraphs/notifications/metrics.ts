import type { DatabaseGauge } from '../../shared/observability/metrics-database.js';
import { NOTIFICATION_STATUSES } from './entities/Notification.js';

/** Notifications by where they stand (every status shown, 0 included, so a rule can compare them). */
export const NOTIFICATIONS_BY_STATUS: DatabaseGauge = {
  name: 'casebridge_notifications',
  help: 'Notifications by status: PENDING (waiting for their digest window), CLAIMED (in a message not yet sent), SENT, WITHDRAWN, PORTAL_ONLY.',
  labelNames: ['status'],
  async read(dataSource) {
    const rows: Array<{ status: string; n: string }> = await dataSource.query(`SELECT status, count(*) AS n FROM notifications.notifications GROUP BY status`);
    const counts = new Map(rows.map((r) => [r.status, Number(r.n)]));
    return NOTIFICATION_STATUSES.map((status) => ({ labels: { status }, value: counts.get(status) ?? 0 }));
  },
};

/** Messages whose last sending attempt failed: retried with a doubling delay until SMTP takes them. */
export const FAILED_DELIVERIES: DatabaseGauge = {
  name: 'casebridge_notification_deliveries_failed',
  help: 'Email messages (digests or immediate) not yet sent whose last attempt failed; they are retried.',
  labelNames: [],
  async read(dataSource) {
    const [row]: Array<{ n: string }> = await dataSource.query(`SELECT count(*) AS n FROM notifications.deliveries WHERE status = 'CLAIMED' AND last_error IS NOT NULL`);
    return [{ labels: {}, value: Number(row?.n ?? 0) }];
  },
};

export const NOTIFICATIONS_METRICS: readonly DatabaseGauge[] = [NOTIFICATIONS_BY_STATUS, FAILED_DELIVERIES];
