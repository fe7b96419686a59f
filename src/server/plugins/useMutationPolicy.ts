import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { OnRefused } from '../../auth/index.js';
import type { RequestContext } from '../../context/index.js';
import { ErrorCode } from '../../errors/index.js';
import { mayRunMutationFields } from '../../policy/index.js';

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

/** The root fields an operation selects, through inline fragments and fragment spreads. */
function rootFieldNames(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) for (const name of rootFieldNames(selection.selectionSet, fragments, seen)) names.add(name);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) for (const name of rootFieldNames(fragment.selectionSet, fragments, seen)) names.add(name);
    }
  }
  return names;
}

/**
 * Who may write, enforced once for every field of the Mutation type (`unlink` included): an
 * operation of type mutation from a role below the policy's (src/policy/actions.ts) is refused as a
 * whole before anything executes — HTTP 403, `FORBIDDEN`, no `data` — so a multi-field mutation
 * never half-runs. Mutation fields can only be selected by mutation operations, so nothing slips past.
 * The policy's personal mutations (a subject's own watch rules and alerts) pass for every role, but
 * only in an operation that selects nothing else.
 */
export function useMutationPolicy(onRefused?: OnRefused): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, document }) {
          if (operation?.operation !== 'mutation') return;
          const { role, subject } = contextValue.viewer;
          if (mayRunMutationFields(role, rootFieldNames(operation.selectionSet, fragmentsOf(document)))) return;
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
