import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { Prng } from '../../src/generator/index.js';
import {
  MEASURE_MEMO_MAX_KEY_CHARS, measureOperation, memoisedOperationMeasure, selectOperation,
} from '../../src/server/limits/measureOperation.js';
import { fuzzSchema, generateDocument, type FuzzPools } from '../fuzz/generateDocument.js';

/**
 * The memoised measure (what the operation limits use) against measureOperation itself, on the
 * fuzzer's generated operations, each asked with several variable sets in a random order and again:
 * a memo keyed on too little (the operation without its variables, say) answers a later variable set
 * with an earlier one's measure, and the costs differ.
 */

/** Ids and cursors of the right shape: measuring reads none of them. */
const POOLS: FuzzPools = {
  entityIds: Object.fromEntries(['Person', 'Organization', 'ScamCentre', 'Location', 'Account', 'Operation', 'Source'].map((type) => [type, [1, 2, 3].map((i) => `m:${type}:${i}`)])),
  relationships: [{ id: 'm:rel:1', from: 'm:Person:1', to: 'm:Account:1' }],
  relationshipCursors: ['bm90IGEgY3Vyc29y'],
  listCursors: ['bm90IGEgY3Vyc29y'],
  names: ['Atlas', 'Mekong'],
};

/** Another value of the same type: numbers anywhere in 0..120, lists cut or grown, the rest as it was. */
function varied(value: unknown, random: Prng): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? Math.floor(random.next() * 121) : random.next() * 120;
  if (Array.isArray(value)) return Array.from({ length: Math.floor(random.next() * (value.length + 3)) }, (_, i) => value[i % Math.max(1, value.length)] ?? 'm:Person:1');
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, varied(v, random)]));
  return value;
}

describe('the memoised operation measure', () => {
  it('answers as measureOperation on generated operations and variable sets, asked repeatedly', () => {
    const schema = fuzzSchema();
    const memoised = memoisedOperationMeasure(schema);
    const random = new Prng(20261205);
    let compared = 0;
    let repeated = 0;
    let withVariables = 0;
    for (let index = 0; index < 150; index++) {
      const generated = generateDocument(POOLS, 7, index);
      const document = parse(generated.query, { noLocation: true });
      const operation = selectOperation(document, undefined)!;
      const variableSets = [generated.variables, ...Array.from({ length: 3 }, () => varied(generated.variables, random) as Record<string, unknown>)];
      if (Object.keys(generated.variables).length > 0) withVariables += 1;
      const asked = new Set<string>();
      for (let ask = 0; ask < 10; ask++) {
        const variables = variableSets[Math.floor(random.next() * variableSets.length)]!;
        const key = JSON.stringify(variables);
        if (asked.has(key)) repeated += 1;
        asked.add(key);
        expect(memoised(document, operation, variables), `document ${index}, variables ${key}`).toEqual(measureOperation(schema, document, operation, variables));
        compared += 1;
      }
    }
    // The comparison meant something: many operations had variables, and many answers came from the memo.
    expect(compared).toBe(1500);
    expect(withVariables).toBeGreaterThan(30);
    expect(repeated).toBeGreaterThan(500);
  });

  it('measures variables too long to key every time, and answers the same', () => {
    const schema = fuzzSchema();
    const memoised = memoisedOperationMeasure(schema);
    const document = parse('query Lookup($ids: [ID!]!) { nodes(ids: $ids) { id ... on Person { name } } }', { noLocation: true });
    const operation = selectOperation(document, undefined)!;
    const ids = Array.from({ length: Math.ceil(MEASURE_MEMO_MAX_KEY_CHARS / 8) }, (_, i) => `p:${i}`);
    for (const list of [ids, ids.slice(0, 3), ids.slice(0, 90)]) {
      expect(memoised(document, operation, { ids: list })).toEqual(measureOperation(schema, document, operation, { ids: list }));
    }
    expect(memoised(document, operation, { ids: ids.slice(0, 3) }).cost).toBeLessThan(memoised(document, operation, { ids }).cost);
  });
});
