import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context/index.js';

/**
 * Reports the number of Cypher round trips a request cost in the `X-Cypher-Round-Trips` response
 * header: how tests hold the batching bound and how benchmarks compare servers.
 */
export const ROUND_TRIP_HEADER = 'x-cypher-round-trips';

export function useRoundTripHeader(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          response.http.headers.set(ROUND_TRIP_HEADER, String(contextValue.stats.cypherRoundTrips));
        },
      };
    },
  };
}
