import {
  Kind, valueFromASTUntyped,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import {
  BROKERS_WHOLE_GRAPH_COST, DEFAULT_PAGE_SIZE, ESTIMATED_INLINE_LIST_SIZE, MAX_NODES_PER_LOOKUP, MAX_PAGE_SIZE,
  EXPORT_VIEW_MAX_IDS, NEIGHBOURHOOD_MAX_LIMIT,
} from '../../config/index.js';

/**
 * What an operation asks for, measured from its document and variables before anything runs: how
 * deep it nests, how many aliases, root fields and directives it uses, and an estimate of its cost.
 *
 * The cost is about the number of objects the operation may return (GitHub's GraphQL API counts
 * the same way): every field of an object type counts once per parent it is asked under, and a
 * field that returns many — a connection's `first` (DEFAULT_PAGE_SIZE when not given), `nodes(ids)`'
 * ids, an unpaginated list (ESTIMATED_INLINE_LIST_SIZE) — multiplies everything below it. A
 * connection's `edges`, `node` and `pageInfo` are wrappers of the page already counted. Investigator
 * queries are weighted by their caps: paths k × (maxHops + 1), neighbourhood limit × depth,
 * moneyTrail maxAccounts, commonConnections ids × first × maxHops, search first, brokers its
 * measured subgraph. Arguments out of range are clamped to their caps here: the resolver reports them.
 *
 * Fragments are measured once per type they are spread on (memoised), so a document whose fragments
 * spread each other many times costs no more to measure than to read; a fragment cycle counts nothing
 * here (validation refuses it).
 */
export interface OperationMeasure {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  cost: number;
}

/** Duck-typed views of graphql's schema types (instanceof fails across graphql's two module builds). */
interface TypeLike { name?: string; ofType?: TypeLike; getFields?: () => Record<string, FieldLike>; getTypes?: () => TypeLike[] }
interface FieldLike { type: TypeLike; args: ReadonlyArray<{ name: string; defaultValue?: unknown }> }

interface Measure { depth: number; aliases: number; fields: number; directives: number; cost: number }
const NOTHING: Measure = { depth: 0, aliases: 0, fields: 0, directives: 0, cost: 0 };

/** The operation the request runs: the named one, the only one, or (when that is ambiguous) undefined. */
export function selectOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const vars: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) vars[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  Object.assign(vars, variables);

  const memo = new Map<string, Measure>();
  const typeNamed = (name: string) => schema.getType(name) as unknown as TypeLike | undefined;

  const measure = (selectionSet: SelectionSetNode | undefined, parent: TypeLike | undefined, innerListSize: number | undefined, visiting: ReadonlySet<string>): Measure => {
    if (!selectionSet) return NOTHING;
    const total = { ...NOTHING };
    const add = (m: Measure) => {
      total.depth = Math.max(total.depth, m.depth);
      total.aliases += m.aliases;
      total.fields += m.fields;
      total.directives += m.directives;
      total.cost += m.cost;
    };
    for (const selection of selectionSet.selections) {
      const directives = selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const field = measureField(selection, parent, innerListSize, visiting);
        add({ ...field, directives: field.directives + directives });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeNamed(selection.typeCondition.name.value) : parent;
        const inner = measure(selection.selectionSet, type, innerListSize, visiting);
        add({ ...inner, directives: inner.directives + directives });
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) {
          add({ ...NOTHING, directives });
          continue;
        }
        const type = typeNamed(fragment.typeCondition.name.value);
        const key = `${name}\u0000${type?.name ?? ''}\u0000${innerListSize ?? ''}`;
        let inner = memo.get(key);
        if (!inner) {
          inner = measure(fragment.selectionSet, type, innerListSize, new Set([...visiting, name]));
          inner = { ...inner, directives: inner.directives + (fragment.directives?.length ?? 0) };
          memo.set(key, inner);
        }
        add({ ...inner, directives: inner.directives + directives });
      }
    }
    return total;
  };

  const measureField = (node: FieldNode, parent: TypeLike | undefined, innerListSize: number | undefined, visiting: ReadonlySet<string>): Measure => {
    const own = { depth: 1, aliases: node.alias ? 1 : 0, fields: 1, directives: 0, cost: 0 };
    const name = node.name.value;
    if (!node.selectionSet) return own;
    const definition = name === '__schema' ? { type: typeNamed('__Schema')!, args: [] }
      : name === '__type' ? { type: typeNamed('__Type')!, args: [] }
        : parent?.getFields?.()[name];
    const listed = definition ? isList(definition.type) : false;
    const named = definition ? namedType(definition.type) : undefined;
    const args = definition ? argumentValues(definition, node, vars) : {};
    const parentName = parent?.name ?? '';
    const introspection = name.startsWith('__') || parentName.startsWith('__');

    let size = 1;
    let weight: number | undefined;
    let childListSize: number | undefined;
    let wrapper = false;
    if (introspection) {
      size = 0; // the schema's description: cheap and bounded, never a database read
    } else if (parentName === schema.getQueryType()?.name && INVESTIGATIONS[name]) {
      ({ size, weight, childListSize } = INVESTIGATIONS[name](args));
    } else if (definition?.args.some((arg) => arg.name === 'first')) {
      size = clamp(args['first'], DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    } else if (name === 'nodes' && Array.isArray(args['ids'])) {
      size = Math.min(args['ids'].length, MAX_NODES_PER_LOOKUP);
    } else if ((parentName.endsWith('Connection') && (name === 'edges' || name === 'pageInfo')) || (parentName.endsWith('Edge') && name === 'node')) {
      wrapper = true;
    } else if (listed) {
      size = innerListSize ?? ESTIMATED_INLINE_LIST_SIZE;
    }
    const inner = measure(node.selectionSet, named, childListSize, visiting);
    return {
      depth: 1 + inner.depth,
      aliases: own.aliases + inner.aliases,
      fields: own.fields,
      directives: inner.directives,
      cost: wrapper ? inner.cost : (weight ?? size) + size * inner.cost,
    };
  };

  const root = measure(operation.selectionSet, typeNamed(rootTypeName(schema, operation)), undefined, new Set());
  return {
    depth: root.depth,
    aliases: root.aliases,
    rootFields: root.fields,
    directives: root.directives + (operation.directives?.length ?? 0),
    cost: root.cost,
  };
}

