import { describe, expect, it } from 'vitest';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Prng } from '../../src/generator/index.js';
import { isCanonicalDateTime, serializeDateTime } from '../../src/resolvers/scalars.js';

/**
 * The DateTime scalar's fast path (a canonical string out as it is) against its reference, the
 * graphql-scalars serialize it skips: on generated strings near and far from the canonical form,
 * both give the same value or both refuse.
 */
const reference = GraphQLDateTimeISO.toConfig().serialize;

function outcome(serialize: (value: unknown) => unknown, value: unknown): { value: unknown } | { refused: string } {
  try {
    return { value: serialize(value) };
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) };
  }
}

/** The project's seeded generator (src/generator), so that a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Canonical-shaped strings whose fields run past their ranges (month 13, day 31 in April, 29 February, hour 24, second 60). */
function nearCanonical(next: () => number): string {
  const pick = <T>(options: readonly T[]) => options[Math.floor(next() * options.length)]!;
  const year = pick([0, 1, 1600, 1900, 1970, 2000, 2023, 2024, 2100, 9999, Math.floor(next() * 10_000)]);
  const month = pick([0, 1, 2, 4, 6, 9, 11, 12, 13, Math.floor(next() * 100)]);
  const day = pick([0, 1, 28, 29, 30, 31, 32, Math.floor(next() * 100)]);
  const hour = pick([0, 12, 23, 24, 29, Math.floor(next() * 100)]);
  const minute = pick([0, 30, 59, 60, Math.floor(next() * 100)]);
  const second = pick([0, 30, 59, 60, 61, Math.floor(next() * 100)]);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(Math.floor(next() * 1000), 3)}Z`;
}

/** The same strings bent away from the canonical form: other offsets, no or longer fractions, a lower-case z, spaces, a short year. */
function bent(next: () => number, value: string): string {
  const bends = [
    (s: string) => s.replace('Z', '+00:00'),
    (s: string) => s.replace('Z', '+05:30'),
    (s: string) => s.replace(/\.\d{3}/, ''),
    (s: string) => s.replace(/\.(\d{3})/, '.$1456'),
    (s: string) => s.replace('Z', 'z'),
    (s: string) => s.replace('T', ' '),
    (s: string) => s.slice(1),
    (s: string) => ` ${s}`,
    (s: string) => `${s}\n`,
    (s: string) => s.replace('T', 't'),
  ];
  return bends[Math.floor(next() * bends.length)]!(value);
}

describe('DateTime out', () => {
  it('gives what graphql-scalars gives, or refuses as it does, on generated strings', () => {
    const next = random(20261204);
    const values: unknown[] = [
      '2024-02-29T00:00:00.000Z', '2023-02-29T00:00:00.000Z', '1900-02-29T12:00:00.000Z', '2000-02-29T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2023-12-31T23:59:60.000Z', '2023-04-31T10:00:00.000Z',
      '', 'not a date', 0, 1_700_000_000_000, new Date('2023-06-15T12:30:00Z'), null, undefined, {}, ['2023-06-15T12:30:00.000Z'],
    ];
    for (let i = 0; i < 4000; i++) {
      const value = nearCanonical(next);
      values.push(value, bent(next, value));
    }
    for (let i = 0; i < 500; i++) values.push(new Date(Math.floor(next() * 253402300800000)).toISOString());
    let canonical = 0;
    for (const value of values) {
      if (typeof value === 'string' && isCanonicalDateTime(value)) canonical += 1;
      const fast = outcome(serializeDateTime, value);
      const expected = outcome(reference, value);
      // A Date comes back as the same instant either way; compare instants, not objects.
      const normalise = (o: typeof fast) => ('value' in o && o.value instanceof Date ? { value: o.value.toISOString() } : o);
      expect(normalise(fast), JSON.stringify(value)).toEqual(normalise(expected));
    }
    // The generator reaches both sides of the fast path.
    expect(canonical).toBeGreaterThan(500);
    expect(values.length - canonical).toBeGreaterThan(4000);
  });

  it('keeps leap seconds and impossible days off the fast path', () => {
    expect(isCanonicalDateTime('2023-12-31T23:59:60.000Z')).toBe(false);
    expect(isCanonicalDateTime('2023-02-29T00:00:00.000Z')).toBe(false);
    expect(isCanonicalDateTime('2024-02-29T00:00:00.000Z')).toBe(true);
    expect(isCanonicalDateTime('2023-06-15T12:30:00Z')).toBe(false);
  });
});
