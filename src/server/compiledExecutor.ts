import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { BREAK, execute, GraphQLError, visit, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * graphql-jit as Apollo Server's executor: each operation is compiled once into a function, which
 * then completes results without graphql-js's per-field interpretation (about a third of the
 * server's CPU on a four-level tree; docs/benchmarks.md). Apollo 5 has no executor option; its
 * gateway interface is the one door for a custom executor (graphql-jit issue 219), so this is a
 * "gateway" serving the local schema. Apollo keeps parsing, validation (its document cache hands back
 * the same DocumentNode for the same query text, which compiled operations are keyed on), plugins and
 * error formatting.
 *
 * What graphql-jit refuses before running a resolver (an operation it cannot select, variables it
 * cannot coerce) goes to graphql-js, so those errors keep graphql-js's words and Apollo's codes
 * (BAD_REQUEST, BAD_USER_INPUT). So do documents with `@skip` or `@include`: graphql-jit places a
 * field where it first occurs even when that occurrence is skipped, where the spec (and graphql-js)
 * places it where it is first included — the differential fuzzer found the different key order. `EXECUTOR=graphql-js` runs everything on graphql-js, the reference
 * the differential fuzzer compares this executor with.
 */
export function compiledExecutorGateway(schema: GraphQLSchema): GatewayInterface {
  // Per parsed document, per operation name: the compiled operation, or null when it did not compile.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let entry = byName.get(key);
    if (entry === undefined) {
      const result = hasConditionalFields(document) ? null : compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      entry = result && isCompiledQuery(result) ? result : null;
      byName.set(key, entry);
    }
    return entry;
  };

  const executor: GatewayExecutor = async ({ document, context, request }) => {
    // The client's operationName: the context's own is the operation Apollo found, null when none matched.
    const operationName = request.operationName;
    const variableValues = request.variables ?? {};
    const operation = compiledFor(document, operationName ?? undefined);
    if (operation) {
      const result = await operation.query(undefined, context, variableValues);
      // No data: refused before any resolver ran (only variables can do that once compiled).
      if (result.data !== undefined) return { data: result.data, ...(result.errors?.length ? { errors: result.errors.map(asGraphQLError) } : {}) };
    }
    return (await execute({ schema, document, contextValue: context, variableValues, operationName })) as ExecutionResult;
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}

/** Whether any selection of the document carries `@skip` or `@include`. */
function hasConditionalFields(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'skip' && node.name.value !== 'include') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * graphql-jit's errors as graphql-js's: its own error type leaves `extensions` undefined, where Apollo
 * and our formatError expect an object, and has no `nodes`; message, locations, path and the
 * original error (which formatError maps to our codes) are kept.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: (error.originalError as Error | undefined) ?? undefined,
    extensions: error.extensions,
  });
  if (error.locations) (converted as { locations: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}
