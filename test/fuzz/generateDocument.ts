import {
  buildASTSchema, getNamedType, isAbstractType, isEnumType, isInputObjectType, isInterfaceType, isLeafType, isListType,
  isNonNullType, isObjectType, parse, validate, type GraphQLField, type GraphQLInputType, type GraphQLNamedType,
  type GraphQLObjectType, type GraphQLInterfaceType, type GraphQLSchema, type GraphQLUnionType,
} from 'graphql';
import { Prng } from '../../src/generator/index.js';
import { loadTypeDefs } from '../../src/schema/index.js';

/**
 * Random valid GraphQL documents, generated from the schema itself: several root fields, aliases,
 * named and inline fragments on interfaces, variables, @skip/@include, nested `relationships(...)`
 * with different arguments, the same entities reached by different routes, depth beyond the
 * look-ahead's limit. Argument values come from pools of real ids and cursors, so most documents
 * find data; a few carry mistakes (a bad page size, an unknown id, a garbled cursor) so errors are
 * compared too. Deterministic: the same seed and index give the same document.
 */

/** Values drawn from the data under test, so that documents reach real entities. */
export interface FuzzPools {
  /** Entity ids by GraphQL type (Person, Account, ...). */
  entityIds: Record<string, string[]>;
  /** Relationships with their ends: a document that names one also tends to name its ends elsewhere. */
  relationships: Array<{ id: string; from: string; to: string }>;
  /** `relationships` cursors (endCursor of real pages) and list cursors. */
  relationshipCursors: string[];
  listCursors: string[];
  /** Names to search for. */
  names: string[];
}

export interface FuzzCase {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Bounds that keep each document cheap (it is run twice, hundreds of times) yet deep enough to pass
 * the look-ahead's limit (MAX_PREFETCH_DEPTH relationship levels, three GraphQL levels each):
 * selection sets narrow with depth, so a deep document is a few long chains, not a wide tree.
 */
const MAX_DEPTH = 20;
const MAX_FIELDS = 45;
const MAX_ROOT_FIELDS = 4;
/**
 * How often a document adds a root field that reaches an entity already reached at the root by
 * another route (`node(id: X)` and then `relationship(id: R) { to { … } }` with X an end of R, or
 * the other way round), with a fresh selection on it: the shape in which a cache shared across root
 * fields serves one route's fetched-ahead entity to the other.
 */
const REVISIT_CHANCE = 0.35;
/** Most selections in a set at a depth: wide near the root, one per set deep down. */
const widthAt = (depth: number) => (depth <= 3 ? 4 : depth <= 6 ? 2 : 1);
/**
 * Most objects one selection may apply to (page sizes and list lengths multiplied through the
 * nesting, estimated): past it only leaves are chosen, so no document fans out to thousands of rows.
 */
const MAX_BREADTH = 40;
/** Dashboard fields (paged by cursors of their own kind). */
const DASHBOARD_FIELDS = new Set(['victimsByNationality', 'recruitmentCorridors', 'scamCentresByCountry', 'flowsByCurrencyAndMonth']);

/** Estimated items of a list: a connection's page (its `first`, 3 if a variable, 20 if absent), a connection's edges (counted with the connection), another list. */
const VARIABLE_PAGE = 3;
const DEFAULT_PAGE = 20;
const LIST_ITEMS = 4;

function itemsOf(field: GraphQLField<unknown, unknown>, args: string): number {
  const named = getNamedType(field.type);
  if (named.name.endsWith('Connection')) {
    const first = /first: (\d+|\$)/.exec(args)?.[1];
    return first === undefined ? DEFAULT_PAGE : first === '$' ? VARIABLE_PAGE : Number(first);
  }
  if (field.name === 'edges') return 1;
  const nullable = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isListType(nullable) ? LIST_ITEMS : 1;
}

/** Root fields and how often to pick them: the ones that return entities most (they look ahead). */
const ROOT_WEIGHTS: Record<string, number> = {
  node: 6, nodes: 3, relationship: 4, people: 1.5, organizations: 1, scamCentres: 1.5, locations: 1, accounts: 1, operations: 0.5,
  sources: 0.5, transfers: 1.5, search: 1, paths: 1, neighbourhood: 1, moneyTrail: 1.5, commonConnections: 0.7,
  victimsByNationality: 0.2, recruitmentCorridors: 0.2, scamCentresByCountry: 0.2, flowsByCurrencyAndMonth: 0.2, brokers: 0.3,
};
/** Composite fields that lead on through the graph, tried in order with these chances before any other. */
const CHAIN_FIELDS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  RelationshipConnection: [['edges', 0.85]],
  RelationshipEdge: [['node', 0.4], ['other', 0.7]],
  '*': [['relationships', 0.45], ['from', 0.45], ['to', 0.45]],
};
/** Arguments a root field must have for the document to stay cheap (brokers over the whole graph is an analytics job). */
const REQUIRED_ARGUMENTS: Record<string, string[]> = { brokers: ['around'], moneyTrail: ['maxAccounts'], neighbourhood: ['limit'] };

