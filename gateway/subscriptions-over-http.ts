import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { HeaderMap } from '@apollo/server';
import { CasebridgeError, ErrorCode } from '../shared/errors.js';

/**
 * The graphql-ws URL a caller reaches this gateway's `path` at: the host they asked for, `wss:`
 * when the gateway's public URL (PUBLIC_URL) is https or the trusted proxy says the request came
 * over TLS.
 */
export function webSocketUrl(headers: HeaderMap, path: string, publicUrl: string, trustProxy: boolean | number | string): string {
  const forwardedProto = trustProxy !== false ? headers.get('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  const secure = forwardedProto ? forwardedProto === 'https' : publicUrl.startsWith('https:');
  const host = headers.get('host') ?? new URL(publicUrl).host;
  return `${secure ? 'wss' : 'ws'}://${host}${path}`;
}

/**
 * Apollo Gateway cannot execute a subscription (it would answer a 500 "Execution of subscriptions
 * not supported by gateway"): one sent over HTTP is refused with a 400 that says where the
 * subscription endpoint is.
 */
export function subscriptionsOverWebSocket<C extends BaseContext>(urlOf: (headers: HeaderMap) => string): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation?.operation !== 'subscription') return;
          const url = request.http ? urlOf(request.http.headers) : 'the /graphql path';
          throw new CasebridgeError(
            ErrorCode.BAD_USER_INPUT,
            `Subscriptions are served over WebSocket (graphql-ws) at ${url}, not over HTTP: connect there with {"authorization": "Bearer <token>"} as the connection_init payload.`,
          );
        },
      };
    },
  };
}
