import { describe, expect, it } from 'vitest';
import { networkLines, type PlantedPair } from '../../src/generator/index.js';
import { nativeLineToItem } from '../../src/interchange/index.js';
import { nameTokens } from '../../src/model/resolution.js';

/** Planted duplicates (`npm run generate -- --duplicates N`): after the network, deterministic, valid, with their truth. */
describe('planted duplicates', () => {
  const lines = (count: number, seed = 9, truth: PlantedPair[] = []) => [...networkLines({ entities: 1_000, seed }, count > 0 ? { count, truth } : undefined)];

  it('leave the network itself byte for byte as it is without them, and follow it', () => {
    const plain = lines(0);
    const planted = lines(50);
    expect(planted.slice(0, plain.length)).toEqual(plain);
    expect(planted.length).toBeGreaterThan(plain.length);
  });

  it('are the same for the same seed, and their truth names records that exist, of one kind each', () => {
    const truthA: PlantedPair[] = [];
    const truthB: PlantedPair[] = [];
    expect(lines(80, 9, truthA)).toEqual(lines(80, 9, truthB));
    expect(truthA).toEqual(truthB);
    expect(truthA).toHaveLength(80);
    const kinds = new Map<string, string>();
    let line = 0;
    for (const text of lines(80)) {
      const item = nativeLineToItem(JSON.parse(text) as Record<string, unknown>, ++line);
      if ('entity' in item) kinds.set(item.entity.entity.id, item.entity.entity.label);
    }
    for (const pair of truthA) {
      expect(kinds.get(pair.a)).toBe(pair.kind);
      expect(kinds.get(pair.b)).toBe(pair.kind);
    }
    expect(new Set(truthA.map((pair) => pair.kind))).toEqual(new Set(['Person', 'Account', 'Organization']));
  });

  it('carry realistic noise: typos, reordered and transliterated names', () => {
    const truth: PlantedPair[] = [];
    const byId = new Map<string, Record<string, unknown>>();
    for (const text of lines(200, 3, truth)) {
      const record = JSON.parse(text) as Record<string, unknown>;
      if (typeof record['kind'] === 'string') byId.set(String(record['id']), record);
    }
    const noises = new Set(truth.flatMap((pair) => pair.noise));
    for (const noise of ['typo', 'reorder', 'transliteration', 'shared-identifier', 'shared-phone']) expect(noises).toContain(noise);
    const transliterated = truth.find((pair) => pair.kind === 'Person' && pair.noise.includes('transliteration'))!;
    expect(String(byId.get(transliterated.b)!['name'])).toMatch(/[\u0400-\u04ff]/);
    const reordered = truth.find((pair) => pair.noise.length === 1 && pair.noise[0] === 'reorder')!;
    expect(nameTokens(String(byId.get(reordered.b)!['name'])).sort()).toEqual(nameTokens(String(byId.get(reordered.a)!['name'])).sort());
  });
});