const DATES = ['2023-01-01T00:00:00Z', '2024-06-01T00:00:00Z', '2025-01-15T00:00:00Z', '2025-12-31T00:00:00Z'];
const CALENDAR_DATES = ['2024-01-01', '2025-01-15', '2025-10-01'];
const COUNTRIES = ['UG', 'MY', 'TH', 'MM', 'PE', 'KH', 'CN', 'US', 'AE', 'PH'];

let cachedSchema: GraphQLSchema | undefined;
/** The API's schema, built by this module's own graphql (no resolvers needed to generate). */
export function fuzzSchema(): GraphQLSchema {
  cachedSchema ??= buildASTSchema({ kind: 'Document' as never, definitions: loadTypeDefs().flatMap((doc) => doc.definitions) });
  return cachedSchema;
}

type Composite = GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType;

class DocumentBuilder {
  private fields = 0;
  private aliasCount = 0;
  private readonly fragments = new Map<string, { on: string; body: string }>();
  private readonly building = new Set<string>();
  private readonly variables: Array<{ name: string; type: string; value: unknown }> = [];
  /** Argument lists already written, by field: reused often, so that one page is asked for from several spots. */
  private readonly argumentsUsed = new Map<string, string[]>();
  /** Ids already written: reused often, so that one entity is reached by several routes. */
  private readonly idsUsed: string[] = [];
  /** Entities and relationships named by root fields (`node(id)`, `relationship(id)`), for revisits. */
  private readonly rootEntityIds: string[] = [];
  private readonly rootRelationships: Array<{ id: string; from: string; to: string }> = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: FuzzPools,
    private readonly random: Prng,
    private readonly aliasAll: boolean,
  ) {}

  build(): FuzzCase {
    const query = this.schema.getQueryType()!;
    const rootFields = Object.values(query.getFields()).filter((field) => ROOT_WEIGHTS[field.name]);
    const count = this.random.between(1, MAX_ROOT_FIELDS);
    const selections: string[] = [];
    for (let i = 0; i < count; i++) {
      const field = this.random.weighted(rootFields.map((f) => [f, ROOT_WEIGHTS[f.name]!] as const));
      selections.push(this.field(field, 1, 1));
    }
    if (this.random.chance(REVISIT_CHANCE)) {
      const revisit = this.revisit();
      if (revisit !== undefined) selections.splice(this.random.between(0, selections.length), 0, revisit);
    }
    const variableDefinitions = this.variables.length > 0 ? `(${this.variables.map((v) => `$${v.name}: ${v.type}`).join(', ')})` : '';
    const fragments = [...this.fragments.entries()].map(([name, f]) => `fragment ${name} on ${f.on} ${f.body}`);
    const operation = `query Fuzz${variableDefinitions} {\n  ${selections.join('\n  ')}\n}`;
    return {
      query: [operation, ...fragments].join('\n'),
      variables: Object.fromEntries(this.variables.map((v) => [v.name, v.value])),
    };
  }

  /** One field with its arguments, directives and (for a composite type) selection. */
  private field(field: GraphQLField<unknown, unknown>, depth: number, breadth: number): string {
    this.fields++;
    const named = getNamedType(field.type);
    const args = this.argumentsOf(field);
    const items = itemsOf(field, args);
    const hasArgs = args !== '';
    const alias = this.aliasAll || (hasArgs && this.random.chance(0.85)) || this.random.chance(0.25) ? `f${this.aliasCount++}: ` : '';
    const directive = this.random.chance(0.06) ? ` ${this.directive()}` : '';
    const selection = isLeafType(named) ? '' : ` ${this.selectionSet(named as Composite, depth + 1, breadth * items)}`;
    return `${alias}${field.name}${args}${directive}${selection}`;
  }

  /**
   * A root field that reaches an entity a root field already reached, by the other route: through a
   * relationship it is an end of, or by its id when a root field reached it as a relationship's end.
   * Its selection is fresh, but page arguments are reused (argumentsOf), so the same page is asked
   * for with other leaves.
   */
  private revisit(): string | undefined {
    const query = this.schema.getQueryType()!;
    const alias = `f${this.aliasCount++}: `;
    const byRelationship = this.pools.relationships.filter((r) => this.rootEntityIds.includes(r.from) || this.rootEntityIds.includes(r.to));
    if (byRelationship.length > 0 && (this.rootRelationships.length === 0 || this.random.chance(0.5))) {
      const relationship = this.random.pick(byRelationship);
      const end = this.rootEntityIds.includes(relationship.to) && (!this.rootEntityIds.includes(relationship.from) || this.random.chance(0.5)) ? 'to' : 'from';
      const endType = getNamedType(query.getFields()['relationship']!.type) as GraphQLObjectType;
      const entity = getNamedType(endType.getFields()[end]!.type) as Composite;
      this.fields++;
      return `${alias}relationship(id: ${JSON.stringify(relationship.id)}) { id ${end} ${this.revisitSelection(entity, 3)} }`;
    }
    if (this.rootRelationships.length > 0) {
      const relationship = this.random.pick(this.rootRelationships);
      const id = this.random.chance(0.5) ? relationship.from : relationship.to;
      const entity = getNamedType(query.getFields()['node']!.type) as Composite;
      this.fields++;
      return `${alias}node(id: ${JSON.stringify(id)}) ${this.revisitSelection(entity, 2)}`;
    }
    return undefined;
  }

  /**
   * A selection for an entity reached again: a page of its relationships with arguments a page in
   * the document already used, other leaves on the other ends (what one route fetched ahead must
   * not be served to the other), and, half the time, a fresh selection besides.
   */
  private revisitSelection(entity: Composite, depth: number): string {
    const relationships = isObjectType(entity) || isInterfaceType(entity) ? entity.getFields()['relationships'] : undefined;
    if (relationships === undefined) return this.selectionSet(entity, depth, 1);
    const used = this.argumentsUsed.get(signatureOf(relationships));
    const args = used ? this.random.pick(used) : this.argumentsOf(relationships);
    const connection = getNamedType(relationships.type) as GraphQLObjectType;
    const edge = getNamedType(connection.getFields()['edges']!.type) as GraphQLObjectType;
    const other = getNamedType(edge.getFields()['other']!.type) as GraphQLInterfaceType;
    const leaves = Object.values(other.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && f.name !== 'id');
    const picked = [...new Set(Array.from({ length: this.random.between(1, 3) }, () => this.random.pick(leaves).name))];
    this.fields += 4 + picked.length;
    const fresh = this.random.chance(0.5) ? ` ${this.selectionSet(entity, depth, 1).slice(2, -2)}` : '';
    const alias = this.aliasAll ? `f${this.aliasCount++}: ` : '';
    return `{ id ${alias}relationships${args} { edges { other { id ${picked.join(' ')} } } }${fresh} }`;
  }

  private directive(): string {
    const name = this.random.chance(0.5) ? 'include' : 'skip';
    if (this.random.chance(0.5)) return `@${name}(if: ${this.random.chance(0.5)})`;
    return `@${name}(if: ${this.variable('Boolean!', this.random.chance(0.5))})`;
  }

  private variable(type: string, value: unknown): string {
    const name = `v${this.variables.length}`;
    this.variables.push({ name, type, value });
    return `$${name}`;
  }

  /** A selection set on an object or abstract type: fields, inline fragments, named fragment spreads. */
  private selectionSet(type: Composite, depth: number, breadth: number): string {
    const parts: string[] = [];
    const abstract = isAbstractType(type);
    const wanted = this.random.between(1, widthAt(depth));
    for (let i = 0; i < wanted; i++) {
      const roll = this.random.next();
      if (abstract && roll < 0.3) parts.push(this.inlineFragment(type, depth, breadth));
      else if (roll < (abstract ? 0.42 : 0.1) && depth < MAX_DEPTH) parts.push(this.fragmentSpread(type, depth, breadth));
      else if (isObjectType(type) || isInterfaceType(type)) parts.push(this.field(this.pickField(type, depth, breadth), depth, breadth));
      else parts.push(this.inlineFragment(type, depth, breadth));
    }
    if (parts.length === 0 || (isAbstractType(type) && !isInterfaceType(type) && parts.every((p) => p.startsWith('...')) && this.random.chance(0.5))) parts.push('__typename');
    return `{ ${parts.join(' ')} }`;
  }

  private inlineFragment(type: Composite, depth: number, breadth: number): string {
    const possible = isAbstractType(type) ? this.schema.getPossibleTypes(type) : [type as GraphQLObjectType];
    const on = this.random.pick(possible);
    return `... on ${on.name} ${this.selectionSet(on, depth, breadth)}`;
  }

  /** A spread of a named fragment on this type (or one of its possible types), reused when one exists. */
  private fragmentSpread(type: Composite, depth: number, breadth: number): string {
    const candidates = isAbstractType(type) ? [type, ...this.schema.getPossibleTypes(type)] : [type];
    const on = this.random.pick(candidates) as Composite;
    const existing = [...this.fragments.entries()].filter(([name, f]) => f.on === on.name && !this.building.has(name));
    if (existing.length > 0 && this.random.chance(0.6)) return `...${this.random.pick(existing)[0]}`;
    const name = `F${this.fragments.size + this.building.size}_${on.name}`;
    this.building.add(name);
    const body = this.selectionSet(on, depth, breadth);
    this.building.delete(name);
    this.fragments.set(name, { on: on.name, body });
    return `...${name}`;
  }

  /**
   * A field of the type: leaves when deep or over budget; otherwise the fields that lead on through
   * the graph (relationships → edges → other → relationships …) are favoured, so chains run past the
   * look-ahead's depth.
   */
  private pickField(type: GraphQLObjectType | GraphQLInterfaceType, depth: number, breadth: number): GraphQLField<unknown, unknown> {
    const fields = Object.values(type.getFields());
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const composites = fields.filter((f) => !isLeafType(getNamedType(f.type)));
    const deep = depth >= MAX_DEPTH || this.fields >= MAX_FIELDS || breadth > MAX_BREADTH;
    if (deep || composites.length === 0 || (leaves.length > 0 && this.random.chance(depth <= 3 ? 0.35 : 0.3))) {
      return leaves.length > 0 ? this.random.pick(leaves) : (fields.find((f) => f.name === 'id') ?? fields[0]!);
    }
    for (const [name, chance] of CHAIN_FIELDS[type.name] ?? CHAIN_FIELDS['*']!) {
      const field = composites.find((f) => f.name === name);
      if (field && this.random.chance(chance)) return field;
    }
    return this.random.pick(composites);
  }

  private argumentsOf(field: GraphQLField<unknown, unknown>): string {
    // Keyed by the field's signature: `relationships` on Entity and on Person take the same arguments.
    const signature = signatureOf(field);
    const used = this.argumentsUsed.get(signature);
    if (used && this.random.chance(0.7)) return this.random.pick(used);
    const written = this.newArgumentsOf(field);
    if (written !== '') this.argumentsUsed.set(signature, [...(used ?? []), written]);
    return written;
  }

  private newArgumentsOf(field: GraphQLField<unknown, unknown>): string {
    const required = REQUIRED_ARGUMENTS[field.name] ?? [];
    const parts: string[] = [];
    // One direction per connection: forwards (first/after) mostly, backwards (last/before) sometimes;
    // mixing them is a client mistake the mistakes below already make (an invalid value).
    const backward = field.args.some((arg) => arg.name === 'last') && this.random.chance(0.15);
    const skipped = new Set(backward ? ['after'] : ['last', 'before']);
    // A dashboard's cursor is its own kind: no pool holds one.
    if (DASHBOARD_FIELDS.has(field.name)) skipped.add('after');
    for (const arg of field.args) {
      if (skipped.has(arg.name)) continue;
      const must = isNonNullType(arg.type) || required.includes(arg.name) || (backward && arg.name === 'last');
      if (!must && !this.random.chance(arg.name === 'first' ? 0.95 : arg.name === 'after' || arg.name === 'before' ? 0.1 : 0.3)) continue;
      const value = this.valueFor(field.name, arg.name, arg.type);
      if (value === undefined) continue;
      const asVariable = this.random.chance(0.2);
      parts.push(`${arg.name}: ${asVariable ? this.variable(String(arg.type), value) : literal(value, arg.type)}`);
    }
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  }

  /**
   * Each document starts from a few entities — a relationship's two ends and one more — and keeps
   * coming back to them, so that the same entity and the same page are reached by several routes.
   */
  private focus(): void {
    const relationship = this.random.pick(this.pools.relationships);
    this.idsUsed.push(relationship.from, relationship.to, this.random.pick(this.ids('Entity')));
  }

  private ids(typeName: string): string[] {
    return typeName === 'Entity' ? Object.values(this.pools.entityIds).flat() : (this.pools.entityIds[typeName] ?? []);
  }

  /** An id of the kind, often one the document already names. */
  private id(typeName: string): string {
    const pool = this.ids(typeName);
    if (this.idsUsed.length === 0) this.focus();
    const again = this.idsUsed.filter((id) => pool.includes(id));
    const id = again.length > 0 && this.random.chance(0.7) ? this.random.pick(again) : this.random.pick(pool);
    this.idsUsed.push(id);
    return id;
  }

  /** A value for an argument or input field, by its name first (ids, page sizes, cursors) and then its type. */
  private valueFor(fieldName: string, name: string, type: GraphQLInputType): unknown {
    const r = this.random;
    const named = getNamedType(type) as GraphQLNamedType;
    const list = isListType(isNonNullType(type) ? type.ofType : type);
    const mistake = r.chance(0.02);
    switch (name) {
      case 'id':
        if (fieldName === 'relationship') {
          if (mistake) return 'rel:fuzz-missing';
          const near = this.pools.relationships.filter((rel) => this.idsUsed.includes(rel.from) || this.idsUsed.includes(rel.to));
          const relationship = near.length > 0 && r.chance(0.7) ? r.pick(near) : r.pick(this.pools.relationships);
          this.idsUsed.push(relationship.from, relationship.to);
          this.rootRelationships.push(relationship);
          return relationship.id;
        }
        if (mistake) return 'fuzz:missing';
        {
          const id = this.id('Entity');
          if (fieldName === 'node') this.rootEntityIds.push(id);
          return id;
        }
      case 'ids':
        return Array.from({ length: r.between(fieldName === 'commonConnections' ? 2 : 1, 4) }, () => this.id('Entity'));
      case 'from': case 'to':
        if (named.name === 'ID') return this.id(fieldName === 'paths' || fieldName === 'commonConnections' ? 'Entity' : 'Account');
        break;
      case 'accountId':
        return mistake ? this.id('Person') : this.id('Account');
      case 'around':
        return this.id('Entity');
      case 'first':
        if (mistake) return r.pick([0, 101, -1]);
        return r.between(1, 3);
      case 'last':
        if (mistake) return r.pick([0, 101, -1]);
        return r.between(1, 3);
      case 'after': case 'before':
        if (mistake) return 'not-a-cursor';
        return r.pick(fieldName === 'relationships' ? this.pools.relationshipCursors : this.pools.listCursors);
      case 'text': {
        const text = r.pick(this.pools.names);
        return r.chance(0.3) && text.length > 4 ? text.slice(0, -1) : text;
      }
      case 'k': case 'depth': case 'maxHops': return r.between(1, 3);
      case 'limit': return r.between(3, 20);
      case 'maxAccounts': return r.between(2, 10);
      case 'minShared': return 2;
      case 'minCredibility': return r.between(1, 6);
      case 'minAmountUsd': case 'maxAmountUsd': return r.pick([0, 500, 50_000]);
      case 'source': case 'sources': return list ? [r.pick(this.ids('Source'))] : r.pick(this.ids('Source'));
    }
    return this.valueOfType(fieldName, type);
  }

  private valueOfType(fieldName: string, type: GraphQLInputType): unknown {
    const r = this.random;
    if (isNonNullType(type)) return this.valueOfType(fieldName, type.ofType);
    if (isListType(type)) {
      const items = Array.from({ length: r.between(1, 2) }, () => this.valueOfType(fieldName, type.ofType as GraphQLInputType));
      return items.some((item) => item === undefined) ? undefined : [...new Set(items)];
    }
    if (isEnumType(type)) return r.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const value: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (!isNonNullType(field.type) && !r.chance(0.35)) continue;
        const v = this.valueFor(fieldName, field.name, field.type);
        if (v !== undefined) value[field.name] = v;
      }
      return value;
    }
    switch (getNamedType(type).name) {
      case 'ID': return this.id('Entity');
      case 'String': return r.pick(this.pools.names);
      case 'Int': return r.between(1, 5);
      case 'Float': return r.pick([0, 1000, 100_000]);
      case 'Boolean': return r.chance(0.5);
      case 'DateTime': return r.pick(DATES);
      case 'Date': return r.pick(CALENDAR_DATES);
      case 'CountryCode': return r.pick(COUNTRIES);
      default: return undefined;
    }
  }
}

