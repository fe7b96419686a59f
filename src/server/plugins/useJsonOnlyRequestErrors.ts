import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context/index.js';
import { ErrorCode } from '../../errors/index.js';
import { acceptsOnlyJson } from '../protocol.js';

/** Errors of a request that never ran: its document or its variables (Apollo answers them 400). */
const REQUEST_ERROR_CODES: ReadonlySet<unknown> = new Set([ErrorCode.GRAPHQL_PARSE_FAILED, ErrorCode.GRAPHQL_VALIDATION_FAILED, ErrorCode.BAD_USER_INPUT]);

/**
 * Apollo answers parse, validation and variable-coercion failures 400 whatever the client accepts;
 * the GraphQL-over-HTTP spec says 200 when the response is `application/json` (see protocol.ts).
 * Only those: a request Apollo cannot read at all (BAD_REQUEST) keeps its 4xx.
 */
export function useJsonOnlyRequestErrors(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      if (!acceptsOnlyJson(request.http?.headers.get('accept'))) return;
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const { data, errors = [] } = response.body.singleResult;
          if (data !== undefined || errors.length === 0) return;
          if (errors.every((error) => REQUEST_ERROR_CODES.has(error.extensions?.['code']))) response.http.status = 200;
        },
      };
    },
  };
}
