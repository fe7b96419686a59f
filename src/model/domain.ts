import { ENTITY_LABELS, type EntityLabel } from './entity.js';
import {
  ACCOUNT_TYPES, AGE_BANDS, CLAIM_MEASURES, CONTROL_METHODS, GENDERS, JOURNEY_STAGES, LOCATION_TYPES, ORGANIZATION_TYPES, PERSON_ROLES,
  RECRUITMENT_CHANNELS, RECRUITMENT_METHODS, RELIABILITIES, SCAM_CENTRE_STATUSES, SCAM_TYPES,
} from './vocabularies.js';

/**
 * The domain model as data: for each kind of entity and each relationship type, the properties it
 * stores (with their types, for validation) and how it may connect. Writes, imports and reads all
 * follow this one description, so a property added here is validated everywhere alike.
 * Property names equal GraphQL field names; enum values are stored as their GraphQL names.
 */
export type PropertySpec =
  | { type: 'string'; maxLength?: number; protected?: boolean }
  | { type: 'strings'; protected?: boolean }
  | { type: 'int'; min?: number }
  | { type: 'float'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'date'; protected?: boolean }
  | { type: 'datetime' }
  | { type: 'country' }
  | { type: 'countries' }
  | { type: 'url' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'enums'; values: readonly string[] };

export type PropertySpecs = Readonly<Record<string, PropertySpec>>;

export interface KindSpec {
  label: EntityLabel;
  properties: PropertySpecs;
  /** Properties copied into `identifiers` so that fulltext search finds IBANs, wallet addresses... */
  identifierProperties: readonly string[];
  /**
   * Protected properties that identify (phones, document numbers): searchable by fragment only by
   * the roles that may read them (src/model/identifierKeys.ts).
   */
  protectedIdentifierProperties?: readonly string[];
  /**
   * The date property from which the entity exists (a compound from when it was first seen, an
   * operation from its start): before it, the graph as of a date does not hold it (TimeLens).
   */
  existsFrom?: string;
}

/** Common to every entity (besides id, name, aliases and provenance). */
/**
 * Labels derived from a property, kept in step with it on every write: a label is what Neo4j scans
 * fast (a role is a value inside a list property, which no index serves). Dashboards count victims
 * over the whole graph, so trafficking victims carry `:TraffickingVictim`; and victims do not exist
 * for a viewer on any read (src/policy/visibility.ts), a label test on every node, so fraud victims
 * carry `:FraudVictim` as well.
 */
export const DERIVED_LABELS = {
  TraffickingVictim: { kind: 'Person', property: 'roles', value: 'TRAFFICKING_VICTIM' },
  FraudVictim: { kind: 'Person', property: 'roles', value: 'FRAUD_VICTIM' },
} as const satisfies Record<string, { kind: EntityLabel; property: string; value: string }>;

export const COMMON_ENTITY_PROPERTIES: PropertySpecs = {
  description: { type: 'string', maxLength: 4000 },
  illustrative: { type: 'boolean' },
  topics: { type: 'strings' },
};

