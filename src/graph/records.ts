import type { Node, Relationship } from 'neo4j-driver';
import {
  ENTITY_LABELS, ENTITY_PROPERTY_SPECS, type EntityLabel, RELATIONSHIPS, isRelationshipType, type EntityModel, type PropertySpecs,
  type RelationshipModel, type RelationshipType,
} from '../model/index.js';

/** Turns a Neo4j node into the model resolvers receive: list properties default to [], flags to false. */
export function toEntityModel(node: Node): EntityModel {
  const label = ENTITY_LABELS.find((l) => node.labels.includes(l));
  const properties = node.properties as Record<string, unknown>;
  if (!label) throw new Error(`Node ${String(properties['id'])} has none of the entity labels ${ENTITY_LABELS.join(', ')}`);
  return entityModelOf(label, properties);
}

/**
 * The model of an entity from its label and (some or all of) its properties, e.g. a map projection.
 * Takes ownership of `properties` (fresh from a driver record) and completes it in place: models
 * are built for every row of every read, so this path allocates as little as it can.
 */
export function entityModelOf(label: EntityLabel, properties: Record<string, unknown>, columns: readonly string[] | 'all' = 'all'): EntityModel {
  // A projection's model serves only the spot that read those columns: defaults for them alone.
  const model = columns === 'all' ? fillDefaults(properties, ENTITY_DEFAULTS[label]) : fillColumnDefaults(properties, columns, ENTITY_DEFAULT_OF[label]);
  model['id'] = String(properties['id']);
  model['label'] = label;
  if (typeof model['name'] !== 'string') model['name'] = '';
  model['aliases'] = stringList(properties['aliases']);
  model['sourceIds'] = stringList(properties['sourceIds']);
  model['grades'] = stringList(properties['grades']);
  return model as EntityModel;
}

/** Turns a Neo4j relationship (with the ids of its ends) into the model resolvers receive. */
export function toRelationshipModel(relationship: Relationship, fromId: string, toId: string): RelationshipModel {
  return relationshipModelOf(relationship.type, relationship.properties as Record<string, unknown>, fromId, toId);
}

/** The model of a relationship from its type and (some or all of) its properties; takes ownership of `properties` too. */
export function relationshipModelOf(type: string, properties: Record<string, unknown>, fromId: string, toId: string): RelationshipModel {
  if (!isRelationshipType(type)) throw new Error(`Relationship type ${type} is not in the domain model`);
  const model = fillDefaults(properties, RELATIONSHIP_DEFAULTS[type]);
  model['id'] = String(properties['id']);
  model['type'] = type;
  model['fromId'] = fromId;
  model['toId'] = toId;
  model['sortKey'] = String(properties['sortKey'] ?? properties['id']);
  model['sourceIds'] = stringList(properties['sourceIds']);
  model['grades'] = stringList(properties['grades']);
  return model as RelationshipModel;
}

/**
 * The model of a relationship a look-ahead page holds but no field of the query reads (a tree of
 * `other { … }` reads only the ends): no properties, one allocation, for thousands of edges a request.
 */
export function unreadRelationshipModelOf(type: string, fromId: string, toId: string): RelationshipModel {
  if (!isRelationshipType(type)) throw new Error(`Relationship type ${type} is not in the domain model`);
  return { id: '', type, fromId, toId, sortKey: '', sourceIds: NO_STRINGS, grades: NO_STRINGS };
}

/** What an absent property reads as: [] for lists (the shared frozen NO_STRINGS), false for flags, null otherwise. */
type Default = 'list' | 'false' | 'null';

function defaultsOf(specs: PropertySpecs): ReadonlyArray<readonly [string, Default]> {
  return Object.entries(specs).map(([name, spec]) => [
    name,
    spec.type === 'strings' || spec.type === 'enums' || spec.type === 'countries' ? 'list' : spec.type === 'boolean' ? 'false' : 'null',
  ] as const);
}

const ENTITY_DEFAULTS = Object.fromEntries(
  ENTITY_LABELS.map((label) => [label, defaultsOf(ENTITY_PROPERTY_SPECS[label])]),
) as Record<EntityLabel, ReturnType<typeof defaultsOf>>;
const ENTITY_DEFAULT_OF = Object.fromEntries(
  ENTITY_LABELS.map((label) => [label, new Map<string, Default>(ENTITY_DEFAULTS[label])]),
) as unknown as Record<EntityLabel, ReadonlyMap<string, Default>>;
const RELATIONSHIP_DEFAULTS = Object.fromEntries(
  Object.entries(RELATIONSHIPS).map(([type, spec]) => [type, defaultsOf(spec.properties)]),
) as Record<RelationshipType, ReturnType<typeof defaultsOf>>;

function fillDefaults(properties: Record<string, unknown>, defaults: ReturnType<typeof defaultsOf>): Record<string, unknown> {
  for (const [name, fallback] of defaults) {
    if (properties[name] !== undefined && properties[name] !== null) continue;
    properties[name] = fallback === 'list' ? NO_STRINGS : fallback === 'false' ? false : null;
  }
  return properties;
}

function fillColumnDefaults(properties: Record<string, unknown>, columns: readonly string[], defaults: ReadonlyMap<string, Default>): Record<string, unknown> {
  for (const name of columns) {
    if (properties[name] !== undefined && properties[name] !== null) continue;
    const fallback = defaults.get(name);
    if (fallback !== undefined) properties[name] = fallback === 'list' ? NO_STRINGS : fallback === 'false' ? false : null;
  }
  return properties;
}

/**
 * The list an absent list property reads as. Shared and frozen: models are built by the thousand
 * per request and nothing may change a model's lists.
 */
const NO_STRINGS = Object.freeze([]) as unknown as string[];

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return NO_STRINGS;
  return value.every((item) => typeof item === 'string') ? (value as string[]) : value.map(String);
}