/** A field's name and argument types: `relationships` on Entity and on Person take the same arguments. */
function signatureOf(field: GraphQLField<unknown, unknown>): string {
  return `${field.name}(${field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(', ')})`;
}

/** A value as a GraphQL literal of its input type (enum values bare, strings quoted). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (value === null) return 'null';
  if (isListType(type)) return `[${(value as unknown[]).map((item) => literal(item, type.ofType as GraphQLInputType)).join(', ')}]`;
  if (isEnumType(type)) return String(value);
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${literal(v, fields[k]!.type)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** The document for `index` under `seed`: valid against the schema (regenerated with every field aliased if not). */
export function generateDocument(pools: FuzzPools, seed: number, index: number): FuzzCase {
  const schema = fuzzSchema();
  const generated = new DocumentBuilder(schema, pools, new Prng(seed * 1_000_003 + index), false).build();
  if (validate(schema, parse(generated.query)).length === 0) return generated;
  const aliased = new DocumentBuilder(schema, pools, new Prng(seed * 1_000_003 + index), true).build();
  const errors = validate(schema, parse(aliased.query));
  if (errors.length > 0) throw new Error(`generated an invalid document (seed ${seed}, index ${index}): ${errors[0]!.message}\n${aliased.query}`);
  return aliased;
}