export const KINDS: Readonly<Record<EntityLabel, KindSpec>> = {
  Person: {
    label: 'Person',
    properties: {
      roles: { type: 'enums', values: PERSON_ROLES },
      gender: { type: 'enum', values: GENDERS },
      ageBand: { type: 'enum', values: AGE_BANDS },
      pseudonymous: { type: 'boolean' },
      // Protected: read only through `Person.protected`, by investigators and above (PROTECTED_PROPERTIES).
      legalName: { type: 'string', maxLength: 300, protected: true },
      birthDate: { type: 'date', protected: true },
      phones: { type: 'strings', protected: true },
      documentNumbers: { type: 'strings', protected: true },
    },
    identifierProperties: [],
    protectedIdentifierProperties: ['phones', 'documentNumbers'],
  },
  Organization: {
    label: 'Organization',
    properties: {
      orgType: { type: 'enum', values: ORGANIZATION_TYPES },
      jurisdiction: { type: 'country' },
      website: { type: 'url' },
    },
    identifierProperties: ['website'],
  },
  ScamCentre: {
    label: 'ScamCentre',
    existsFrom: 'firstSeen',
    properties: {
      status: { type: 'enum', values: SCAM_CENTRE_STATUSES },
      scamTypes: { type: 'enums', values: SCAM_TYPES },
      estimatedWorkforce: { type: 'int', min: 0 },
      firstSeen: { type: 'date' },
      lastSeen: { type: 'date' },
      latitude: { type: 'float', min: -90, max: 90 },
      longitude: { type: 'float', min: -180, max: 180 },
    },
    identifierProperties: [],
  },
  Location: {
    label: 'Location',
    properties: {
      locationType: { type: 'enum', values: LOCATION_TYPES },
      countryCode: { type: 'country' },
      latitude: { type: 'float', min: -90, max: 90 },
      longitude: { type: 'float', min: -180, max: 180 },
    },
    identifierProperties: [],
  },
  Account: {
    label: 'Account',
    properties: {
      accountType: { type: 'enum', values: ACCOUNT_TYPES },
      identifier: { type: 'string', maxLength: 200 },
      currency: { type: 'string', maxLength: 12 },
      chain: { type: 'string', maxLength: 40 },
      institution: { type: 'string', maxLength: 300 },
      flagged: { type: 'boolean' },
    },
    identifierProperties: ['identifier'],
  },
  Operation: {
    label: 'Operation',
    existsFrom: 'startDate',
    properties: {
      agency: { type: 'string', maxLength: 300 },
      startDate: { type: 'date' },
      endDate: { type: 'date' },
      countriesInvolved: { type: 'countries' },
      countriesInvolvedCount: { type: 'int', min: 0 },
      arrests: { type: 'int', min: 0 },
      victimsIdentified: { type: 'int', min: 0 },
      hotspotsInspected: { type: 'int', min: 0 },
    },
    identifierProperties: [],
  },
  Source: {
    label: 'Source',
    properties: {
      publisher: { type: 'string', maxLength: 300 },
      url: { type: 'url' },
      publishedAt: { type: 'date' },
      defaultReliability: { type: 'enum', values: RELIABILITIES },
    },
    identifierProperties: ['url'],
  },
};

/**
 * The properties each kind marks `protected` (identity fields of people): the API shows them only
 * under the kind's `protected` field, to the roles allowed to read them, and the look-ahead reads
 * exactly these when a selection asks for that field. Derived from the flags, so a property marked
 * protected is protected everywhere.
 */
export const PROTECTED_PROPERTIES = Object.fromEntries(
  ENTITY_LABELS.map((label) => [label, Object.entries(KINDS[label].properties).filter(([, spec]) => 'protected' in spec && spec.protected === true).map(([name]) => name)]),
) as unknown as Readonly<Record<EntityLabel, readonly string[]>>;

/** Every property an entity of a kind may have: the common ones and its kind's own. */
export const ENTITY_PROPERTY_SPECS: Readonly<Record<EntityLabel, PropertySpecs>> = Object.fromEntries(
  Object.entries(KINDS).map(([label, kind]) => [label, { ...COMMON_ENTITY_PROPERTIES, ...kind.properties }]),
) as Record<EntityLabel, PropertySpecs>;

