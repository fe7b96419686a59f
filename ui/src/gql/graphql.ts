/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Kinds of account. */
export type AccountType =
  /** An account at a bank (FollowTheMoney BankAccount); `identifier` is its IBAN or account number. */
  | 'BANK_ACCOUNT'
  /** A self-held crypto wallet (FollowTheMoney CryptoWallet); `identifier` is its address. */
  | 'CRYPTO_WALLET'
  /** An account at a crypto exchange, kept by the exchange for its customer. */
  | 'EXCHANGE_ACCOUNT'
  /** A mobile-money account, identified by its phone number or wallet id. */
  | 'MOBILE_MONEY';

/** Age bands of the Counter Trafficking Data Collaborative. */
export type AgeBand =
  /** Aged 0 to 8 (CTDC band). */
  | 'AGE_0_8'
  /** Aged 9 to 17 (CTDC band). */
  | 'AGE_9_17'
  /** Aged 18 to 20 (CTDC band). */
  | 'AGE_18_20'
  /** Aged 21 to 23 (CTDC band). */
  | 'AGE_21_23'
  /** Aged 24 to 26 (CTDC band). */
  | 'AGE_24_26'
  /** Aged 27 to 29 (CTDC band). */
  | 'AGE_27_29'
  /** Aged 30 to 38 (CTDC band). */
  | 'AGE_30_38'
  /** Aged 39 to 47 (CTDC band). */
  | 'AGE_39_47'
  /** Aged 48 or over (CTDC band). */
  | 'AGE_48_PLUS';

/** Which relationships of an entity to follow, relative to that entity. */
export type Direction =
  /** Both: relationships that start or end at the entity. */
  | 'BOTH'
  /** Relationships that end at the entity. */
  | 'INCOMING'
  /** Relationships that start at the entity. */
  | 'OUTGOING';

/** The kinds of entity in the graph, one per GraphQL type that implements `Entity`. */
export type EntityKind =
  /** A bank account, crypto wallet, exchange account or mobile-money account. */
  | 'ACCOUNT'
  /** A country, region, city or site. */
  | 'LOCATION'
  /** A law-enforcement operation. */
  | 'OPERATION'
  /** A criminal group, company, agency, bank, exchange, law-enforcement body or media outlet. */
  | 'ORGANIZATION'
  /** A human being, in any role: recruiter, victim, boss, money mule, official. */
  | 'PERSON'
  /** A guarded compound where trafficked people are held and forced to run scams. */
  | 'SCAM_CENTRE'
  /** A document that reports facts: a press release, an article, a report. */
  | 'SOURCE';

/** Formats of an export. */
export type ExportFormat =
  /** FollowTheMoney entities, one JSON object per line (`.ftm.jsonl`). */
  | 'FTM'
  /** GeoJSON for maps (`.geojson`): scam centres and places with coordinates as points, journeys as lines. */
  | 'GEOJSON'
  /** GraphML, for Gephi and yEd (`.graphml`). */
  | 'GRAPHML'
  /** Scam Atlas's own lines, the import format (`.jsonl`). */
  | 'NATIVE';

/** Gender (HTCDS). */
export type Gender =
  /** Female (HTCDS). */
  | 'FEMALE'
  /** Male (HTCDS). */
  | 'MALE'
  /** Transgender or gender non-conforming (HTCDS). */
  | 'TRANSGENDER_OR_NONCONFORMING'
  /** Not known (HTCDS). */
  | 'UNKNOWN';

/** Kinds of location. */
export type LocationType =
  /** A city or town. */
  | 'CITY'
  /** A country; its `countryCode` is its own ISO 3166-1 alpha-2 code. */
  | 'COUNTRY'
  /** A region, province or state within a country. */
  | 'REGION'
  /** A specific site: a building, compound, border crossing or airport. */
  | 'SITE';

