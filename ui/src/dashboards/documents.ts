import { graphql } from '../gql';

/**
 * The Dashboards view's GraphQL documents (typed by graphql-codegen's client preset: `npm run codegen`).
 * Each dashboard is its own query, so one that fails (or is forbidden) leaves the others standing;
 * the world map reuses the same documents and variables, so urql answers it from the same results.
 */

export const VictimsByNationalityQuery = graphql(`
  query DashVictimsByNationality($first: Int) {
    victimsByNationality(first: $first) {
      nodes { countryCode victims suppressed }
      pageInfo { hasNextPage endCursor }
      bucketCount
    }
  }
`);

export const RecruitmentCorridorsQuery = graphql(`
  query DashRecruitmentCorridors($first: Int) {
    recruitmentCorridors(first: $first) {
      nodes { origin transit destination victims suppressed }
      pageInfo { hasNextPage endCursor }
      bucketCount
    }
  }
`);

export const ScamCentresByCountryQuery = graphql(`
  query DashScamCentresByCountry($first: Int) {
    scamCentresByCountry(first: $first) {
      nodes { countryCode status count suppressed }
      pageInfo { hasNextPage endCursor }
      bucketCount
    }
  }
`);

export const FlowsByCurrencyAndMonthQuery = graphql(`
  query DashFlowsByCurrencyAndMonth($first: Int) {
    flowsByCurrencyAndMonth(first: $first) {
      nodes { currency month transfers amount amountUsd suppressed }
      pageInfo { hasNextPage endCursor }
      bucketCount
    }
  }
`);

export const ScamCentrePointsQuery = graphql(`
  query DashScamCentrePoints($first: Int, $after: String) {
    scamCentres(first: $first, after: $after) {
      edges { node { id name status latitude longitude } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);
