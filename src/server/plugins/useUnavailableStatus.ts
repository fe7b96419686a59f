import type { ApolloServerPlugin } from '@apollo/server';
import type { DatabaseHealth } from '../../database/index.js';
import { ErrorCode } from '../../errors/index.js';
import type { RequestContext } from '../../context/index.js';

/**
 * A request that met a database outage is answered with HTTP 503 and `Retry-After` (seconds until
 * the supervisor's next attempt, or a short default), so that clients, proxies and load balancers
 * back off and retry instead of reading a 200. Set on the response as it leaves rather than through
 * `extensions.http` on the error: the formatted error carries the code whatever threw it (our
 * DatabaseUnavailableError or a driver error that outlasted its retries).
 */
export function useUnavailableStatus(health: DatabaseHealth): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (!errors.some((error) => error.extensions?.['code'] === ErrorCode.DATABASE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(health.retryAfterSeconds()));
        },
      };
    },
  };
}
