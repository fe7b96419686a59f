import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateNetwork, networkLines, planNetwork, Prng } from '../../src/generator/index.js';
import { nativeLineToItem } from '../../src/interchange/index.js';

const digest = (entities: number, seed: number) => {
  const hash = createHash('sha256');
  for (const line of networkLines({ entities, seed })) hash.update(`${line}\n`);
  return hash.digest('hex');
};

describe('the synthetic network generator', () => {
  it('writes the same bytes for the same seed and different bytes for another seed', () => {
    expect(digest(2_000, 42)).toBe(digest(2_000, 42));
    expect(digest(2_000, 42)).not.toBe(digest(2_000, 43));
  });

  it('keeps its random sequence stable across versions (sfc32 seeded by splitmix32)', () => {
    const rng = new Prng(1);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([792534090, 3215351813, 160231488]);
  });

  it('emits exactly the entities asked for, every record valid, every end emitted before it is named', () => {
    const seen = new Set<string>();
    let entities = 0;
    let line = 0;
    for (const record of generateNetwork({ entities: 3_000, seed: 7 })) {
      const item = nativeLineToItem(record, ++line);
      if ('entity' in item) {
        entities++;
        seen.add(item.entity.entity.id);
        for (const p of item.entity.entity.provenance ?? []) expect(seen.has(p.source)).toBe(true);
      } else {
        expect(seen.has(item.relationship.relationship.from)).toBe(true);
        expect(seen.has(item.relationship.relationship.to)).toBe(true);
      }
    }
    expect(entities).toBe(3_000);
    expect(seen.size).toBe(3_000);
  });

  it('gives recruiters heavy-tailed numbers of victims and puts compounds in Asia and Latin America', () => {
    const victimsPerRecruiter = new Map<string, number>();
    const compoundCountries = new Set<string>();
    const shapes = new Map<string, number>();
    for (const record of generateNetwork({ entities: 20_000, seed: 3 })) {
      if (record['type'] === 'RECRUITED') victimsPerRecruiter.set(String(record['from']), (victimsPerRecruiter.get(String(record['from'])) ?? 0) + 1);
      if (record['type'] === 'LOCATED_IN' && String(record['from']).includes('scamcentre')) compoundCountries.add(String(record['to']).slice(-2));
      if (record['type'] === 'TRANSFERRED') shapes.set(String(record['from']), (shapes.get(String(record['from'])) ?? 0) + 1);
    }
    const counts = [...victimsPerRecruiter.values()].sort((a, b) => b - a);
    const plan = planNetwork(20_000);
    const top = counts.slice(0, Math.ceil(plan.recruiters / 100)).reduce((a, b) => a + b, 0);
    // The top 1 % of recruiters recruit far more than 1 % of the victims.
    expect(top / plan.victims).toBeGreaterThan(0.1);
    for (const country of ['mm', 'kh']) expect(compoundCountries.has(country)).toBe(true);
    expect([...compoundCountries].some((c) => ['pe', 'co', 'mx', 'br', 'pa'].includes(c))).toBe(true);
    // Fan-outs: some account sends many transfers.
    expect(Math.max(...shapes.values())).toBeGreaterThan(10);
  });
});
