import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  BREAK,
  execute,
  getNamedType,
  GraphQLError,
  isAbstractType,
  isObjectType,
  Kind,
  typeFromAST,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
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
      const shareCases = selectedOperation(document, operationName)?.operation === 'query';
      const compilable = !hasConditionalFields(document) && expandedFieldCount(schema, document, operationName, COMPILED_FIELDS_MAX, shareCases) <= COMPILED_FIELDS_MAX;
      const options = { disablingCapturingStackErrors: true, shareUniformAbstractCases: shareCases };
      const result = compilable ? compileQuery(schema, document, operationName, options as Parameters<typeof compileQuery>[3]) : null;
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
      // No data: refused before any resolver ran (only variables can do that once compiled). A shared
      // case names one type for all in a non-null violation's message: a query answers it again on
      // graphql-js, which names the object's own type (reads only: a mutation is never run twice).
      if (result.data !== undefined && !result.errors?.some(namesItsParentType)) {
        return { data: result.data, ...(result.errors?.length ? { errors: result.errors.map(asGraphQLError) } : {}) };
      }
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

/**
 * graphql-jit writes the code of a selection once for every object type it can meet there, so an
 * interface nested in an interface multiplies: `other { relationships { edges { other … } } }` four
 * levels deep counts 47,615 fields, 56 MB of generated JavaScript (RSS went to 1.4 GB while V8
 * compiled it), and a deeper document could take the server down. Documents counting more than
 * COMPILED_FIELDS_MAX fields so expanded (about 1 MB of code) run on graphql-js; the benchmark's
 * other shapes count 4–197.
 *
 * Unless the implementations compile alike: graphql-jit, as patched here (patches/graphql-jit*.patch,
 * option `shareUniformAbstractCases`, queries only), writes one case for all of an abstract type's
 * possible types when each collects the same fields, resolved by the same functions with the same
 * types and arguments (the entity and relationship fields every kind shares: src/resolvers/
 * sharedResolvers.ts). The four-level tree is then 47 KB of code, compiled in 0.15 s.
 */
export const COMPILED_FIELDS_MAX = 1_000;

/**
 * The operation's fields, each counted once per object type graphql-jit expands it for (once for all
 * of them where `shareCases` and they compile alike); counting stops just past `max`.
 */
export function expandedFieldCount(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, max: number, shareCases = false): number {
  const operation = selectedOperation(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0; // graphql-jit refuses it; graphql-js explains
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let count = 0;
  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType): void => {
    if (isAbstractType(type)) {
      const possibleTypes = schema.getPossibleTypes(type);
      if (shareCases && possibleTypes.length > 1 && compileAlike(possibleTypes, selectionSet)) {
        walk(selectionSet, possibleTypes[0]!);
        return;
      }
      for (const possible of possibleTypes) {
        walk(selectionSet, possible);
        if (count > max) return;
      }
      return;
    }
    for (const selection of selectionSet.selections) {
      if (count > max) return;
      if (selection.kind === Kind.FIELD) {
        count += 1;
        const field = isObjectType(type) ? type.getFields()[selection.name.value] : undefined;
        if (selection.selectionSet && field) walk(selection.selectionSet, getNamedType(field.type) as GraphQLCompositeType);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition: GraphQLType | undefined = fragment.typeCondition ? typeFromAST(schema, fragment.typeCondition) : type;
      // Spread where it can apply: its type, or an abstract type this one belongs to.
      if (!condition || (condition !== type && !(isAbstractType(condition) && isObjectType(type) && schema.isSubType(condition, type)))) continue;
      walk(fragment.selectionSet, type);
    }
  };
  // The fields a selection collects on one object type, by response key, with the nodes they come from.
  const collect = (selectionSet: SelectionSetNode, type: GraphQLObjectType, into: Map<string, FieldNode[]>, visited: Set<string>): Map<string, FieldNode[]> => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        into.set(key, [...(into.get(key) ?? []), selection]);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (visited.has(selection.name.value)) continue;
        visited.add(selection.name.value);
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition: GraphQLType | undefined = fragment.typeCondition ? typeFromAST(schema, fragment.typeCondition) : type;
      if (!condition || (condition !== type && !(isAbstractType(condition) && schema.isSubType(condition, type)))) continue;
      collect(fragment.selectionSet, type, into, visited);
    }
    return into;
  };
  // The same test as the patch's: the same fields from the same nodes, with the same resolvers, types and arguments.
  const compileAlike = (types: readonly GraphQLObjectType[], selectionSet: SelectionSetNode): boolean => {
    const shapes = types.map((type) => {
      if (type.isTypeOf) return undefined;
      return [...collect(selectionSet, type, new Map(), new Set())].map(([key, nodes]) => ({ key, nodes, field: type.getFields()[nodes[0]!.name.value] }));
    });
    const [first, ...rest] = shapes;
    if (!first) return false;
    return rest.every(
      (shape) =>
        shape !== undefined &&
        shape.length === first.length &&
        shape.every((entry, i) => {
          const other = first[i]!;
          if (entry.key !== other.key || entry.nodes.length !== other.nodes.length || entry.nodes.some((node, j) => node !== other.nodes[j])) return false;
          if (entry.nodes[0]!.name.value === '__typename') return true;
          if (!entry.field || !other.field) return entry.field === other.field;
          return (
            entry.field.resolve === other.field.resolve &&
            String(entry.field.type) === String(other.field.type) &&
            entry.field.args.length === other.field.args.length &&
            entry.field.args.every((arg, k) => {
              const otherArg = other.field!.args[k]!;
              return arg.name === otherArg.name && String(arg.type) === String(otherArg.type) && JSON.stringify(arg.defaultValue) === JSON.stringify(otherArg.defaultValue);
            })
          );
        }),
    );
  };
  walk(operation.selectionSet, root);
  return count;
}

/** The operation graphql-jit would run: the named one, or the first. */
function selectedOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operationName === undefined ? operations[0] : operations.find((o) => o.name?.value === operationName);
}

/** graphql-js's message for a non-null field that resolved to null, which names the field's parent type. */
function namesItsParentType(error: GraphQLError): boolean {
  return error.message.startsWith('Cannot return null for non-nullable field ');
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