/** Kinds of organisation. */
export type OrganizationType =
  /** A blockchain-analysis or other investigative analytics firm. */
  | 'ANALYTICS_FIRM'
  /** A bank (FollowTheMoney topic `fin.bank`). */
  | 'BANK'
  /** A criminal group or syndicate. */
  | 'CRIMINAL_GROUP'
  /** A crypto or currency exchange. */
  | 'EXCHANGE'
  /** A company that fronts for criminal activity (FollowTheMoney topic `corp.shell`). */
  | 'FRONT_COMPANY'
  /** A government or government body other than law enforcement. */
  | 'GOVERNMENT'
  /** An international organisation, for example Interpol or the United Nations. */
  | 'INTERNATIONAL_ORGANIZATION'
  /** A police force or other law-enforcement body. */
  | 'LAW_ENFORCEMENT'
  /** A news organisation, for example Reuters. */
  | 'MEDIA'
  /** A non-governmental organisation. */
  | 'NGO'
  /** Any other kind of organisation. */
  | 'OTHER'
  /** A recruitment or employment agency, genuine or fake. */
  | 'RECRUITMENT_AGENCY';

/** Roles a person can hold (HTCDS perpetrator roles, plus victim and other roles of scam networks). */
export type PersonRole =
  /** Holds an account used by the network. */
  | 'ACCOUNT_HOLDER'
  /** Runs a criminal group or compound. */
  | 'BOSS'
  /** Broker or travel agent. */
  | 'BROKER'
  /** Buys or sells people (including resale between compounds). */
  | 'BUYER_OR_SELLER'
  /** Controls victims at the place of exploitation. */
  | 'CONTROLLER'
  /** Profits from the exploitation. */
  | 'EXPLOITER'
  /** A person defrauded by a scam. */
  | 'FRAUD_VICTIM'
  /** Armed or unarmed guard at a compound. */
  | 'GUARD'
  /** Houses victims on the way. */
  | 'HARBOURER'
  /** Abducts people. */
  | 'KIDNAPPER'
  /** Moves money for the network. */
  | 'MONEY_MULE'
  /** A public official. */
  | 'OFFICIAL'
  /** Any other role. */
  | 'OTHER'
  /** Recruiter or intermediary. */
  | 'RECRUITER'
  /** Smuggles people across borders. */
  | 'SMUGGLER'
  /** A person trafficked into forced criminality. */
  | 'TRAFFICKING_VICTIM'
  /** Moves victims between places. */
  | 'TRANSPORTER';

/** Keeps only facts reported by a given source and/or graded at least as well as given: at least one of their grades must meet all the given conditions. */
export type ProvenanceFilter = {
  /** Only facts with a grade whose credibility is this or better (1 is best); 1 to 6. */
  minCredibility?: number | null | undefined;
  /** Only facts with a grade whose reliability is this or better (A is best). */
  minReliability?: Reliability | null | undefined;
  /** Only facts this source reports. */
  source?: string | number | null | undefined;
};

/** Relationship types of the graph: verbs, from the `from` entity to the `to` entity. */
export type RelationshipType =
  /** Operation → Person: arrested in the operation (`Arrest`). */
  | 'ARRESTED'
  /** Any entity → any entity: another tie, such as an associate, a relative, a sanction or a note (`Association`). */
  | 'ASSOCIATED_WITH'
  /** Organization or Person → any entity: a body or its spokesperson stated something about it — a scale, a trend — with its figure (`Claim`). */
  | 'CLAIMED'
  /** Organization → Operation: carried out the operation (`Conduct`). */
  | 'CONDUCTED'
  /** ScamCentre or Person → Person: defrauded a person (`Fraud`). */
  | 'DEFRAUDED'
  /** Person → ScamCentre: a person held at a compound (`Confinement`). */
  | 'HELD_AT'
  /** Person or Organization → Account: holds the account (`Holding`). */
  | 'HOLDS'
  /** Account → ScamCentre or Organization: the account is attributed to it (`Attribution`). */
  | 'LINKED_TO'
  /** ScamCentre, Organization or Location → Location: where it is (`Placement`). */
  | 'LOCATED_IN'
  /** Person or Organization → Organization: belongs to it (`Membership`). */
  | 'MEMBER_OF'
  /** Person → Location (a country): citizenship (`Nationality`). */
  | 'NATIONAL_OF'
  /** Person or Organization → ScamCentre or Organization: runs it (`Operatorship`). */
  | 'OPERATES'
  /** Person → Person: one person recruited another (`Recruitment`). */
  | 'RECRUITED'
  /** Operation → Person: rescued in the operation (`Rescue`). */
  | 'RESCUED'
  /** Operation → ScamCentre or Location: the operation targeted it (`Targeting`). */
  | 'TARGETED'
  /** Account → Account: money moved (`Transfer`). */
  | 'TRANSFERRED'
  /** Person → Location: a stop on a person's journey (`JourneyStop`). */
  | 'TRAVELLED_TO';

