import type { RelationshipType } from './domain.js';
import type { EntityModel, RelationshipModel } from './entity.js';
import type { Role } from './roles.js';

/**
 * Watch rules and alerts: a subject's standing questions about new facts, and the matches. They are
 * not part of the network (no `:Entity` label): nodes `:WatchRule` and `:Alert`, never returned by
 * lists, search, exports, dashboards or counts of the graph.
 */
export const WATCH_RULE_KINDS = [
  'TRANSFER_ON_ACCOUNT',
  'NEW_LINK_TO_ENTITY',
  'NEW_VICTIM_AT_CENTRE_IN_COUNTRY',
  'LARGE_INFLOW_TO_ACCOUNT_LINKED_TO_FLAGGED',
] as const;
export type WatchRuleKind = (typeof WATCH_RULE_KINDS)[number];

export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED';

/** What a rule asks: its kind and that kind's fields (the others null). */
export interface WatchRuleFields {
  kind: WatchRuleKind;
  name: string | null;
  accountId: string | null;
  entityId: string | null;
  relationshipTypes: RelationshipType[] | null;
  countryCode: string | null;
  minAmountUsd: number | null;
}

/** A rule to store: what it asks, and whose it is. */
export interface NewWatchRule extends WatchRuleFields {
  owner: string;
  /** The owner's role when the rule was saved: evaluation raises nothing this role could not see. */
  ownerRole: Role;
}

/** A rule as stored. `targetId` is what the rule is looked up by: the account, the entity or the country. */
export interface WatchRuleModel extends NewWatchRule {
  id: string;
  createdAt: string;
}

/** An alert as stored: the ids of its facts, read through the reader's role when it is shown. */
export interface AlertModel {
  id: string;
  owner: string;
  ruleId: string;
  raisedAt: string;
  status: AlertStatus;
  acknowledgedAt: string | null;
  relationshipIds: string[];
  entityIds: string[];
  /** Once read for a request (src/resolvers/watchResolvers.ts): its rule and its facts as the request's role sees them. */
  shown?: { rule: WatchRuleModel; relationships: RelationshipModel[]; entities: EntityModel[] };
}

/** A relationship a write or an import batch has just written: what the rules are evaluated against. */
export interface WrittenRelationship {
  id: string;
  type: RelationshipType;
  from: string;
  to: string;
}

/** An alert just raised, for the subscription: who it is for and its id. */
export interface RaisedAlert {
  id: string;
  owner: string;
}
