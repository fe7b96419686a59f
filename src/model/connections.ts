import type { EntityModel, RelationshipEdgeModel, RelationshipModel } from './entity.js';

/** What connection resolvers receive: edges with cursors, page info, and a lazy total. */
export interface PageInfoModel {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface ConnectionModel<Edge> {
  edges: Edge[];
  pageInfo: PageInfoModel;
  /** Counted only when the client asks for totalCount (one more round trip). */
  totalCount: () => Promise<number>;
}

export interface EntityEdgeModel {
  cursor: string;
  node: EntityModel;
}

export interface TransferEdgeModel {
  cursor: string;
  node: RelationshipModel;
}

export type EntityConnectionModel = ConnectionModel<EntityEdgeModel>;
/** Edges of an entity's relationships: the cursor is encoded only when asked for (there may be thousands of edges). */
export type RelationshipConnectionModel = ConnectionModel<RelationshipEdgeModel>;
export type TransferConnectionModel = ConnectionModel<TransferEdgeModel>;

/** One source's grade of a fact, parsed from the stored `B2` form. */
export interface GradeModel {
  sourceId: string;
  reliability: string;
  credibility: number;
  code: string;
}
