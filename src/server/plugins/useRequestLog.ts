import type { ApolloServerPlugin } from '@apollo/server';
import { REQUEST_ID_SYMBOL } from '../../errors/index.js';
import type { RequestContext } from '../../context/index.js';

/**
 * One structured log line per GraphQL operation (name, duration, Cypher round trips, error codes),
 * and the request id stamped on every error so `formatError` can quote it to the client.
 */
export function useRequestLog(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            Object.defineProperty(error, REQUEST_ID_SYMBOL, { value: contextValue.requestId, enumerable: false });
          }
        },
        async willSendResponse({ operationName, errors }) {
          contextValue.logger.info(
            {
              operationName: operationName ?? null,
              ms: Math.round(performance.now() - started),
              cypherRoundTrips: contextValue.stats.cypherRoundTrips,
              // A code Apollo has not stamped yet counts as internal, as formatError will make it.
              errorCodes: errors?.map((e) => e.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
