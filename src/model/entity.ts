/**
 * Model types: what the graph-query layer returns and what resolvers receive as parents (the codegen
 * mappers point here). Plain data, already converted from Neo4j values.
 */

/** The kinds of entity, as Neo4j labels (each node also carries the label `Entity`). */
export const ENTITY_LABELS = ['Person', 'Organization', 'ScamCentre', 'Location', 'Account', 'Operation', 'Source'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

export interface EntityModel {
  id: string;
  label: EntityLabel;
  name: string;
  aliases: string[];
  /** Every stored property, for kind-specific resolvers. */
  properties: Record<string, unknown>;
}
