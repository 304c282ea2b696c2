import type { DataSource } from 'typeorm';
import type { Logger } from '../../../shared/logger.js';

/**
 * Keeps a taken delivery leased while its SMTP transaction runs. RFC 5321 (4.5.3.2) lets a server
 * take up to 10 minutes to answer the final "." of a message, far longer than the lease
 * (NOTIFY_RETRY_SECONDS, which is also how soon a crashed worker's message is sent again): the
 * lease is renewed every third of its length for as long as the send is in progress, so a slow
 * relay never makes another worker send the same message. `attempt` (the attempts count the take
 * set) names this holder: a renewal never extends a lease another worker has taken since.
 */
export function holdLease(dataSource: DataSource, delivery: { id: string; attempts: number }, leaseMs: number, logger: Logger): () => void {
  let stopped = false;
  const renew = async () => {
    const [, renewed]: [unknown, number] = await dataSource.query(
      `UPDATE notifications.deliveries SET locked_until = now() + $3 * interval '1 millisecond'
        WHERE id = $1 AND attempts = $2 AND status = 'CLAIMED'`,
      [delivery.id, delivery.attempts, leaseMs],
    );
    if (renewed === 0 && !stopped) logger.warn({ delivery: delivery.id }, 'lost the lease of a message being sent: this process was stalled longer than NOTIFY_RETRY_SECONDS');
  };
  const timer = setInterval(() => {
    renew().catch((error: unknown) => logger.warn({ err: error, delivery: delivery.id }, 'could not renew the lease of a message being sent'));
  }, Math.max(50, leaseMs / 3));
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