/** Source reliability on the Admiralty scale (graded independently of the information's credibility). */
export type Reliability =
  /** Completely reliable. */
  | 'A'
  /** Usually reliable. */
  | 'B'
  /** Fairly reliable. */
  | 'C'
  /** Not usually reliable. */
  | 'D'
  /** Unreliable. */
  | 'E'
  /** Reliability cannot be judged. */
  | 'F';

/** Status of a scam centre. */
export type ScamCentreStatus =
  /** Operating, as last reported. */
  | 'ACTIVE'
  /** No longer operating. */
  | 'CLOSED'
  /** Raided by law enforcement. */
  | 'RAIDED'
  /** Moved elsewhere (often after a raid or crackdown). */
  | 'RELOCATED'
  /** Status not known. */
  | 'UNKNOWN';

/** Kinds of online fraud run from scam compounds. */
export type ScamType =
  /** Impersonating the police or another authority. */
  | 'AUTHORITY_IMPERSONATION'
  /** Impersonating a bank. */
  | 'BANK_IMPERSONATION'
  /** Fake job or paid-task scam. */
  | 'FAKE_JOB_OR_TASK'
  /** Illegal online gambling. */
  | 'ILLEGAL_GAMBLING'
  /** Fake investment or trading platform. */
  | 'INVESTMENT_PLATFORM'
  /** Money-laundering services. */
  | 'MONEY_LAUNDERING'
  /** Any other kind of online fraud. */
  | 'OTHER'
  /** Long-con investment fraud, often in crypto. */
  | 'PIG_BUTCHERING'
  /** Romance scam. */
  | 'ROMANCE';

/** How a search hit matched, best first. */
export type SearchMatch =
  /** The text is one of its identifiers (after normalising spaces, case and `0x`). */
  | 'IDENTIFIER'
  /** The text is the end of one of its identifiers. */
  | 'IDENTIFIER_END'
  /** The text is inside one of its identifiers. */
  | 'IDENTIFIER_PART'
  /** The text is the start of one of its identifiers. */
  | 'IDENTIFIER_START'
  /** Its name or aliases match the text (fulltext, typo-tolerant). */
  | 'TEXT';

/** Which way to follow money. */
export type TrailDirection =
  /** Where the money went: transfers out, then out of the receivers, later each time. */
  | 'DOWNSTREAM'
  /** Where the money came from: transfers in, then into the senders, earlier each time. */
  | 'UPSTREAM';

