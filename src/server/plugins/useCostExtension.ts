import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context/index.js';

/**
 * Reports what an operation was estimated to cost in the response's `extensions.cost` (as GitHub's
 * GraphQL API does): `requested` (the estimate checked before execution), `limit` (the most one
 * operation may cost) and, with rate limiting on, `remaining` of the client's `pointsPerMinute`.
 */
export function useCostExtension(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.cost || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: contextValue.cost };
        },
      };
    },
  };
}
