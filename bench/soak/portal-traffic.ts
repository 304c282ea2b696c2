/**
 * The soak's portal traffic: virtual users signed in as the demo logins, each in a loop of what the
 * portal asks (the dashboard, My matters, a matter's page with its documents, the notifications
 * bell and 'Mark all as read', now and then a watermarked download), with a short pause between
 * requests. Every answer is timed; a non-2xx answer or a GraphQL error counts as a failure.
 */
import { PortalMatter as MATTER_QUERY, PortalMatters as MATTERS_QUERY } from '../../portal/src/graphql/operations.generated.js';
import { DASHBOARD } from '../support/load.js';
import type { LatencyWindow } from './metrics.js';

const NOTIFICATIONS = 'query PortalNotifications { notifications(first: 20) { nodes { id title createdAt readAt } } }';
const MARK_READ = 'mutation PortalMarkRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }';

export interface PortalUser { email: string; token: string; matterIds: string[] }

interface GraphQLAnswer<T> { data?: T; errors?: Array<{ message: string }> }

export class PortalTraffic {
  private stopped = false;
  private readonly loops: Array<Promise<void>> = [];
  readonly failures: string[] = [];

  constructor(private readonly gatewayUrl: string, private readonly latency: LatencyWindow, private readonly pauseMs: number) {}

  /** POST /auth/login as `email`, then My matters to learn which matters the user has. */
  async signIn(email: string, password: string): Promise<PortalUser> {
    const response = await fetch(this.gatewayUrl.replace(/\/graphql$/, '/auth/login'), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`login as ${email} answered ${response.status}: ${await response.text()}`);
    const { token } = (await response.json()) as { token: string };
    const matters = await this.graphql<{ matters: Array<{ id: string }> }>(token, MATTERS_QUERY);
    return { email, token, matterIds: matters?.matters.map((m) => m.id) ?? [] };
  }

  /** Starts `count` users, round-robin over `users`. */
  start(users: PortalUser[], count: number): void {
    for (let i = 0; i < count; i++) this.loops.push(this.loop(users[i % users.length]!, i));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  private async loop(user: PortalUser, index: number): Promise<void> {
    for (let round = index; !this.stopped; round++) {
      const matterId = user.matterIds[round % Math.max(1, user.matterIds.length)];
      switch (round % 6) {
        case 0: await this.graphql(user.token, DASHBOARD); break;
        case 1: await this.graphql(user.token, MATTERS_QUERY); break;
        case 2: {
          if (!matterId) break;
          const page = await this.graphql<{ matter: { documents: Array<{ downloadUrl: string }> } | null }>(user.token, MATTER_QUERY, { id: matterId });
          const documents = page?.matter?.documents ?? [];
          const link = documents[round % Math.max(1, documents.length)]?.downloadUrl;
          // One download in ten rounds: watermarking is the heaviest request the portal makes.
          if (link && round % 10 === 2) await this.download(user.token, link);
          break;
        }
        case 3: await this.graphql(user.token, NOTIFICATIONS); break;
        case 4: {
          const list = await this.graphql<{ notifications: { nodes: Array<{ id: string; readAt: string | null }> } }>(user.token, NOTIFICATIONS);
          const unread = list?.notifications.nodes.filter((n) => !n.readAt).map((n) => n.id) ?? [];
          if (unread.length > 0) await this.graphql(user.token, MARK_READ, { ids: unread });
          break;
        }
        default: if (matterId) await this.graphql(user.token, MATTER_QUERY, { id: matterId });
      }
      await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    }
  }

  private async graphql<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T | undefined> {
    const started = performance.now();
    try {
      const response = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLAnswer<T>;
      const ok = response.ok && !body.errors;
      this.latency.record(Math.round(performance.now() - started), ok);
      if (!ok) this.fail(`${query.slice(0, 40)}…: ${response.status} ${JSON.stringify(body.errors).slice(0, 200)}`);
      return body.data;
    } catch (error) {
      this.latency.record(Math.round(performance.now() - started), false);
      this.fail(`${query.slice(0, 40)}…: ${String(error)}`);
      return undefined;
    }
  }

  private async download(token: string, link: string): Promise<void> {
    const started = performance.now();
    try {
      const response = await fetch(new URL(link, this.gatewayUrl), { headers: { authorization: `Bearer ${token}` } });
      const bytes = await response.arrayBuffer();
      const ok = response.ok && bytes.byteLength > 0;
      this.latency.record(Math.round(performance.now() - started), ok);
      if (!ok) this.fail(`download: ${response.status}`);
    } catch (error) {
      this.latency.record(Math.round(performance.now() - started), false);
      this.fail(`download: ${String(error)}`);
    }
  }

  /** Keeps the first few failures for the report (the count is in the latency window). */
  private fail(what: string): void {
    if (this.failures.length < 10) this.failures.push(what);
  }
}
