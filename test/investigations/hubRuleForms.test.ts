import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS_MAX_K } from '../../src/config/index.js';
import { generateNetwork, Prng } from '../../src/generator/index.js';
import { findShortestPaths } from '../../src/graph/index.js';
import { visibilityFor } from '../../src/policy/index.js';
import type { PathModel } from '../../src/model/index.js';
import { FUZZ_NETWORK, loadFuzzData } from '../fuzz/fuzzData.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Paths judge the hub rule on the entity a hop enters (the fast form); the reference judges it on
 * the entity a hop leaves, as common connections do. Both must allow the same walks: compared on
 * generated pairs of the fuzzer's network, with hub degrees low enough that hubs are everywhere,
 * as an analyst and as a viewer.
 */
const PAIRS = 80;
const DEGREES = [3, 5, 8, 13, 40];
const signature = (path: PathModel) => `${path.nodes.map((n) => n.id).join('>')}|${path.steps.map((s) => s.relationship.id).join(',')}`;

describe('the hub rule on the entity a path enters', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await loadFuzzData(api.db);
  }, 180_000);
  afterAll(async () => {
    await api.stop();
  });

  it('allows the same paths as the rule on the entity a hop leaves', async () => {
    const ids = [...generateNetwork(FUZZ_NETWORK)].filter((record) => 'kind' in record).map((record) => String(record['id']));
    const rng = new Prng(2026);
    const pick = <T>(items: readonly T[]) => items[Math.floor(rng.next() * items.length)]!;
    // Pairs a few hops apart (through hubs or not): random pairs of a sparse network are mostly unconnected.
    const within = async (from: string, hops: number) => (await api.db.read<{ id: string }>(
      `MATCH (a:Entity {id: $from})-[*${hops}]-(b:Entity) WHERE b.id STARTS WITH $prefix AND b <> a RETURN DISTINCT b.id AS id ORDER BY id LIMIT 200`,
      { from, prefix: FUZZ_NETWORK.prefix },
    )).records.map((record) => record.get('id'));
    let withPaths = 0;
    let hubsMattered = 0;
    for (let i = 0; i < PAIRS; i++) {
      const from = pick(ids);
      const reachable = await within(from, 1 + (i % 3));
      const to = reachable.length > 0 ? pick(reachable) : pick(ids);
      const args = { from, to, k: PATHS_MAX_K, maxHops: 1 + Math.floor(rng.next() * 4), filter: { maxDegree: DEGREES[i % DEGREES.length]! } };
      const visibility = visibilityFor(i % 2 === 0 ? 'analyst' : 'viewer');
      const fast = await findShortestPaths(api.db, args, visibility, 'entered');
      const reference = await findShortestPaths(api.db, args, visibility, 'left');
      const what = `${args.from} → ${args.to}, ${args.maxHops} hops, maxDegree ${args.filter.maxDegree}, ${i % 2 === 0 ? 'analyst' : 'viewer'}`;
      expect([fast.fromFound, fast.toFound], what).toEqual([reference.fromFound, reference.toFound]);
      // SHORTEST k breaks ties between equally long paths as the search meets them: with k paths
      // found, only their lengths are fixed; with fewer, the paths themselves.
      expect(fast.paths.map((p) => p.steps.length).sort(), what).toEqual(reference.paths.map((p) => p.steps.length).sort());
      if (fast.paths.length < args.k) expect(fast.paths.map(signature).sort(), what).toEqual(reference.paths.map(signature).sort());
      if (fast.paths.length > 0) withPaths++;
      const throughHubs = await findShortestPaths(api.db, { ...args, filter: { ...args.filter, includeHubs: true } }, visibility);
      if (throughHubs.paths.map(signature).sort().join() !== fast.paths.map(signature).sort().join()) hubsMattered++;
    }
    // Not a vacuous comparison: many pairs are connected, and the hub rule changed many answers.
    expect(withPaths, `${withPaths} of ${PAIRS} pairs connected`).toBeGreaterThan(PAIRS / 4);
    expect(hubsMattered, `the hub rule changed ${hubsMattered} of ${PAIRS} answers`).toBeGreaterThan(PAIRS / 8);
  }, 300_000);
});