/** Which relationships and entities a traversal may use. All given conditions must hold. */
export type TraversalFilter = {
  /** Never pass through entities of these kinds (the start and end are always allowed). */
  excludeKinds?: Array<EntityKind> | null | undefined;
  /** Also pass through countries and entities with more than `maxDegree` relationships. */
  includeHubs?: boolean | null | undefined;
  /** Only pass through entities of these kinds (the start and end are always allowed). */
  includeKinds?: Array<EntityKind> | null | undefined;
  /** Entities with more relationships than this are hubs; default 200. */
  maxDegree?: number | null | undefined;
  /** Only relationships reported by this source / graded at least this well. */
  provenance?: ProvenanceFilter | null | undefined;
  /** Only these relationship types; all types when omitted. */
  relationshipTypes?: Array<RelationshipType> | null | undefined;
  /** Only dated relationships at or after this instant (undated ones still count). */
  since?: string | null | undefined;
  /** Only dated relationships before this instant (undated ones still count). */
  until?: string | null | undefined;
};

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { role: string, subject: string | null, seesVictims: boolean, readsProtected: boolean, exactAggregates: boolean, mayWrite: boolean } };

export type SearchQueryVariables = Exact<{
  text: string;
  first?: number | null | undefined;
}>;


export type SearchQuery = { search: Array<{ match: SearchMatch, score: number, entity:
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
      | { id: string, kind: EntityKind, name: string, aliases: Array<string> }
     }> | null };

type EntitySummary_Account_Fragment = { id: string, kind: EntityKind, name: string, illustrative: boolean };

type EntitySummary_Location_Fragment = { id: string, kind: EntityKind, name: string, illustrative: boolean };

type EntitySummary_Operation_Fragment = { id: string, kind: EntityKind, name: string, illustrative: boolean };

type EntitySummary_Organization_Fragment = { id: string, kind: EntityKind, name: string, illustrative: boolean };

type EntitySummary_Person_Fragment = { id: string, kind: EntityKind, name: string, illustrative: boolean };

type EntitySummary_ScamCentre_Fragment = { id: string, kind: EntityKind, name: string, illustrative: boolean };

type EntitySummary_Source_Fragment = { id: string, kind: EntityKind, name: string, illustrative: boolean };

export type EntitySummaryFragment =
  | EntitySummary_Account_Fragment
  | EntitySummary_Location_Fragment
  | EntitySummary_Operation_Fragment
  | EntitySummary_Organization_Fragment
  | EntitySummary_Person_Fragment
  | EntitySummary_ScamCentre_Fragment
  | EntitySummary_Source_Fragment
;

