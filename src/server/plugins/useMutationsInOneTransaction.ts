import type { ApolloServerPlugin } from '@apollo/server';
import { getArgumentValues, getNamedType, getVariableValues, isObjectType, Kind, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { RequestContext } from '../../context/index.js';
import { MUTATIONS_WRITTEN_TOGETHER, writeMutationFieldsTogether } from '../../resolvers/index.js';

/**
 * A request's mutation fields written in one transaction, one commit, before execution: where each
 * field would otherwise take its own transaction and its own commit, in turn (the mutation mix: an
 * upsert and a link, 2 commits → 1). Execution then answers each field from what was written.
 *
 * Only where that cannot change an answer: every root field an upsert or a link (no fragments, no
 * `@skip`/`@include`), each reading back only the written record's own fields (default-resolved
 * leaves and `__typename`: nothing a later field could change). When a field is refused, nothing
 * was written and the request runs as the reference does, field by field, so that the fields
 * before the refused one stand. ONE_TRANSACTION_MUTATIONS=false takes the reference path always.
 */
export function useMutationsInOneTransaction(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        // After the mutation policy (didResolveOperation) let the operation through, before execution.
        async executionDidStart({ operation, schema, request, contextValue }) {
          if (!contextValue.oneTransactionMutations || operation.operation !== 'mutation') return;
          const fields = fieldsWrittenTogether(schema, operation, request.variables ?? {});
          if (fields) contextValue.preparedMutations = await writeMutationFieldsTogether(contextValue, fields);
        },
      };
    },
  };
}

/** The operation's fields with their inputs, when they may be written together; else undefined (the reference path answers, and reports any error). */
export function fieldsWrittenTogether(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): Array<{ key: string; field: string; input: object }> | undefined {
  const mutation = schema.getMutationType();
  if (!mutation) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return undefined;
  const fields: Array<{ key: string; field: string; input: object }> = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length || !MUTATIONS_WRITTEN_TOGETHER.has(selection.name.value)) return undefined;
    const definition = mutation.getFields()[selection.name.value];
    const type = definition && getNamedType(definition.type);
    if (!definition || !isObjectType(type) || !selection.selectionSet || !readsOnlyTheRecord(selection.selectionSet, type.getFields())) return undefined;
    let input: unknown;
    try {
      input = getArgumentValues(definition, selection, coerced.coerced)['input'];
    } catch {
      return undefined;
    }
    if (typeof input !== 'object' || input === null) return undefined;
    fields.push({ key: selection.alias?.value ?? selection.name.value, field: selection.name.value, input });
  }
  // One field is one transaction already; a response key given twice is for graphql-js to merge or refuse.
  const keys = new Set(fields.map((f) => f.key));
  return fields.length >= 2 && keys.size === fields.length ? fields : undefined;
}

/** Only leaves read straight off the written record (no resolver of their own: nothing read from the graph). */
function readsOnlyTheRecord(selectionSet: SelectionSetNode, fields: Record<string, { resolve?: unknown }>): boolean {
  return selectionSet.selections.every((s) =>
    s.kind === Kind.FIELD && !s.directives?.length && !s.arguments?.length && !s.selectionSet &&
    (s.name.value === '__typename' || (fields[s.name.value] !== undefined && fields[s.name.value]!.resolve === undefined)));
}
