/**
 * graphql-ws subscriptions on the gateway's /graphql: authenticated from the init payload, refused
 * for another client's matter exactly like for a missing one, every event's payload resolved
 * through the graph for the subscriber, and events reach subscribers on every gateway.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import { startGateway } from '../gateway/server.js';
import { createLogger } from '../shared/logger.js';
import { recordEvents, type NewDomainEvent } from '../shared/events/index.js';
import { NotificationRow } from '../subgraphs/notifications/entities/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

type Result = { data?: Record<string, unknown> | null; errors?: unknown };

const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

function connect(url: string, token: string | null): Client {
  return createClient({
    url: wsUrl(url), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

const hearing = (matterId: string, title: string): NewDomainEvent => ({
  type: 'hearing.scheduled', subject: `calendar:${randomUUID()}`, matterId, occurredAt: new Date('2026-12-01T15:00:00Z'), dedupeKey: randomUUID(),
  payload: { eventId: randomUUID(), matterId, kind: 'HEARING', title, startsAt: '2026-12-10T15:00:00.000Z', endsAt: null, location: 'Courtroom 4' },
});

describe('live subscriptions over graphql-ws', () => {
  let system: TestSystem;
  let ava: string;
  let ben: string;
  let avaMatter: { id: string; number: string; title: string };
  let benMatterId: string;
  let avaClientId: string;
  let benClientId: string;
  const clients: Client[] = [];
  const record = (events: NewDomainEvent[]) => system.database.dataSource.transaction((m) => recordEvents(m, events));

  /** Records `event()` every 200 ms until the iterator yields: the subscription is live from the first delivery on. */
  async function firstDelivery(iterator: AsyncIterableIterator<Result>, event: () => NewDomainEvent[] | Promise<NewDomainEvent[]>): Promise<Result> {
    const next = iterator.next();
    let delivered = false;
    void next.finally(() => { delivered = true; });
    const deadline = Date.now() + 20_000;
    while (!delivered && Date.now() < deadline) {
      await record(await event());
      await Promise.race([next, new Promise((resolve) => setTimeout(resolve, 200))]);
    }
    return (await within(next, 1000, 'delivery')).value as Result;
  }

  function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}) {
    clients.push(client);
    return client.iterate<Record<string, unknown>>({ query, variables }) as AsyncIterableIterator<Result>;
  }

  beforeAll(async () => {
    system = await startTestSystem();
    ava = await system.login('ava.martin@example.com');
    ben = await system.login('ben.okafor@example.com');
    const mine = await system.graphql<{ matters: Array<{ id: string; number: string; title: string }>; me: { client: { id: string } } }>(ava, '{ me { client { id } } matters { id number title } }');
    avaMatter = mine.data!.matters.find((m) => m.number === '00001-Martin')!;
    avaClientId = mine.data!.me.client.id;
    const theirs = await system.graphql<{ matters: Array<{ id: string }>; me: { client: { id: string } } }>(ben, '{ me { client { id } } matters { id } }');
    benMatterId = theirs.data!.matters[0]!.id;
    benClientId = theirs.data!.me.client.id;
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await system?.stop();
  });

  it('closes a connection without a valid token with 4401 and says how to authenticate', async () => {
    for (const init of [{}, { authorization: 'Bearer not-a-token' }]) {
      const socket = new WebSocket(wsUrl(system.gatewayUrl), 'graphql-transport-ws');
      const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: init })));
      const { code, reason } = await within(closed, 5000, 'close');
      expect(code).toBe(4401);
      expect(reason).toContain('authorization');
    }
  });

  it("refuses Ben's matter to Ava exactly like a matter that does not exist, and queries over the socket", async () => {
    const query = 'subscription($id: ID!) { matterUpdated(matterId: $id) { change } }';
    const refusals: unknown[] = [];
    for (const id of [benMatterId, 'no-such-matter']) {
      const iterator = subscribe(connect(system.gatewayUrl, ava), query, { id });
      refusals.push(await iterator.next().then(() => 'delivered', (errors: unknown) => errors));
    }
    expect(refusals[0]).toEqual(refusals[1]);
    expect(JSON.stringify(refusals[0])).toContain('No matter with this id');

    const asQuery = subscribe(connect(system.gatewayUrl, ava), '{ matters { id } }');
    await expect(asQuery.next()).rejects.toEqual([expect.objectContaining({ message: expect.stringContaining('subscriptions only') })]);
  });

  it('says "subscribe again in a moment", not "no such matter", when the matters subgraph cannot be asked', async () => {
    // A gateway whose matters subgraph does not answer (nothing listens on port 9).
    const cut = await startGateway({
      config: system.config, dataSource: system.database.dataSource, logger: createLogger('test', 'silent'), port: 0,
      subgraphUrls: { ...system.subgraphUrls, matters: 'http://127.0.0.1:9/graphql' }, embeddedDatabase: system.embeddedDatabase,
    });
    try {
      const iterator = subscribe(connect(cut.url, ava), 'subscription($id: ID!) { matterUpdated(matterId: $id) { change } }', { id: avaMatter.id });
      const refusal = await iterator.next().then(() => 'delivered', (errors: unknown) => errors);
      expect(refusal).toEqual([expect.objectContaining({ message: expect.stringContaining('subscribe again in a moment'), extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    } finally {
      await cut.close();
    }
  });

  it("delivers a change of Ava's matter with fields of other subgraphs resolved for her, and never one of Ben's", async () => {
    const iterator = subscribe(connect(system.gatewayUrl, ava), `subscription($id: ID!) {
      matterUpdated(matterId: $id) { change at ... on MatterUpdated { m: matter { number title balance { amount } } } update { title } }
    }`, { id: avaMatter.id });
    await firstDelivery(iterator, () => [hearing(avaMatter.id, 'Warm-up hearing')]);
    // Live now: a hearing on December 11th arrives as an EVENT, and the rules' update about it as an UPDATE, both resolved for Ava.
    const main = hearing(avaMatter.id, 'Status hearing');
    await record([{ ...main, occurredAt: new Date('2026-12-02T09:00:00Z'), payload: { ...main.payload, startsAt: '2026-12-11T15:00:00.000Z' } } as NewDomainEvent]);
    const matter = { number: avaMatter.number, title: avaMatter.title, balance: { amount: expect.stringMatching(/^\d+\.\d{2}$/) } };
    let event: unknown;
    let update: unknown;
    while (!event || !update) {
      const payload = ((await within(iterator.next(), 10_000, 'hearing and update')).value as Result).data!.matterUpdated as { change: string; at: string; update: { title: string } | null };
      if (payload.change === 'EVENT' && payload.at === '2026-12-02T09:00:00.000Z') event = payload;
      if (payload.change === 'UPDATE' && payload.update?.title.includes('December 11th')) update = payload;
    }
    expect(event).toEqual({ change: 'EVENT', at: '2026-12-02T09:00:00.000Z', m: matter, update: null });
    expect(update).toEqual({ change: 'UPDATE', at: expect.any(String), m: matter, update: { title: expect.stringContaining('Status hearing') } });
    // Ben's stage move, then Ava's, in one transaction: Ava hears of hers, never of his.
    const stageMove = (matterId: string, clientId: string, at: string): NewDomainEvent => ({
      type: 'stage.changed', subject: `matter:${matterId}`, matterId, clientId, occurredAt: new Date(at), dedupeKey: randomUUID(),
      payload: { matterId, clientId, from: 'DISCOVERY', to: 'DISCOVERY_COMPLETE', rule: 'test' },
    });
    await record([stageMove(benMatterId, benClientId, '2026-12-03T10:00:00Z'), stageMove(avaMatter.id, avaClientId, '2026-12-04T10:00:00Z')]);
    for (;;) {
      const payload = ((await within(iterator.next(), 10_000, 'stage change')).value as Result).data!.matterUpdated as { change: string; at: string };
      // Stage moves the rules derive from the first import's history may come first; Ben's never does.
      expect(payload.at).not.toBe('2026-12-03T10:00:00.000Z');
      if (payload.change === 'STAGE' && payload.at === '2026-12-04T10:00:00.000Z') break;
    }
  });

  it('streams a document uploaded to the legacy DMS to the subscribed client, through sync and the outbox', async () => {
    const iterator = subscribe(connect(system.gatewayUrl, ava), `subscription($id: ID!) {
      matterUpdated(matterId: $id) { change matter { documents { name } } }
    }`, { id: avaMatter.id });
    await firstDelivery(iterator, () => [hearing(avaMatter.id, 'Warm-up hearing')]);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'Expert report.pdf');
    form.append('metadata', JSON.stringify({ name: 'Expert report.pdf', matterNumber: avaMatter.number, docType: 'Correspondence', attributes: {}, tags: [] }));
    const uploaded = await fetch(`${system.simulators!.dms.url}/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${system.config.legacy.dms.token}` }, body: form });
    expect(uploaded.status).toBe(201);
    await system.syncNow();
    for (;;) {
      const payload = ((await within(iterator.next(), 15_000, 'document change')).value as Result).data!.matterUpdated as { change: string; matter: { documents: Array<{ name: string }> } };
      if (payload.change !== 'DOCUMENT') continue;
      expect(payload.matter.documents.map((d) => d.name)).toContain('Expert report.pdf');
      break;
    }
  });

  it("delivers Ava's own notifications on notificationAdded, on every gateway, and never Ben's", async () => {
    const notifications = system.database.dataSource.getRepository(NotificationRow);
    const write = async (clientId: string, title: string) => {
      const row = await notifications.save(notifications.create({ clientId, matterId: null, title, body: `${title}.` } as Partial<NotificationRow>));
      return { type: 'notification.added', subject: `notification:${row.id}`, clientId, occurredAt: new Date(), dedupeKey: randomUUID(), payload: { notificationId: row.id, clientId, matterId: null } } as NewDomainEvent;
    };
    const second = await startGateway({
      config: system.config, dataSource: system.database.dataSource, logger: createLogger('test', 'silent'), port: 0, subgraphUrls: system.subgraphUrls, embeddedDatabase: system.embeddedDatabase,
    });
    try {
      const query = 'subscription { notificationAdded { title } }';
      const onFirst = subscribe(connect(system.gatewayUrl, ava), query);
      const onSecond = subscribe(connect(second.url, ava), query);
      const warmUp = async () => [await write(avaClientId, 'Warm-up')];
      // Live on both once anything arrives (the rules' own notifications of earlier tests may come first).
      await firstDelivery(onFirst, warmUp);
      await firstDelivery(onSecond, warmUp);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await record([await write(benClientId, "Ben's news"), await write(avaClientId, "Ava's news")]);
      for (const iterator of [onFirst, onSecond]) {
        for (;;) {
          const { data } = (await within(iterator.next(), 10_000, 'notification')).value as Result;
          const { title } = data!.notificationAdded as { title: string };
          expect(title).not.toBe("Ben's news");
          if (title === "Ava's news") break;
        }
      }
    } finally {
      await second.close();
    }
  });
});
