import { GraphQLScalarType, Kind } from 'graphql';
import { GraphQLDateTimeISO, GraphQLLocalDate, GraphQLURL } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';

/** Custom scalars, from graphql-scalars where it has the right one, under the names our SDL uses. */
const COUNTRY_CODE = /^[A-Za-z]{2}$/;

function parseCountryCode(value: unknown): string {
  if (typeof value !== 'string' || !COUNTRY_CODE.test(value)) {
    throw new TypeError(`CountryCode must be an ISO 3166-1 alpha-2 code such as MY or UG (got ${JSON.stringify(value)})`);
  }
  return value.toUpperCase();
}

/**
 * Date strings already checked on the way out. Answers repeat the same few thousand dates by the
 * hundred per request, and graphql-scalars checks each (a pattern and a calendar check) every time.
 */
const CHECKED_DATES_MAX = 100_000;
const checkedDates = new Set<string>();
const localDate = GraphQLLocalDate.toConfig();

function serializeDate(value: unknown): unknown {
  if (typeof value === 'string' && checkedDates.has(value)) return value;
  const serialized = localDate.serialize(value);
  if (typeof value === 'string' && serialized === value) {
    if (checkedDates.size >= CHECKED_DATES_MAX) checkedDates.clear();
    checkedDates.add(value);
  }
  return serialized;
}

export const scalarResolvers: Resolvers = {
  Date: new GraphQLScalarType({ ...localDate, name: 'Date', description: 'A calendar date, YYYY-MM-DD.', serialize: serializeDate }),
  DateTime: new GraphQLScalarType({ ...GraphQLDateTimeISO.toConfig(), name: 'DateTime' }),
  URL: new GraphQLScalarType({ ...GraphQLURL.toConfig(), name: 'URL' }),
  CountryCode: new GraphQLScalarType({
    name: 'CountryCode',
    serialize: (value) => parseCountryCode(value),
    parseValue: (value) => parseCountryCode(value),
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING && ast.kind !== Kind.ENUM) throw new TypeError('CountryCode must be a string such as "MY"');
      return parseCountryCode(ast.value);
    },
  }),
};
