/**
 * The subscriber side of bench/notify-live.ts, in its own process so the gateway's memory is
 * measured without the clients': opens one graphql-ws connection per subscriber, subscribes each
 * to its matter, and reports every delivery (connection, change, receive time) to the parent.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

interface Subscriber { token: string; matterId: string }
interface Start { type: 'start'; url: string; subscribers: Subscriber[] }

const clients: Client[] = [];
const send = (message: unknown) => process.send!(message);

process.on('message', (message: Start | { type: 'stop' }) => {
  if (message.type === 'stop') {
    void Promise.all(clients.map((c) => c.dispose())).then(() => process.exit(0));
    return;
  }
  message.subscribers.forEach((subscriber, index) => {
    const client = createClient({
      url: message.url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${subscriber.token}` },
    });
    clients.push(client);
    client.subscribe<{ matterUpdated: { change: string; matter: { title: string } } }>(
      { query: 'subscription($id: ID!) { matterUpdated(matterId: $id) { change at matter { title nextHearing { startsAt } } } }', variables: { id: subscriber.matterId } },
      {
        next: (result) => send({ type: 'delivery', index, change: result.data?.matterUpdated.change ?? 'ERROR', receivedAt: Date.now() }),
        error: (error) => send({ type: 'error', index, error: JSON.stringify(error).slice(0, 300) }),
        complete: () => undefined,
      },
    );
  });
  send({ type: 'subscribed' });
});
