import type { Node, Relationship } from 'neo4j-driver';
import {
  COMMON_ENTITY_PROPERTIES, ENTITY_LABELS, KINDS, type EntityLabel, RELATIONSHIPS, isRelationshipType, type EntityModel, type PropertySpecs,
  type RelationshipModel,
} from '../model/index.js';

/** Turns a Neo4j node into the model resolvers receive: list properties default to [], flags to false. */
export function toEntityModel(node: Node): EntityModel {
  const label = ENTITY_LABELS.find((l) => node.labels.includes(l));
  const properties = node.properties as Record<string, unknown>;
  if (!label) throw new Error(`Node ${String(properties['id'])} has none of the entity labels ${ENTITY_LABELS.join(', ')}`);
  return entityModelOf(label, properties);
}

/** The model of an entity from its label and (some or all of) its properties, e.g. a map projection. */
export function entityModelOf(label: EntityLabel, properties: Record<string, unknown>): EntityModel {
  return {
    ...withDefaults(properties, { ...COMMON_ENTITY_PROPERTIES, ...KINDS[label].properties }),
    id: String(properties['id']),
    label,
    name: typeof properties['name'] === 'string' ? properties['name'] : '',
    aliases: stringList(properties['aliases']),
    sourceIds: stringList(properties['sourceIds']),
    grades: stringList(properties['grades']),
  };
}

/** Turns a Neo4j relationship (with the ids of its ends) into the model resolvers receive. */
export function toRelationshipModel(relationship: Relationship, fromId: string, toId: string): RelationshipModel {
  return relationshipModelOf(relationship.type, relationship.properties as Record<string, unknown>, fromId, toId);
}

/** The model of a relationship from its type and (some or all of) its properties. */
export function relationshipModelOf(type: string, properties: Record<string, unknown>, fromId: string, toId: string): RelationshipModel {
  if (!isRelationshipType(type)) throw new Error(`Relationship type ${type} is not in the domain model`);
  return {
    ...withDefaults(properties, RELATIONSHIPS[type].properties),
    id: String(properties['id']),
    type,
    fromId,
    toId,
    sortKey: String(properties['sortKey'] ?? properties['id']),
    sourceIds: stringList(properties['sourceIds']),
    grades: stringList(properties['grades']),
  };
}

function withDefaults(properties: Record<string, unknown>, specs: PropertySpecs): Record<string, unknown> {
  const result: Record<string, unknown> = { ...properties };
  for (const [name, spec] of Object.entries(specs)) {
    if (result[name] !== undefined && result[name] !== null) continue;
    if (spec.type === 'strings' || spec.type === 'enums' || spec.type === 'countries') result[name] = [];
    else if (spec.type === 'boolean') result[name] = false;
    else result[name] = null;
  }
  return result;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
