import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../../context/index.js';
import { ErrorCode } from '../../errors/index.js';

/**
 * A subscription sent as an HTTP request is refused before it runs (400, BAD_REQUEST, no `data`),
 * saying where subscriptions are served: over WebSocket on the same path (src/server/subscriptions.ts).
 * Run over HTTP it would be executed as a query and fail on its non-null field.
 */
export function useSubscriptionsOverWebSocket(path: string): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(`Subscriptions are served over WebSocket (graphql-ws protocol) at ${path}, not over HTTP: connect with a graphql-ws client and send the token in connectionParams.authorization.`, {
            extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
          });
        },
      };
    },
  };
}