export const RELATIONSHIP_TYPES = [
  'RECRUITED', 'TRAVELLED_TO', 'HELD_AT', 'NATIONAL_OF', 'OPERATES', 'MEMBER_OF', 'LOCATED_IN', 'HOLDS', 'TRANSFERRED',
  'LINKED_TO', 'DEFRAUDED', 'TARGETED', 'ARRESTED', 'RESCUED', 'CONDUCTED', 'CLAIMED', 'ASSOCIATED_WITH',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** GraphQL types implementing `Relationship`, one per relationship type. */
export type RelationshipGraphQLType =
  | 'Recruitment' | 'JourneyStop' | 'Confinement' | 'Nationality' | 'Operatorship' | 'Membership' | 'Placement'
  | 'Holding' | 'Transfer' | 'Attribution' | 'Fraud' | 'Targeting' | 'Arrest' | 'Rescue' | 'Conduct' | 'Claim' | 'Association';

export interface RelationshipSpec {
  type: RelationshipType;
  /** The GraphQL type implementing `Relationship` for this relationship type. */
  graphqlType: RelationshipGraphQLType;
  from: readonly EntityLabel[];
  to: readonly EntityLabel[];
  properties: PropertySpecs;
  /** The property that dates it, for time windows and chronological order. */
  dateProperty?: string;
  /** Property whose value orders relationships of this type before the date (journey stops). */
  orderProperty?: string;
  /**
   * For a state that lasts (a confinement, an association): the date it ended. As of a later date it
   * no longer holds (TimeLens); a relationship without one is an event, true from its date on.
   */
  endProperty?: string;
  /** When the `to` end is a Location, the location types it may have (a nationality is a country). */
  toLocationTypes?: readonly string[];
}

/**
 * Common to every relationship (besides id, ends and provenance). `illustrative` as on entities: a
 * link that stands for what the sources describe (one arrest for hundreds, a recruiter the sources do
 * not name) rather than one they report, so it never reads as a reported fact.
 */
export const COMMON_RELATIONSHIP_PROPERTIES: PropertySpecs = {
  illustrative: { type: 'boolean' },
};

const relationship = (spec: RelationshipSpec): RelationshipSpec => ({ ...spec, properties: { ...spec.properties, ...COMMON_RELATIONSHIP_PROPERTIES } });

/**
 * Largest amount one transfer may carry (in its currency, or in US dollars): 10^15 units. Dashboards
 * sum amounts as 64-bit integers of whole units (src/graph/tallies.ts), so this keeps thousands of the
 * largest transfers in one month within range; no real transfer comes near it.
 */
export const TRANSFER_AMOUNT_MAX = 1e15;

export const RELATIONSHIPS: Readonly<Record<RelationshipType, RelationshipSpec>> = {
  RECRUITED: relationship({
    type: 'RECRUITED', graphqlType: 'Recruitment', from: ['Person'], to: ['Person'], dateProperty: 'date',
    properties: {
      date: { type: 'date' },
      method: { type: 'enum', values: RECRUITMENT_METHODS },
      channel: { type: 'enum', values: RECRUITMENT_CHANNELS },
      promisedJob: { type: 'string', maxLength: 300 },
      promisedMonthlyPayUsd: { type: 'float', min: 0 },
    },
  }),
  TRAVELLED_TO: relationship({
    type: 'TRAVELLED_TO', graphqlType: 'JourneyStop', from: ['Person'], to: ['Location'], dateProperty: 'date', orderProperty: 'seq',
    properties: {
      seq: { type: 'int', min: 1 },
      date: { type: 'date' },
      stage: { type: 'enum', values: JOURNEY_STAGES },
    },
  }),
  HELD_AT: relationship({
    type: 'HELD_AT', graphqlType: 'Confinement', from: ['Person'], to: ['ScamCentre'], dateProperty: 'heldFrom', endProperty: 'heldUntil',
    properties: {
      heldFrom: { type: 'date' },
      heldUntil: { type: 'date' },
      controlMethods: { type: 'enums', values: CONTROL_METHODS },
      forcedActivity: { type: 'string', maxLength: 300 },
    },
  }),
  NATIONAL_OF: relationship({
    type: 'NATIONAL_OF', graphqlType: 'Nationality', from: ['Person'], to: ['Location'], toLocationTypes: ['COUNTRY'], properties: {},
  }),
  OPERATES: relationship({
    type: 'OPERATES', graphqlType: 'Operatorship', from: ['Person', 'Organization'], to: ['ScamCentre', 'Organization'],
    properties: { role: { type: 'string', maxLength: 200 } },
  }),
  MEMBER_OF: relationship({
    type: 'MEMBER_OF', graphqlType: 'Membership', from: ['Person', 'Organization'], to: ['Organization'],
    properties: { role: { type: 'string', maxLength: 200 } },
  }),
  LOCATED_IN: relationship({
    type: 'LOCATED_IN', graphqlType: 'Placement', from: ['ScamCentre', 'Organization', 'Location', 'Account'], to: ['Location'], properties: {},
  }),
  HOLDS: relationship({
    type: 'HOLDS', graphqlType: 'Holding', from: ['Person', 'Organization'], to: ['Account'], dateProperty: 'since',
    properties: { since: { type: 'date' } },
  }),
  TRANSFERRED: relationship({
    type: 'TRANSFERRED', graphqlType: 'Transfer', from: ['Account'], to: ['Account'], dateProperty: 'at',
    properties: {
      amount: { type: 'float', min: 0, max: TRANSFER_AMOUNT_MAX },
      currency: { type: 'string', maxLength: 12 },
      amountUsd: { type: 'float', min: 0, max: TRANSFER_AMOUNT_MAX },
      at: { type: 'datetime' },
      reference: { type: 'string', maxLength: 200 },
    },
  }),
  LINKED_TO: relationship({
    type: 'LINKED_TO', graphqlType: 'Attribution', from: ['Account'], to: ['ScamCentre', 'Organization'],
    properties: { basis: { type: 'string', maxLength: 1000 } },
  }),
  DEFRAUDED: relationship({
    type: 'DEFRAUDED', graphqlType: 'Fraud', from: ['ScamCentre', 'Person'], to: ['Person'], dateProperty: 'date',
    properties: {
      date: { type: 'date' },
      scamType: { type: 'enum', values: SCAM_TYPES },
      lossUsd: { type: 'float', min: 0 },
    },
  }),
  TARGETED: relationship({
    type: 'TARGETED', graphqlType: 'Targeting', from: ['Operation'], to: ['ScamCentre', 'Location'], dateProperty: 'date',
    properties: { date: { type: 'date' }, outcome: { type: 'string', maxLength: 1000 } },
  }),
  ARRESTED: relationship({
    type: 'ARRESTED', graphqlType: 'Arrest', from: ['Operation'], to: ['Person'], dateProperty: 'date',
    properties: { date: { type: 'date' }, outcome: { type: 'string', maxLength: 1000 } },
  }),
  RESCUED: relationship({
    type: 'RESCUED', graphqlType: 'Rescue', from: ['Operation'], to: ['Person'], dateProperty: 'date',
    properties: { date: { type: 'date' }, outcome: { type: 'string', maxLength: 1000 } },
  }),
  CONDUCTED: relationship({ type: 'CONDUCTED', graphqlType: 'Conduct', from: ['Organization'], to: ['Operation'], properties: {} }),
  // What a source body or its spokesperson says about a subject — a scale, a trend — with the figure
  // as stated and as bounds: the UN's "hundreds of thousands trafficked" is a claim, not a count of
  // people in the graph, and stays one (graded like every fact, by the source that reports it).
  CLAIMED: relationship({
    type: 'CLAIMED', graphqlType: 'Claim', from: ['Organization', 'Person'], to: ENTITY_LABELS, dateProperty: 'date',
    properties: {
      statement: { type: 'string', maxLength: 2000 },
      date: { type: 'date' },
      measure: { type: 'enum', values: CLAIM_MEASURES },
      figureText: { type: 'string', maxLength: 200 },
      figureLow: { type: 'float', min: 0 },
      figureHigh: { type: 'float', min: 0 },
    },
  }),
  // Any other tie between two entities (FollowTheMoney's Associate, Family, UnknownLink, a sanction or
  // note about an entity): imported data keeps its links even where the model has no verb for them.
  ASSOCIATED_WITH: relationship({
    type: 'ASSOCIATED_WITH', graphqlType: 'Association', from: ENTITY_LABELS, to: ENTITY_LABELS, dateProperty: 'startDate', endProperty: 'endDate',
    properties: {
      relation: { type: 'string', maxLength: 200 },
      startDate: { type: 'date' },
      endDate: { type: 'date' },
    },
  }),
};

export function isRelationshipType(value: string): value is RelationshipType {
  return (RELATIONSHIP_TYPES as readonly string[]).includes(value);
}