type RelationshipSummary_Arrest_Fragment = { date: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Association_Fragment = { startDate: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Attribution_Fragment = { id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Claim_Fragment = { date: string | null, figureText: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Conduct_Fragment = { id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Confinement_Fragment = { heldFrom: string | null, heldUntil: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Fraud_Fragment = { date: string | null, lossUsd: number | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Holding_Fragment = { since: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_JourneyStop_Fragment = { date: string | null, seq: number, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Membership_Fragment = { id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Nationality_Fragment = { id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Operatorship_Fragment = { id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Placement_Fragment = { id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Recruitment_Fragment = { date: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Rescue_Fragment = { date: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Targeting_Fragment = { date: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

type RelationshipSummary_Transfer_Fragment = { amountUsd: number | null, currency: string | null, at: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  , to:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   };

export type RelationshipSummaryFragment =
  | RelationshipSummary_Arrest_Fragment
  | RelationshipSummary_Association_Fragment
  | RelationshipSummary_Attribution_Fragment
  | RelationshipSummary_Claim_Fragment
  | RelationshipSummary_Conduct_Fragment
  | RelationshipSummary_Confinement_Fragment
  | RelationshipSummary_Fraud_Fragment
  | RelationshipSummary_Holding_Fragment
  | RelationshipSummary_JourneyStop_Fragment
  | RelationshipSummary_Membership_Fragment
  | RelationshipSummary_Nationality_Fragment
  | RelationshipSummary_Operatorship_Fragment
  | RelationshipSummary_Placement_Fragment
  | RelationshipSummary_Recruitment_Fragment
  | RelationshipSummary_Rescue_Fragment
  | RelationshipSummary_Targeting_Fragment
  | RelationshipSummary_Transfer_Fragment
;

export type EntityCardQueryVariables = Exact<{
  id: string | number;
  asOf?: string | null | undefined;
}>;


export type EntityCardQuery = { node:
    | { accountType: AccountType | null, identifier: string | null, currency: string | null, chain: string | null, institution: string | null, flagged: boolean, id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, illustrative: boolean, topics: Array<string>, locations: Array<{ id: string, name: string }>, sources: Array<{ id: string, name: string, publisher: string | null, url: string | null, publishedAt: string | null }>, grades: Array<{ sourceId: string, code: string, reliability: Reliability, credibility: number }>, relationships: { totalCount: number, edges: Array<{ direction: Direction, node:
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
           }> } }
    | { locationType: LocationType | null, countryCode: string | null, latitude: number | null, longitude: number | null, id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, illustrative: boolean, topics: Array<string>, sources: Array<{ id: string, name: string, publisher: string | null, url: string | null, publishedAt: string | null }>, grades: Array<{ sourceId: string, code: string, reliability: Reliability, credibility: number }>, relationships: { totalCount: number, edges: Array<{ direction: Direction, node:
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
           }> } }
    | { agency: string | null, startDate: string | null, endDate: string | null, countriesInvolvedCount: number | null, arrests: number | null, hotspotsInspected: number | null, victimsIdentified: number | null, id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, illustrative: boolean, topics: Array<string>, sources: Array<{ id: string, name: string, publisher: string | null, url: string | null, publishedAt: string | null }>, grades: Array<{ sourceId: string, code: string, reliability: Reliability, credibility: number }>, relationships: { totalCount: number, edges: Array<{ direction: Direction, node:
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
           }> } }
    | { orgType: OrganizationType | null, jurisdiction: string | null, website: string | null, id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, illustrative: boolean, topics: Array<string>, sources: Array<{ id: string, name: string, publisher: string | null, url: string | null, publishedAt: string | null }>, grades: Array<{ sourceId: string, code: string, reliability: Reliability, credibility: number }>, relationships: { totalCount: number, edges: Array<{ direction: Direction, node:
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
           }> } }
    | { roles: Array<PersonRole>, gender: Gender | null, ageBand: AgeBand | null, pseudonymous: boolean, id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, illustrative: boolean, topics: Array<string>, nationalities: Array<{ id: string, name: string, countryCode: string | null }>, protected: { legalName: string | null, birthDate: string | null, phones: Array<string>, documentNumbers: Array<string> } | null, sources: Array<{ id: string, name: string, publisher: string | null, url: string | null, publishedAt: string | null }>, grades: Array<{ sourceId: string, code: string, reliability: Reliability, credibility: number }>, relationships: { totalCount: number, edges: Array<{ direction: Direction, node:
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
           }> } }
    | { status: ScamCentreStatus | null, scamTypes: Array<ScamType>, estimatedWorkforce: number | null, firstSeen: string | null, lastSeen: string | null, latitude: number | null, longitude: number | null, id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, illustrative: boolean, topics: Array<string>, sources: Array<{ id: string, name: string, publisher: string | null, url: string | null, publishedAt: string | null }>, grades: Array<{ sourceId: string, code: string, reliability: Reliability, credibility: number }>, relationships: { totalCount: number, edges: Array<{ direction: Direction, node:
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
           }> } }
    | { publisher: string | null, url: string | null, publishedAt: string | null, defaultReliability: Reliability | null, id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, illustrative: boolean, topics: Array<string>, sources: Array<{ id: string, name: string, publisher: string | null, url: string | null, publishedAt: string | null }>, grades: Array<{ sourceId: string, code: string, reliability: Reliability, credibility: number }>, relationships: { totalCount: number, edges: Array<{ direction: Direction, node:
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
            | { id: string, type: RelationshipType }
           }> } }
   | null };

export type NeighbourhoodQueryVariables = Exact<{
  id: string | number;
  depth?: number | null | undefined;
  limit?: number | null | undefined;
  filter?: TraversalFilter | null | undefined;
  asOf?: string | null | undefined;
}>;


export type NeighbourhoodQuery = { neighbourhood: { truncated: boolean, nodes: Array<
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
    >, relationships: Array<
      | { date: string | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { startDate: string | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { date: string | null, figureText: string | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { heldFrom: string | null, heldUntil: string | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { date: string | null, lossUsd: number | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { since: string | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { date: string | null, seq: number, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { date: string | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { date: string | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { date: string | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
      | { amountUsd: number | null, currency: string | null, at: string | null, id: string, type: RelationshipType, illustrative: boolean, grades: Array<{ code: string }>, from:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , to:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         }
    > } | null };

export type PathsQueryVariables = Exact<{
  from: string | number;
  to: string | number;
  k?: number | null | undefined;
  maxHops?: number | null | undefined;
  filter?: TraversalFilter | null | undefined;
  asOf?: string | null | undefined;
}>;


export type PathsQuery = { paths: Array<{ length: number, nodes: Array<
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
      | { id: string, kind: EntityKind, name: string, illustrative: boolean }
    >, steps: Array<{ forward: boolean, from:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
      , to:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
      , relationship:
        | { date: string | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { startDate: string | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { date: string | null, figureText: string | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { heldFrom: string | null, heldUntil: string | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { date: string | null, lossUsd: number | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { since: string | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { date: string | null, seq: number, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { date: string | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { date: string | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { date: string | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
        | { amountUsd: number | null, currency: string | null, at: string | null, id: string, type: RelationshipType, illustrative: boolean, sources: Array<{ id: string, name: string }>, grades: Array<{ code: string }>, from:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
          , to:
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
            | { id: string }
           }
       }> }> | null };

export type MoneyTrailQueryVariables = Exact<{
  accountId: string | number;
  direction?: TrailDirection | null | undefined;
  maxHops?: number | null | undefined;
  asOf?: string | null | undefined;
}>;


export type MoneyTrailQuery = { moneyTrail: { totalAmountUsd: number, truncated: boolean, origin: { id: string, kind: EntityKind, name: string, illustrative: boolean }, accounts: Array<{ hops: number, amountUsd: number, tracedAmountUsd: number, at: string | null, account: { id: string, kind: EntityKind, name: string, illustrative: boolean } }>, transfers: Array<{ amount: number | null, reference: string | null, amountUsd: number | null, currency: string | null, at: string | null, id: string, type: RelationshipType, illustrative: boolean, from:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      , to:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       }>, cycles: Array<{ id: string }> } | null };

export type EntitiesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
  asOf?: string | null | undefined;
}>;


export type EntitiesQuery = { nodes: Array<
    | { id: string, kind: EntityKind, name: string, illustrative: boolean }
    | { id: string, kind: EntityKind, name: string, illustrative: boolean }
    | { id: string, kind: EntityKind, name: string, illustrative: boolean }
    | { id: string, kind: EntityKind, name: string, illustrative: boolean }
    | { id: string, kind: EntityKind, name: string, illustrative: boolean }
    | { id: string, kind: EntityKind, name: string, illustrative: boolean }
    | { id: string, kind: EntityKind, name: string, illustrative: boolean }
   | null> | null };

export type ExportViewQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
  format: ExportFormat;
}>;


export type ExportViewQuery = { exportView: { fileName: string, mediaType: string, content: string, entityCount: number, relationshipCount: number, protectedFieldsLeftOut: number } | null };

export type LinkCountQueryVariables = Exact<{
  id: string | number;
  asOf?: string | null | undefined;
}>;


export type LinkCountQuery = { node:
    | { id: string, relationships: { totalCount: number } }
    | { id: string, relationships: { totalCount: number } }
    | { id: string, relationships: { totalCount: number } }
    | { id: string, relationships: { totalCount: number } }
    | { id: string, relationships: { totalCount: number } }
    | { id: string, relationships: { totalCount: number } }
    | { id: string, relationships: { totalCount: number } }
   | null };

export type DashVictimsByNationalityQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type DashVictimsByNationalityQuery = { victimsByNationality: { bucketCount: number, nodes: Array<{ countryCode: string | null, victims: number | null, suppressed: boolean }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DashRecruitmentCorridorsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type DashRecruitmentCorridorsQuery = { recruitmentCorridors: { bucketCount: number, nodes: Array<{ origin: string | null, transit: Array<string>, destination: string | null, victims: number | null, suppressed: boolean }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DashScamCentresByCountryQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type DashScamCentresByCountryQuery = { scamCentresByCountry: { bucketCount: number, nodes: Array<{ countryCode: string | null, status: ScamCentreStatus | null, count: number | null, suppressed: boolean }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DashFlowsByCurrencyAndMonthQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type DashFlowsByCurrencyAndMonthQuery = { flowsByCurrencyAndMonth: { bucketCount: number, nodes: Array<{ currency: string | null, month: string | null, transfers: number | null, amount: number | null, amountUsd: number | null, suppressed: boolean }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DashScamCentrePointsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DashScamCentrePointsQuery = { scamCentres: { totalCount: number, edges: Array<{ node: { id: string, name: string, status: ScamCentreStatus | null, latitude: number | null, longitude: number | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export const EntitySummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EntitySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}}]}}]} as unknown as DocumentNode<EntitySummaryFragment, unknown>;
export const RelationshipSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RelationshipSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Relationship"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Transfer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountUsd"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recruitment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"JourneyStop"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Confinement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heldFrom"}},{"kind":"Field","name":{"kind":"Name","value":"heldUntil"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fraud"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"lossUsd"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Holding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Targeting"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Arrest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Rescue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Claim"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"figureText"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Association"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startDate"}}]}}]}}]} as unknown as DocumentNode<RelationshipSummaryFragment, unknown>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"seesVictims"}},{"kind":"Field","name":{"kind":"Name","value":"readsProtected"}},{"kind":"Field","name":{"kind":"Name","value":"exactAggregates"}},{"kind":"Field","name":{"kind":"Name","value":"mayWrite"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const SearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"match"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}}]}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const EntityCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EntityCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}},{"kind":"Field","name":{"kind":"Name","value":"topics"}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"publisher"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"grades"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reliability"}},{"kind":"Field","name":{"kind":"Name","value":"credibility"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"ageBand"}},{"kind":"Field","name":{"kind":"Name","value":"pseudonymous"}},{"kind":"Field","name":{"kind":"Name","value":"nationalities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"protected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"legalName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"phones"}},{"kind":"Field","name":{"kind":"Name","value":"documentNumbers"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgType"}},{"kind":"Field","name":{"kind":"Name","value":"jurisdiction"}},{"kind":"Field","name":{"kind":"Name","value":"website"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScamCentre"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scamTypes"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWorkforce"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeen"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Location"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locationType"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountType"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"chain"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"flagged"}},{"kind":"Field","name":{"kind":"Name","value":"locations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Operation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"countriesInvolvedCount"}},{"kind":"Field","name":{"kind":"Name","value":"arrests"}},{"kind":"Field","name":{"kind":"Name","value":"hotspotsInspected"}},{"kind":"Field","name":{"kind":"Name","value":"victimsIdentified"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publisher"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"defaultReliability"}}]}},{"kind":"Field","name":{"kind":"Name","value":"relationships"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EntityCardQuery, EntityCardQueryVariables>;
export const NeighbourhoodDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Neighbourhood"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"depth"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TraversalFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"neighbourhood"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EntitySummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"relationships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RelationshipSummary"}},{"kind":"Field","name":{"kind":"Name","value":"grades"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EntitySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RelationshipSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Relationship"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Transfer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountUsd"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recruitment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"JourneyStop"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Confinement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heldFrom"}},{"kind":"Field","name":{"kind":"Name","value":"heldUntil"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fraud"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"lossUsd"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Holding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Targeting"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Arrest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Rescue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Claim"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"figureText"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Association"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startDate"}}]}}]}}]} as unknown as DocumentNode<NeighbourhoodQuery, NeighbourhoodQueryVariables>;
export const PathsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Paths"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"k"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxHops"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TraversalFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paths"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"k"},"value":{"kind":"Variable","name":{"kind":"Name","value":"k"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxHops"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxHops"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"length"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EntitySummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forward"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"relationship"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RelationshipSummary"}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"grades"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EntitySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RelationshipSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Relationship"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Transfer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountUsd"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recruitment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"JourneyStop"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Confinement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heldFrom"}},{"kind":"Field","name":{"kind":"Name","value":"heldUntil"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fraud"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"lossUsd"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Holding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Targeting"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Arrest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Rescue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Claim"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"figureText"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Association"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startDate"}}]}}]}}]} as unknown as DocumentNode<PathsQuery, PathsQueryVariables>;
export const MoneyTrailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MoneyTrail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"direction"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrailDirection"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxHops"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moneyTrail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"direction"},"value":{"kind":"Variable","name":{"kind":"Name","value":"direction"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxHops"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxHops"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EntitySummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalAmountUsd"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hops"}},{"kind":"Field","name":{"kind":"Name","value":"amountUsd"}},{"kind":"Field","name":{"kind":"Name","value":"tracedAmountUsd"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EntitySummary"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"transfers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RelationshipSummary"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cycles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EntitySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RelationshipSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Relationship"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Transfer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountUsd"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recruitment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"JourneyStop"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Confinement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heldFrom"}},{"kind":"Field","name":{"kind":"Name","value":"heldUntil"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fraud"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"lossUsd"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Holding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Targeting"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Arrest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Rescue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Claim"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"figureText"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Association"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startDate"}}]}}]}}]} as unknown as DocumentNode<MoneyTrailQuery, MoneyTrailQueryVariables>;
export const EntitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Entities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EntitySummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EntitySummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}}]}}]} as unknown as DocumentNode<EntitiesQuery, EntitiesQueryVariables>;
export const ExportViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExportFormat"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportView"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"entityCount"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipCount"}},{"kind":"Field","name":{"kind":"Name","value":"protectedFieldsLeftOut"}}]}}]}}]} as unknown as DocumentNode<ExportViewQuery, ExportViewQueryVariables>;
export const LinkCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LinkCount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"relationships"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]} as unknown as DocumentNode<LinkCountQuery, LinkCountQueryVariables>;
export const DashVictimsByNationalityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashVictimsByNationality"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"victimsByNationality"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"victims"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bucketCount"}}]}}]}}]} as unknown as DocumentNode<DashVictimsByNationalityQuery, DashVictimsByNationalityQueryVariables>;
export const DashRecruitmentCorridorsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashRecruitmentCorridors"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recruitmentCorridors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"transit"}},{"kind":"Field","name":{"kind":"Name","value":"destination"}},{"kind":"Field","name":{"kind":"Name","value":"victims"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bucketCount"}}]}}]}}]} as unknown as DocumentNode<DashRecruitmentCorridorsQuery, DashRecruitmentCorridorsQueryVariables>;
export const DashScamCentresByCountryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashScamCentresByCountry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scamCentresByCountry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bucketCount"}}]}}]}}]} as unknown as DocumentNode<DashScamCentresByCountryQuery, DashScamCentresByCountryQueryVariables>;
export const DashFlowsByCurrencyAndMonthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashFlowsByCurrencyAndMonth"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flowsByCurrencyAndMonth"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"transfers"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"amountUsd"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bucketCount"}}]}}]}}]} as unknown as DocumentNode<DashFlowsByCurrencyAndMonthQuery, DashFlowsByCurrencyAndMonthQueryVariables>;
export const DashScamCentrePointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashScamCentrePoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scamCentres"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<DashScamCentrePointsQuery, DashScamCentrePointsQueryVariables>;