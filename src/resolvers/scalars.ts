import { GraphQLScalarType, Kind } from 'graphql';
import { GraphQLDateTimeISO, GraphQLLocalDate, GraphQLURL } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';
import { countryCodeProblem } from '../model/index.js';

/** Custom scalars, from graphql-scalars where it has the right one, under the names our SDL uses. */
/** A country code in (ISO 3166-1 alpha-2, either case), upper-case out; anything else is refused with the reason. */
function parseCountryCode(value: unknown): string {
  const problem = countryCodeProblem(value);
  if (problem) throw new TypeError(`CountryCode ${problem}`);
  return (value as string).toUpperCase();
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
    // Out: what is stored, upper-case (every write checks it against the list on the way in).
    serialize: (value) => {
      if (typeof value !== 'string') throw new TypeError(`CountryCode cannot represent ${JSON.stringify(value)}`);
      return value.toUpperCase();
    },
    parseValue: (value) => parseCountryCode(value),
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING && ast.kind !== Kind.ENUM) throw new TypeError('CountryCode must be a string such as "MY"');
      return parseCountryCode(ast.value);
    },
  }),
};