/**
 * The longest variables (as JSON) whose measure is remembered, and how many measures one operation
 * keeps: a client repeats an operation with a few variable sets (a page size, a cursor), and a long
 * variable list (nodes' ids) costs about as much to key as to measure.
 */
export const MEASURE_MEMO_MAX_KEY_CHARS = 1024;
export const MEASURES_PER_OPERATION = 64;

/**
 * measureOperation remembered per operation node and variables. The operation nodes come from the
 * parsed-document cache, so a client repeating an operation is measured once per variable set: the
 * walk over the document was 2 % of a light request's server time. The measure depends only on the
 * schema, the document and the variables, and the memo keys all three (one memo per schema; the
 * operation node; the variables' JSON), so it answers as measureOperation does —
 * test/server/operationMeasures.test.ts compares the two on generated operations.
 */
export function memoisedOperationMeasure(schema: GraphQLSchema): (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) => OperationMeasure {
  const memo = new WeakMap<OperationDefinitionNode, Map<string, OperationMeasure>>();
  return (document, operation, variables) => {
    const key = JSON.stringify(variables);
    if (key === undefined || key.length > MEASURE_MEMO_MAX_KEY_CHARS) return measureOperation(schema, document, operation, variables);
    let measures = memo.get(operation);
    if (!measures) memo.set(operation, (measures = new Map()));
    let measure = measures.get(key);
    if (!measure) {
      measure = Object.freeze(measureOperation(schema, document, operation, variables));
      if (measures.size >= MEASURES_PER_OPERATION) measures.clear();
      measures.set(key, measure);
    }
    return measure;
  };
}

type Args = Record<string, unknown>;
/** `size`: how many results the field returns (multiplies what is below); `weight`: its own cost; `childListSize`: the size of its unpaginated result lists. */
/** Cost of one entity of an export: itself, its relationships among the others, its sources. */
const EXPORT_VIEW_COST_PER_ID = 10;

const INVESTIGATIONS: Record<string, (args: Args) => { size: number; weight: number; childListSize?: number }> = {
  paths: (a) => {
    const k = clamp(a['k'], 3, 10);
    const hops = clamp(a['maxHops'], 4, 8);
    return { size: k, weight: k * (hops + 1), childListSize: hops + 1 };
  },
  neighbourhood: (a) => {
    const limit = clamp(a['limit'], 100, NEIGHBOURHOOD_MAX_LIMIT);
    return { size: 1, weight: limit * clamp(a['depth'], 1, 3), childListSize: limit };
  },
  moneyTrail: (a) => {
    const accounts = clamp(a['maxAccounts'], 200, 1000);
    return { size: 1, weight: accounts, childListSize: accounts };
  },
  commonConnections: (a) => {
    const first = clamp(a['first'], DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const ids = Array.isArray(a['ids']) ? Math.min(a['ids'].length, 10) : 2;
    return { size: first, weight: ids * first * clamp(a['maxHops'], 2, 3) };
  },
  search: (a) => {
    const first = clamp(a['first'], 10, 100);
    return { size: first, weight: first };
  },
  // A file of up to 1,000 entities, each read with its relationships among the others and its sources.
  exportView: (a) => {
    const ids = Array.isArray(a['ids']) ? Math.min(a['ids'].length, EXPORT_VIEW_MAX_IDS) : EXPORT_VIEW_MAX_IDS;
    return { size: 1, weight: ids * EXPORT_VIEW_COST_PER_ID };
  },
  brokers: (a) => {
    const first = clamp(a['first'], DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const weight = a['around'] ? NEIGHBOURHOOD_MAX_LIMIT * clamp(a['depth'], 3, 4) : BROKERS_WHOLE_GRAPH_COST;
    return { size: 1, weight, childListSize: first };
  },
};

function clamp(value: unknown, fallback: number, max: number): number {
  const v = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.max(0, Math.min(Math.floor(v), max));
}

function rootTypeName(schema: GraphQLSchema, operation: OperationDefinitionNode): string {
  const type = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  return type?.name ?? '';
}

function isList(type: TypeLike): boolean {
  for (let t: TypeLike | undefined = type; t; t = t.ofType) if (String(t).startsWith('[')) return true;
  return false;
}

function namedType(type: TypeLike): TypeLike {
  let t = type;
  while (t.ofType) t = t.ofType;
  return t;
}

/** Argument values as given (variables substituted, defaults filled), without coercion: the executor checks them. */
function argumentValues(definition: FieldLike, node: FieldNode, variables: Record<string, unknown>): Args {
  const values: Args = {};
  for (const arg of definition.args) {
    const given = node.arguments?.find((a) => a.name.value === arg.name);
    let value: unknown;
    try {
      value = given ? valueFromASTUntyped(given.value, variables) : undefined;
    } catch {
      value = undefined;
    }
    values[arg.name] = value ?? arg.defaultValue;
  }
  return values;
}
