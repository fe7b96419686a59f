import { COMMON_ENTITY_PROPERTIES, KINDS, RELATIONSHIPS } from '../model/index.js';

/**
 * Projections: reading only the stored properties a selection reads (the look-ahead, the money
 * trail, the transfer list), so Neo4j reads and sends, and the driver decodes, no more than that.
 */

/** Property names to project (only those of the domain model), or every stored property. */
export type Properties = ReadonlySet<string> | 'all';

/** What every model needs whatever the query selects: identity, and the order of relationships (cursors). */
export const ENTITY_BASE_PROPERTIES = ['id'];
export const RELATIONSHIP_BASE_PROPERTIES = ['id', 'sortKey'];
/** The recorded-at stamp every write sets (`recordedAt` in the schema; what `knownAsOf` compares). */
const RECORDED_AT = 'createdAt';
export const ENTITY_PROPERTY_NAMES = new Set([
  ...ENTITY_BASE_PROPERTIES, 'name', 'aliases', 'sourceIds', 'grades', RECORDED_AT, ...Object.keys(COMMON_ENTITY_PROPERTIES), ...Object.values(KINDS).flatMap((kind) => Object.keys(kind.properties)),
]);
export const RELATIONSHIP_PROPERTY_NAMES = new Set([
  ...RELATIONSHIP_BASE_PROPERTIES, 'sourceIds', 'grades', RECORDED_AT, ...Object.values(RELATIONSHIPS).flatMap((spec) => Object.keys(spec.properties)),
]);

/** Whether a name is a stored entity / relationship property of the domain model (so it may be projected). */
export const isEntityProperty = (name: string) => ENTITY_PROPERTY_NAMES.has(name);
export const isRelationshipProperty = (name: string) => RELATIONSHIP_PROPERTY_NAMES.has(name);

/**
 * `v {.id, .name, …}`: only the properties the query reads, so Neo4j reads and sends, and the driver
 * decodes, no more than that. Names come from the domain model's lists, never from request text.
 */
function mapProjection(variable: string, properties: Properties, base: readonly string[], known: ReadonlySet<string>): string {
  if (properties === 'all') return `${variable} {.*}`;
  const names = new Set([...base, ...properties]);
  for (const name of names) if (!known.has(name)) throw new Error(`${name} is not a property of the domain model`);
  return `${variable} {${[...names].map((name) => `.${name}`).join(', ')}}`;
}

/** `v {.id, …}` over an entity variable: the properties a selection reads (propertiesRead), its identity always. */
export function entityProjection(variable: string, properties: Properties, base: readonly string[] = []): string {
  return mapProjection(variable, properties, [...ENTITY_BASE_PROPERTIES, ...base], ENTITY_PROPERTY_NAMES);
}

/** `r {.id, …}` over a relationship variable, as entityProjection. */
export function relationshipProjection(variable: string, properties: Properties, base: readonly string[] = []): string {
  return mapProjection(variable, properties, [...RELATIONSHIP_BASE_PROPERTIES, ...base], RELATIONSHIP_PROPERTY_NAMES);
}

/**
 * Property names sent as a list of values in this order, or 'all' (the whole map). Rows are lists,
 * not maps, where they come back by the hundred: a map sends and decodes every key with every row.
 */
export type Columns = readonly string[] | 'all';

/** The columns a projection of `properties` sends: the base ones first; names only from the domain model. */
export function columnsOf(properties: Properties, base: readonly string[], known: ReadonlySet<string>): Columns {
  if (properties === 'all') return 'all';
  const names = [...new Set([...base, ...properties])];
  for (const name of names) if (!known.has(name)) throw new Error(`${name} is not a property of the domain model`);
  return names;
}

/**
 * The values of the columns as a row's expressions (`n1.id, n1.name, …`, or `n1 {.*}` for all; names
 * from the domain model's lists, never from request text).
 */
export function rowColumns(variable: string, columns: Columns): string[] {
  return columns === 'all' ? [`${variable} {.*}`] : columns.map((name) => `${variable}.${name}`);
}

/** How many of a row's values `rowColumns` spent. */
export function rowWidth(columns: Columns): number {
  return columns === 'all' ? 1 : columns.length;
}

/** The property map of the values `rowColumns` put in a row from `offset`; a fresh object the model may own. */
export function rowProperties(columns: Columns, row: readonly unknown[], offset: number): Record<string, unknown> {
  if (columns === 'all') return row[offset] as Record<string, unknown>;
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) properties[columns[i]!] = row[offset + i];
  return properties;
}
