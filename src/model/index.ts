export { ENTITY_LABELS } from './entity.js';
export type { EntityLabel, EntityModel, Page, PrefetchedPage, PrefetchedPages, ProtectedFieldsModel, Provenance, RelationshipEdgeModel, RelationshipModel, TimeLens } from './entity.js';
export { COMMON_ENTITY_PROPERTIES, DERIVED_LABELS, ENTITY_PROPERTY_SPECS, KINDS, PROTECTED_PROPERTIES, RELATIONSHIPS, RELATIONSHIP_TYPES, isRelationshipType } from './domain.js';
export type { KindSpec, PropertySpec, PropertySpecs, RelationshipSpec, RelationshipType } from './domain.js';
export * from './vocabularies.js';
export { countryCodeProblem, isCountryCode } from './countries.js';
export { IDENTIFIER_FRAGMENT_MIN, IDENTIFIER_TEXT, PROTECTED_IDENTIFIER_TEXT, identifierKey, identifierProperties, identifierText } from './identifierKeys.js';
export { ROLES, isRole, roleAtLeast, type Role, type Viewer } from './roles.js';
export type {
  ConnectionModel, EntityConnectionModel, EntityEdgeModel, GradeModel, PageInfoModel, RelationshipConnectionModel,
  TransferConnectionModel, TransferEdgeModel,
} from './connections.js';
export type {
  BrokerModel, BrokerRankingModel, CommonConnectionModel, MoneyTrailModel, NationalityCountModel, PathModel, PathStepModel,
  SearchHitModel, SubgraphModel, TrailAccountModel, ScamCentreDistanceModel,
} from './investigations.js';
export {
  citedSources, derivedLabelsOf, derivedLabelsOfKind, endAllows, endsProblem, kindConflict, kindOf, missingEnds, missingSources, readingThatFits,
  relationshipIdTaken, sameLink, settleCitations,
} from './integrityRules.js';
export type { Citing, End, EndFacts, EndRefusal } from './integrityRules.js';
export { WATCH_RULE_KINDS } from './watch.js';
export type { AlertModel, AlertStatus, NewWatchRule, RaisedAlert, WatchRuleFields, WatchRuleKind, WatchRuleModel, WrittenRelationship } from './watch.js';
