/**
 * The soak's live side: graphql-ws connections, each subscribed to matterUpdated on one of its
 * user's matters and to notificationAdded, as the portal's matter page and bell are. Each minute a
 * quarter of them hang up and reconnect, so a leak per connection would show in the heap and fds.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { PortalMatterUpdated as MATTER_UPDATED } from '../../portal/src/graphql/operations.generated.js';
import type { PortalUser } from './portal-traffic.js';

const NOTIFICATION_ADDED = 'subscription PortalNotificationAdded { notificationAdded { id title createdAt readAt } }';

interface Subscriber { user: PortalUser; matterId: string; client: Client | undefined }

export class LiveSubscribers {
  private readonly subscribers: Subscriber[] = [];
  private events = 0;
  private errors = 0;
  private reconnectNext = 0;
  readonly failures: string[] = [];

  constructor(private readonly wsUrl: string) {}

  start(users: PortalUser[], count: number): void {
    const withMatters = users.filter((u) => u.matterIds.length > 0);
    if (withMatters.length === 0) throw new Error('no portal user has a matter to subscribe to');
    for (let i = 0; i < count; i++) {
      const user = withMatters[i % withMatters.length]!;
      const subscriber: Subscriber = { user, matterId: user.matterIds[i % user.matterIds.length]!, client: undefined };
      this.subscribers.push(subscriber);
      this.connect(subscriber);
    }
  }

  /** Events received and subscription errors since the last call. */
  drain(): { events: number; errors: number } {
    const counts = { events: this.events, errors: this.errors };
    this.events = 0;
    this.errors = 0;
    return counts;
  }

  /** Hangs up a quarter of the connections and opens them again. */
  async churn(): Promise<void> {
    const quarter = Math.max(1, Math.floor(this.subscribers.length / 4));
    for (let i = 0; i < quarter; i++) {
      const subscriber = this.subscribers[this.reconnectNext++ % this.subscribers.length]!;
      await subscriber.client?.dispose();
      this.connect(subscriber);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscribers.map((s) => s.client?.dispose()));
  }

  private connect(subscriber: Subscriber): void {
    const client = createClient({
      url: this.wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 3,
      connectionParams: { authorization: `Bearer ${subscriber.user.token}` },
    });
    subscriber.client = client;
    const sink = {
      next: (result: { errors?: unknown }) => {
        if (result.errors) this.error(`event with errors: ${JSON.stringify(result.errors).slice(0, 200)}`);
        else this.events++;
      },
      error: (error: unknown) => this.error(error instanceof Error ? error.message : JSON.stringify(error).slice(0, 200)),
      complete: () => undefined,
    };
    client.subscribe({ query: MATTER_UPDATED, variables: { matterId: subscriber.matterId } }, sink);
    client.subscribe({ query: NOTIFICATION_ADDED }, sink);
  }

  private error(what: string): void {
    this.errors++;
    if (this.failures.length < 10) this.failures.push(what);
  }
}
