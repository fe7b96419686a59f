import type { RelationshipType } from './domain.js';

/**
 * Model types: what the graph-query layer returns and what resolvers receive as parents (the codegen
 * mappers point here). Plain data, already converted from Neo4j values; property names equal GraphQL
 * field names, so most fields resolve by default.
 */

/** The kinds of entity, as Neo4j labels (each node also carries the label `Entity`). */
export const ENTITY_LABELS = ['Person', 'Organization', 'ScamCentre', 'Location', 'Account', 'Operation', 'Source'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

/**
 * The graph as it stood on a date (`asOf`: only what was true then — relationships by their dates
 * and ends, compounds from first seen, operations from their start) and as it was known at an
 * instant (`knownAsOf`: only facts recorded by then, by their `createdAt` stamp). Null: no limit.
 */
export interface TimeLens {
  asOf: string | null;
  knownAsOf: string | null;
}

/** Provenance as stored: parallel lists, one grade (`B2`) per source id. */
export interface Provenance {
  sourceIds: string[];
  grades: string[];
}

export interface EntityModel extends Provenance {
  id: string;
  label: EntityLabel;
  name: string;
  aliases: string[];
  /**
   * Relationship pages fetched ahead, in the same round trip as this entity, because the query
   * asked for them (see src/graph/prefetch.ts); keyed by the page's arguments.
   */
  prefetched?: PrefetchedPages;
  /**
   * Set when the model holds only the properties one spot of a query selected (a projection made by
   * the look-ahead): right for that spot, wrong for any other, so it is never cached for the request.
   */
  projected?: boolean;
  /**
   * The time lens it was read through, when not the present graph: its relationships, and the
   * entities they lead to, are read through the same lens.
   */
  lens?: TimeLens;
  /** Kind-specific properties, by GraphQL field name. */
  [property: string]: unknown;
}

/** An entity's protected properties (PROTECTED_PROPERTIES), and nothing else, for the roles that may read them. */
export type ProtectedFieldsModel = Readonly<Record<string, unknown>>;

/** Pages fetched ahead with an entity, by page key (relationshipPageKey): a Map, or one page alone. */
export interface PrefetchedPages {
  get(key: string): PrefetchedPage | undefined;
}

/** One entity's page of relationships, fetched ahead of its resolver. */
export interface PrefetchedPage {
  edges: RelationshipEdgeModel[];
  /**
   * Null when it was not read ahead: no spot of the query that asked for this page reads its
   * pageInfo, so the statement read `first` rows, not one more (and none of the extra row's subtree).
   */
  hasNextPage: boolean | null;
  /** Present when the query asked for the connection's totalCount. */
  totalCount: number | null;
}

export interface RelationshipModel extends Provenance {
  id: string;
  type: RelationshipType;
  fromId: string;
  toId: string;
  /** Order within an entity's relationships: date or journey order, then id. */
  sortKey: string;
  /** Its ends, where they were fetched with it (the look-ahead's other end, a transfer list's accounts). */
  fetchedFrom?: EntityModel;
  fetchedTo?: EntityModel;
  /** The time lens it was read through (as on EntityModel): its ends are shown through it too. */
  lens?: TimeLens;
  [property: string]: unknown;
}

/** One relationship seen from one of its ends. */
export interface RelationshipEdgeModel {
  direction: 'OUTGOING' | 'INCOMING';
  relationship: RelationshipModel;
  other: EntityModel;
}

/** A page of a connection, before cursors are encoded. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  /** Counted only when a client asks for totalCount. */
  totalCount: () => Promise<number>;
}
