import type { EntityModel, RelationshipModel } from './entity.js';

/** Results of investigator queries, as the graph layer returns them. */
export interface PathStepModel {
  relationship: RelationshipModel;
  from: EntityModel;
  to: EntityModel;
  forward: boolean;
}

export interface PathModel {
  nodes: EntityModel[];
  steps: PathStepModel[];
}

export interface SubgraphModel {
  nodes: EntityModel[];
  relationships: RelationshipModel[];
  truncated: boolean;
}

export interface TrailAccountModel {
  account: EntityModel;
  hops: number;
  amountUsd: number;
  /** Of amountUsd, what proportional tracing attributes to the origin (null when the selection did not ask). */
  tracedAmountUsd: number | null;
  at: string | null;
  transferCount: number;
}

export interface MoneyTrailModel {
  origin: EntityModel;
  direction: 'DOWNSTREAM' | 'UPSTREAM';
  accounts: TrailAccountModel[];
  transfers: RelationshipModel[];
  cycles: RelationshipModel[];
  totalAmountUsd: number;
  truncated: boolean;
}

export interface CommonConnectionModel {
  entity: EntityModel;
  sharedBy: number;
  links: PathModel[];
}

export type SearchMatchModel = 'IDENTIFIER' | 'IDENTIFIER_START' | 'IDENTIFIER_END' | 'IDENTIFIER_PART' | 'TEXT';

export interface SearchHitModel {
  entity: EntityModel;
  match: SearchMatchModel;
  score: number;
}

/** A scam centre and its distance from the point asked about (`scamCentresNear`). */
export interface ScamCentreDistanceModel {
  scamCentre: EntityModel;
  distanceKm: number;
}

export interface NationalityCountModel {
  countryId: string | null;
  countryCode: string | null;
  /** Null when suppressed (a small bucket, for roles below investigator). */
  victims: number | null;
  suppressed: boolean;
}

export interface BrokerModel {
  entity: EntityModel;
  betweenness: number;
  degree: number;
}

export interface BrokerRankingModel {
  brokers: BrokerModel[];
  nodeCount: number;
  relationshipCount: number;
  sampled: boolean;
}
