import { graphql } from '../gql';

/**
 * Every GraphQL document the explorer sends, typed by graphql-codegen's client preset from the
 * API's own schema (npm run codegen): a renamed field fails the build, not a user.
 */

export const ViewerQuery = graphql(`
  query Viewer {
    viewer { role subject seesVictims readsProtected exactAggregates mayWrite }
  }
`);

export const SearchQuery = graphql(`
  query Search($text: String!, $first: Int) {
    search(text: $text, first: $first) { match score entity { id kind name aliases } }
  }
`);

export const EntitySummary = graphql(`
  fragment EntitySummary on Entity { id kind name illustrative }
`);

export const RelationshipSummary = graphql(`
  fragment RelationshipSummary on Relationship {
    id type illustrative
    from { id } to { id }
    ... on Transfer { amountUsd currency at }
    ... on Recruitment { date }
    ... on JourneyStop { date seq }
    ... on Confinement { heldFrom heldUntil }
    ... on Fraud { date lossUsd }
    ... on Holding { since }
    ... on Targeting { date }
    ... on Arrest { date }
    ... on Rescue { date }
    ... on Claim { date figureText }
    ... on Association { startDate }
  }
`);

export const EntityCardQuery = graphql(`
  query EntityCard($id: ID!, $asOf: Date) {
    node(id: $id, asOf: $asOf) {
      id kind name aliases description illustrative topics
      sources { id name publisher url publishedAt }
      grades { sourceId code reliability credibility }
      ... on Person {
        roles gender ageBand pseudonymous
        nationalities { id name countryCode }
        protected { legalName birthDate phones documentNumbers }
      }
      ... on Organization { orgType jurisdiction website }
      ... on ScamCentre { status scamTypes estimatedWorkforce firstSeen lastSeen latitude longitude }
      ... on Location { locationType countryCode latitude longitude }
      ... on Account { accountType identifier currency chain institution flagged locations { id name } }
      ... on Operation { agency startDate endDate countriesInvolvedCount arrests hotspotsInspected victimsIdentified }
      ... on Source { publisher url publishedAt defaultReliability }
      relationships(first: 100) {
        totalCount
        edges { direction node { id type } }
      }
    }
  }
`);

export const NeighbourhoodQuery = graphql(`
  query Neighbourhood($id: ID!, $depth: Int, $limit: Int, $filter: TraversalFilter, $asOf: Date) {
    neighbourhood(id: $id, depth: $depth, limit: $limit, filter: $filter, asOf: $asOf) {
      truncated
      nodes { ...EntitySummary }
      relationships { ...RelationshipSummary grades { code } }
    }
  }
`);

export const PathsQuery = graphql(`
  query Paths($from: ID!, $to: ID!, $k: Int, $maxHops: Int, $filter: TraversalFilter, $asOf: Date) {
    paths(from: $from, to: $to, k: $k, maxHops: $maxHops, filter: $filter, asOf: $asOf) {
      length
      nodes { ...EntitySummary }
      steps {
        forward
        from { id name }
        to { id name }
        relationship { ...RelationshipSummary sources { id name } grades { code } }
      }
    }
  }
`);

export const MoneyTrailQuery = graphql(`
  query MoneyTrail($accountId: ID!, $direction: TrailDirection, $maxHops: Int, $asOf: Date) {
    moneyTrail(accountId: $accountId, direction: $direction, maxHops: $maxHops, asOf: $asOf) {
      origin { ...EntitySummary }
      totalAmountUsd
      truncated
      accounts { hops amountUsd tracedAmountUsd at account { ...EntitySummary } }
      transfers { ...RelationshipSummary amount reference }
      cycles { id }
    }
  }
`);

export const EntitiesQuery = graphql(`
  query Entities($ids: [ID!]!, $asOf: Date) {
    nodes(ids: $ids, asOf: $asOf) { ...EntitySummary }
  }
`);

export const ExportViewQuery = graphql(`
  query ExportView($ids: [ID!]!, $format: ExportFormat!) {
    exportView(ids: $ids, format: $format) { fileName mediaType content entityCount relationshipCount protectedFieldsLeftOut }
  }
`);

export const LinkCountQuery = graphql(`
  query LinkCount($id: ID!, $asOf: Date) {
    node(id: $id, asOf: $asOf) { id relationships(first: 1) { totalCount } }
  }
`);
