import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { OnRefused } from '../../auth/index.js';
import type { RequestContext } from '../../context/index.js';
import { ErrorCode } from '../../errors/index.js';
import { mayRunMutations } from '../../policy/index.js';

/**
 * Who may write, enforced once for every field of the Mutation type (`unlink` included): an
 * operation of type mutation from a role below the policy's (src/policy/actions.ts) is refused as a
 * whole before anything executes — HTTP 403, `FORBIDDEN`, no `data` — so a multi-field mutation
 * never half-runs. Mutation fields can only be selected by mutation operations, so nothing slips past.
 */
export function useMutationPolicy(onRefused?: OnRefused): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const { role, subject } = contextValue.viewer;
          if (mayRunMutations(role)) return;
          if (onRefused) {
            try {
              await onRefused({ requestId: contextValue.requestId, status: 403, reason: 'mutation_forbidden', role, ...(subject !== undefined ? { subject } : {}) });
            } catch (error) {
              contextValue.logger.error({ err: error }, 'onRefused hook failed');
            }
          }
          contextValue.logger.info({ role, subject, reason: 'mutation_forbidden' }, 'mutation refused');
          throw new GraphQLError(`Forbidden: the ${role} role may not run mutations; writing needs the editor role or above.`, {
            extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
          });
        },
      };
    },
  };
}
