/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    viewer { role subject seesVictims readsProtected exactAggregates mayWrite }\n  }\n": typeof types.ViewerDocument,
    "\n  query Search($text: String!, $first: Int) {\n    search(text: $text, first: $first) { match score entity { id kind name aliases } }\n  }\n": typeof types.SearchDocument,
    "\n  fragment EntitySummary on Entity { id kind name illustrative }\n": typeof types.EntitySummaryFragmentDoc,
    "\n  fragment RelationshipSummary on Relationship {\n    id type illustrative\n    from { id } to { id }\n    ... on Transfer { amountUsd currency at }\n    ... on Recruitment { date }\n    ... on JourneyStop { date seq }\n    ... on Confinement { heldFrom heldUntil }\n    ... on Fraud { date lossUsd }\n    ... on Holding { since }\n    ... on Targeting { date }\n    ... on Arrest { date }\n    ... on Rescue { date }\n    ... on Claim { date figureText }\n    ... on Association { startDate }\n  }\n": typeof types.RelationshipSummaryFragmentDoc,
    "\n  query EntityCard($id: ID!, $asOf: Date) {\n    node(id: $id, asOf: $asOf) {\n      id kind name aliases description illustrative topics\n      sources { id name publisher url publishedAt }\n      grades { sourceId code reliability credibility }\n      ... on Person {\n        roles gender ageBand pseudonymous\n        nationalities { id name countryCode }\n        protected { legalName birthDate phones documentNumbers }\n      }\n      ... on Organization { orgType jurisdiction website }\n      ... on ScamCentre { status scamTypes estimatedWorkforce firstSeen lastSeen latitude longitude }\n      ... on Location { locationType countryCode latitude longitude }\n      ... on Account { accountType identifier currency chain institution flagged locations { id name } }\n      ... on Operation { agency startDate endDate countriesInvolvedCount arrests hotspotsInspected victimsIdentified }\n      ... on Source { publisher url publishedAt defaultReliability }\n      relationships(first: 100) {\n        totalCount\n        edges { direction node { id type } }\n      }\n    }\n  }\n": typeof types.EntityCardDocument,
    "\n  query Neighbourhood($id: ID!, $depth: Int, $limit: Int, $filter: TraversalFilter, $asOf: Date) {\n    neighbourhood(id: $id, depth: $depth, limit: $limit, filter: $filter, asOf: $asOf) {\n      truncated\n      nodes { ...EntitySummary }\n      relationships { ...RelationshipSummary grades { code } }\n    }\n  }\n": typeof types.NeighbourhoodDocument,
    "\n  query Paths($from: ID!, $to: ID!, $k: Int, $maxHops: Int, $filter: TraversalFilter, $asOf: Date) {\n    paths(from: $from, to: $to, k: $k, maxHops: $maxHops, filter: $filter, asOf: $asOf) {\n      length\n      nodes { ...EntitySummary }\n      steps {\n        forward\n        from { id name }\n        to { id name }\n        relationship { ...RelationshipSummary sources { id name } grades { code } }\n      }\n    }\n  }\n": typeof types.PathsDocument,
    "\n  query MoneyTrail($accountId: ID!, $direction: TrailDirection, $maxHops: Int, $asOf: Date) {\n    moneyTrail(accountId: $accountId, direction: $direction, maxHops: $maxHops, asOf: $asOf) {\n      origin { ...EntitySummary }\n      totalAmountUsd\n      truncated\n      accounts { hops amountUsd tracedAmountUsd at account { ...EntitySummary } }\n      transfers { ...RelationshipSummary amount reference }\n      cycles { id }\n    }\n  }\n": typeof types.MoneyTrailDocument,
    "\n  query Entities($ids: [ID!]!, $asOf: Date) {\n    nodes(ids: $ids, asOf: $asOf) { ...EntitySummary }\n  }\n": typeof types.EntitiesDocument,
    "\n  query ExportView($ids: [ID!]!, $format: ExportFormat!) {\n    exportView(ids: $ids, format: $format) { fileName mediaType content entityCount relationshipCount protectedFieldsLeftOut }\n  }\n": typeof types.ExportViewDocument,
    "\n  query LinkCount($id: ID!, $asOf: Date) {\n    node(id: $id, asOf: $asOf) { id relationships(first: 1) { totalCount } }\n  }\n": typeof types.LinkCountDocument,
    "\n  query DashVictimsByNationality($first: Int) {\n    victimsByNationality(first: $first) {\n      nodes { countryCode victims suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n": typeof types.DashVictimsByNationalityDocument,
    "\n  query DashRecruitmentCorridors($first: Int) {\n    recruitmentCorridors(first: $first) {\n      nodes { origin transit destination victims suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n": typeof types.DashRecruitmentCorridorsDocument,
    "\n  query DashScamCentresByCountry($first: Int) {\n    scamCentresByCountry(first: $first) {\n      nodes { countryCode status count suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n": typeof types.DashScamCentresByCountryDocument,
    "\n  query DashFlowsByCurrencyAndMonth($first: Int) {\n    flowsByCurrencyAndMonth(first: $first) {\n      nodes { currency month transfers amount amountUsd suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n": typeof types.DashFlowsByCurrencyAndMonthDocument,
    "\n  query DashScamCentrePoints($first: Int, $after: String) {\n    scamCentres(first: $first, after: $after) {\n      edges { node { id name status latitude longitude } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": typeof types.DashScamCentrePointsDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer { role subject seesVictims readsProtected exactAggregates mayWrite }\n  }\n": types.ViewerDocument,
    "\n  query Search($text: String!, $first: Int) {\n    search(text: $text, first: $first) { match score entity { id kind name aliases } }\n  }\n": types.SearchDocument,
    "\n  fragment EntitySummary on Entity { id kind name illustrative }\n": types.EntitySummaryFragmentDoc,
    "\n  fragment RelationshipSummary on Relationship {\n    id type illustrative\n    from { id } to { id }\n    ... on Transfer { amountUsd currency at }\n    ... on Recruitment { date }\n    ... on JourneyStop { date seq }\n    ... on Confinement { heldFrom heldUntil }\n    ... on Fraud { date lossUsd }\n    ... on Holding { since }\n    ... on Targeting { date }\n    ... on Arrest { date }\n    ... on Rescue { date }\n    ... on Claim { date figureText }\n    ... on Association { startDate }\n  }\n": types.RelationshipSummaryFragmentDoc,
    "\n  query EntityCard($id: ID!, $asOf: Date) {\n    node(id: $id, asOf: $asOf) {\n      id kind name aliases description illustrative topics\n      sources { id name publisher url publishedAt }\n      grades { sourceId code reliability credibility }\n      ... on Person {\n        roles gender ageBand pseudonymous\n        nationalities { id name countryCode }\n        protected { legalName birthDate phones documentNumbers }\n      }\n      ... on Organization { orgType jurisdiction website }\n      ... on ScamCentre { status scamTypes estimatedWorkforce firstSeen lastSeen latitude longitude }\n      ... on Location { locationType countryCode latitude longitude }\n      ... on Account { accountType identifier currency chain institution flagged locations { id name } }\n      ... on Operation { agency startDate endDate countriesInvolvedCount arrests hotspotsInspected victimsIdentified }\n      ... on Source { publisher url publishedAt defaultReliability }\n      relationships(first: 100) {\n        totalCount\n        edges { direction node { id type } }\n      }\n    }\n  }\n": types.EntityCardDocument,
    "\n  query Neighbourhood($id: ID!, $depth: Int, $limit: Int, $filter: TraversalFilter, $asOf: Date) {\n    neighbourhood(id: $id, depth: $depth, limit: $limit, filter: $filter, asOf: $asOf) {\n      truncated\n      nodes { ...EntitySummary }\n      relationships { ...RelationshipSummary grades { code } }\n    }\n  }\n": types.NeighbourhoodDocument,
    "\n  query Paths($from: ID!, $to: ID!, $k: Int, $maxHops: Int, $filter: TraversalFilter, $asOf: Date) {\n    paths(from: $from, to: $to, k: $k, maxHops: $maxHops, filter: $filter, asOf: $asOf) {\n      length\n      nodes { ...EntitySummary }\n      steps {\n        forward\n        from { id name }\n        to { id name }\n        relationship { ...RelationshipSummary sources { id name } grades { code } }\n      }\n    }\n  }\n": types.PathsDocument,
    "\n  query MoneyTrail($accountId: ID!, $direction: TrailDirection, $maxHops: Int, $asOf: Date) {\n    moneyTrail(accountId: $accountId, direction: $direction, maxHops: $maxHops, asOf: $asOf) {\n      origin { ...EntitySummary }\n      totalAmountUsd\n      truncated\n      accounts { hops amountUsd tracedAmountUsd at account { ...EntitySummary } }\n      transfers { ...RelationshipSummary amount reference }\n      cycles { id }\n    }\n  }\n": types.MoneyTrailDocument,
    "\n  query Entities($ids: [ID!]!, $asOf: Date) {\n    nodes(ids: $ids, asOf: $asOf) { ...EntitySummary }\n  }\n": types.EntitiesDocument,
    "\n  query ExportView($ids: [ID!]!, $format: ExportFormat!) {\n    exportView(ids: $ids, format: $format) { fileName mediaType content entityCount relationshipCount protectedFieldsLeftOut }\n  }\n": types.ExportViewDocument,
    "\n  query LinkCount($id: ID!, $asOf: Date) {\n    node(id: $id, asOf: $asOf) { id relationships(first: 1) { totalCount } }\n  }\n": types.LinkCountDocument,
    "\n  query DashVictimsByNationality($first: Int) {\n    victimsByNationality(first: $first) {\n      nodes { countryCode victims suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n": types.DashVictimsByNationalityDocument,
    "\n  query DashRecruitmentCorridors($first: Int) {\n    recruitmentCorridors(first: $first) {\n      nodes { origin transit destination victims suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n": types.DashRecruitmentCorridorsDocument,
    "\n  query DashScamCentresByCountry($first: Int) {\n    scamCentresByCountry(first: $first) {\n      nodes { countryCode status count suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n": types.DashScamCentresByCountryDocument,
    "\n  query DashFlowsByCurrencyAndMonth($first: Int) {\n    flowsByCurrencyAndMonth(first: $first) {\n      nodes { currency month transfers amount amountUsd suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n": types.DashFlowsByCurrencyAndMonthDocument,
    "\n  query DashScamCentrePoints($first: Int, $after: String) {\n    scamCentres(first: $first, after: $after) {\n      edges { node { id name status latitude longitude } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": types.DashScamCentrePointsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer { role subject seesVictims readsProtected exactAggregates mayWrite }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer { role subject seesVictims readsProtected exactAggregates mayWrite }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search($text: String!, $first: Int) {\n    search(text: $text, first: $first) { match score entity { id kind name aliases } }\n  }\n"): (typeof documents)["\n  query Search($text: String!, $first: Int) {\n    search(text: $text, first: $first) { match score entity { id kind name aliases } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EntitySummary on Entity { id kind name illustrative }\n"): (typeof documents)["\n  fragment EntitySummary on Entity { id kind name illustrative }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RelationshipSummary on Relationship {\n    id type illustrative\n    from { id } to { id }\n    ... on Transfer { amountUsd currency at }\n    ... on Recruitment { date }\n    ... on JourneyStop { date seq }\n    ... on Confinement { heldFrom heldUntil }\n    ... on Fraud { date lossUsd }\n    ... on Holding { since }\n    ... on Targeting { date }\n    ... on Arrest { date }\n    ... on Rescue { date }\n    ... on Claim { date figureText }\n    ... on Association { startDate }\n  }\n"): (typeof documents)["\n  fragment RelationshipSummary on Relationship {\n    id type illustrative\n    from { id } to { id }\n    ... on Transfer { amountUsd currency at }\n    ... on Recruitment { date }\n    ... on JourneyStop { date seq }\n    ... on Confinement { heldFrom heldUntil }\n    ... on Fraud { date lossUsd }\n    ... on Holding { since }\n    ... on Targeting { date }\n    ... on Arrest { date }\n    ... on Rescue { date }\n    ... on Claim { date figureText }\n    ... on Association { startDate }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntityCard($id: ID!, $asOf: Date) {\n    node(id: $id, asOf: $asOf) {\n      id kind name aliases description illustrative topics\n      sources { id name publisher url publishedAt }\n      grades { sourceId code reliability credibility }\n      ... on Person {\n        roles gender ageBand pseudonymous\n        nationalities { id name countryCode }\n        protected { legalName birthDate phones documentNumbers }\n      }\n      ... on Organization { orgType jurisdiction website }\n      ... on ScamCentre { status scamTypes estimatedWorkforce firstSeen lastSeen latitude longitude }\n      ... on Location { locationType countryCode latitude longitude }\n      ... on Account { accountType identifier currency chain institution flagged locations { id name } }\n      ... on Operation { agency startDate endDate countriesInvolvedCount arrests hotspotsInspected victimsIdentified }\n      ... on Source { publisher url publishedAt defaultReliability }\n      relationships(first: 100) {\n        totalCount\n        edges { direction node { id type } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EntityCard($id: ID!, $asOf: Date) {\n    node(id: $id, asOf: $asOf) {\n      id kind name aliases description illustrative topics\n      sources { id name publisher url publishedAt }\n      grades { sourceId code reliability credibility }\n      ... on Person {\n        roles gender ageBand pseudonymous\n        nationalities { id name countryCode }\n        protected { legalName birthDate phones documentNumbers }\n      }\n      ... on Organization { orgType jurisdiction website }\n      ... on ScamCentre { status scamTypes estimatedWorkforce firstSeen lastSeen latitude longitude }\n      ... on Location { locationType countryCode latitude longitude }\n      ... on Account { accountType identifier currency chain institution flagged locations { id name } }\n      ... on Operation { agency startDate endDate countriesInvolvedCount arrests hotspotsInspected victimsIdentified }\n      ... on Source { publisher url publishedAt defaultReliability }\n      relationships(first: 100) {\n        totalCount\n        edges { direction node { id type } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Neighbourhood($id: ID!, $depth: Int, $limit: Int, $filter: TraversalFilter, $asOf: Date) {\n    neighbourhood(id: $id, depth: $depth, limit: $limit, filter: $filter, asOf: $asOf) {\n      truncated\n      nodes { ...EntitySummary }\n      relationships { ...RelationshipSummary grades { code } }\n    }\n  }\n"): (typeof documents)["\n  query Neighbourhood($id: ID!, $depth: Int, $limit: Int, $filter: TraversalFilter, $asOf: Date) {\n    neighbourhood(id: $id, depth: $depth, limit: $limit, filter: $filter, asOf: $asOf) {\n      truncated\n      nodes { ...EntitySummary }\n      relationships { ...RelationshipSummary grades { code } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Paths($from: ID!, $to: ID!, $k: Int, $maxHops: Int, $filter: TraversalFilter, $asOf: Date) {\n    paths(from: $from, to: $to, k: $k, maxHops: $maxHops, filter: $filter, asOf: $asOf) {\n      length\n      nodes { ...EntitySummary }\n      steps {\n        forward\n        from { id name }\n        to { id name }\n        relationship { ...RelationshipSummary sources { id name } grades { code } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Paths($from: ID!, $to: ID!, $k: Int, $maxHops: Int, $filter: TraversalFilter, $asOf: Date) {\n    paths(from: $from, to: $to, k: $k, maxHops: $maxHops, filter: $filter, asOf: $asOf) {\n      length\n      nodes { ...EntitySummary }\n      steps {\n        forward\n        from { id name }\n        to { id name }\n        relationship { ...RelationshipSummary sources { id name } grades { code } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MoneyTrail($accountId: ID!, $direction: TrailDirection, $maxHops: Int, $asOf: Date) {\n    moneyTrail(accountId: $accountId, direction: $direction, maxHops: $maxHops, asOf: $asOf) {\n      origin { ...EntitySummary }\n      totalAmountUsd\n      truncated\n      accounts { hops amountUsd tracedAmountUsd at account { ...EntitySummary } }\n      transfers { ...RelationshipSummary amount reference }\n      cycles { id }\n    }\n  }\n"): (typeof documents)["\n  query MoneyTrail($accountId: ID!, $direction: TrailDirection, $maxHops: Int, $asOf: Date) {\n    moneyTrail(accountId: $accountId, direction: $direction, maxHops: $maxHops, asOf: $asOf) {\n      origin { ...EntitySummary }\n      totalAmountUsd\n      truncated\n      accounts { hops amountUsd tracedAmountUsd at account { ...EntitySummary } }\n      transfers { ...RelationshipSummary amount reference }\n      cycles { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Entities($ids: [ID!]!, $asOf: Date) {\n    nodes(ids: $ids, asOf: $asOf) { ...EntitySummary }\n  }\n"): (typeof documents)["\n  query Entities($ids: [ID!]!, $asOf: Date) {\n    nodes(ids: $ids, asOf: $asOf) { ...EntitySummary }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportView($ids: [ID!]!, $format: ExportFormat!) {\n    exportView(ids: $ids, format: $format) { fileName mediaType content entityCount relationshipCount protectedFieldsLeftOut }\n  }\n"): (typeof documents)["\n  query ExportView($ids: [ID!]!, $format: ExportFormat!) {\n    exportView(ids: $ids, format: $format) { fileName mediaType content entityCount relationshipCount protectedFieldsLeftOut }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LinkCount($id: ID!, $asOf: Date) {\n    node(id: $id, asOf: $asOf) { id relationships(first: 1) { totalCount } }\n  }\n"): (typeof documents)["\n  query LinkCount($id: ID!, $asOf: Date) {\n    node(id: $id, asOf: $asOf) { id relationships(first: 1) { totalCount } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashVictimsByNationality($first: Int) {\n    victimsByNationality(first: $first) {\n      nodes { countryCode victims suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n"): (typeof documents)["\n  query DashVictimsByNationality($first: Int) {\n    victimsByNationality(first: $first) {\n      nodes { countryCode victims suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashRecruitmentCorridors($first: Int) {\n    recruitmentCorridors(first: $first) {\n      nodes { origin transit destination victims suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n"): (typeof documents)["\n  query DashRecruitmentCorridors($first: Int) {\n    recruitmentCorridors(first: $first) {\n      nodes { origin transit destination victims suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashScamCentresByCountry($first: Int) {\n    scamCentresByCountry(first: $first) {\n      nodes { countryCode status count suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n"): (typeof documents)["\n  query DashScamCentresByCountry($first: Int) {\n    scamCentresByCountry(first: $first) {\n      nodes { countryCode status count suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashFlowsByCurrencyAndMonth($first: Int) {\n    flowsByCurrencyAndMonth(first: $first) {\n      nodes { currency month transfers amount amountUsd suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n"): (typeof documents)["\n  query DashFlowsByCurrencyAndMonth($first: Int) {\n    flowsByCurrencyAndMonth(first: $first) {\n      nodes { currency month transfers amount amountUsd suppressed }\n      pageInfo { hasNextPage endCursor }\n      bucketCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashScamCentrePoints($first: Int, $after: String) {\n    scamCentres(first: $first, after: $after) {\n      edges { node { id name status latitude longitude } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query DashScamCentrePoints($first: Int, $after: String) {\n    scamCentres(first: $first, after: $after) {\n      edges { node { id name status latitude longitude } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;