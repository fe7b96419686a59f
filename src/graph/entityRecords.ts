import type { Node } from 'neo4j-driver';
import { ENTITY_LABELS, type EntityLabel, type EntityModel } from '../model/index.js';

/** Turns a Neo4j node into the model every resolver receives. */
export function toEntityModel(node: Node): EntityModel {
  const label = ENTITY_LABELS.find((l) => node.labels.includes(l));
  if (!label) throw new Error(`Node ${String(node.properties['id'])} has none of the entity labels ${ENTITY_LABELS.join(', ')}`);
  const properties = node.properties as Record<string, unknown>;
  return {
    id: String(properties['id']),
    label: label satisfies EntityLabel,
    name: typeof properties['name'] === 'string' ? properties['name'] : '',
    aliases: Array.isArray(properties['aliases']) ? properties['aliases'].map(String) : [],
    properties,
  };
}
