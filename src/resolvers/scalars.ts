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

const dateTime = GraphQLDateTimeISO.toConfig();
/** What `Date.prototype.toISOString` writes: a year of four digits, milliseconds, UTC. */
const CANONICAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a string is a real instant already written as graphql-scalars writes it out (its
 * `toISOString()`), so that its serialize would return it unchanged: every stored time the API
 * writes is. Leap seconds (`:60`), which the library refuses, are not.
 */
export function isCanonicalDateTime(value: string): boolean {
  const parts = CANONICAL_DATE_TIME.exec(value);
  if (!parts) return false;
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) return false;
  return Number(parts[4]) <= 23 && Number(parts[5]) <= 59 && Number(parts[6]) <= 59;
}

/**
 * DateTime out: a canonical string as it is, anything else through graphql-scalars (the reference,
 * which test/schema/scalars.test.ts compares this with on generated strings). A trail or a transfer
 * page answers hundreds of times, and the library's pattern, calendar check, parse and re-format
 * were 7 % of a money trail's server CPU at 1M.
 */
export function serializeDateTime(value: unknown): unknown {
  if (typeof value === 'string' && isCanonicalDateTime(value)) return value;
  return dateTime.serialize(value);
}

export const scalarResolvers: Resolvers = {
  Date: new GraphQLScalarType({ ...localDate, name: 'Date', description: 'A calendar date, YYYY-MM-DD.', serialize: serializeDate }),
  DateTime: new GraphQLScalarType({ ...dateTime, name: 'DateTime', serialize: serializeDateTime }),
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
