import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HUB_DEGREE } from '../../src/config/index.js';
import { grade, rel, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * The hub rule keeps very connected entities from making meaningless paths, never from being the
 * answer (issue 15, part 2): a compound holding more victims than the hub degree is what three of
 * its victims have in common, a path may start or end at it, and a search that stopped at it says so.
 */
const P = 'test-hubs:';
const SOURCE = `${P}source`;
const COMPOUND = `${P}compound`;
const OPERATOR = `${P}operator`;
const VICTIMS = Array.from({ length: DEFAULT_HUB_DEGREE + 10 }, (_, i) => `${P}victim-${String(i).padStart(3, '0')}`);

type Common = { commonConnections: { connections: Array<{ entity: { id: string }; sharedBy: number }>; skippedHubs: Array<{ entity: { id: string }; degree: number }> } };
type Paths = { paths: Array<{ nodes: Array<{ id: string }> }> };

describe('hubs and the entities a question names', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Hub test source' },
      { kind: 'ScamCentre', id: COMPOUND, name: 'Hub test compound', provenance: grade(SOURCE) },
      { kind: 'Organization', id: OPERATOR, name: 'Hub test operator', provenance: grade(SOURCE) },
      rel('OPERATES', OPERATOR, COMPOUND, SOURCE),
      ...VICTIMS.map((id) => ({ kind: 'Person', id, name: `Hub test victim ${id.slice(-3)}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) })),
      ...VICTIMS.map((id) => rel('HELD_AT', id, COMPOUND, SOURCE)),
    ]);
  }, 120_000);
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('three victims of a compound with more links than the hub degree have it in common, and the search says it stopped there', async () => {
    const three = VICTIMS.slice(0, 3);
    const answer = await api.graphql<Common>('query ($ids: [ID!]!) { commonConnections(ids: $ids) { connections { entity { id } sharedBy } skippedHubs { entity { id } degree } } }', { ids: three });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.commonConnections.connections).toEqual([{ entity: { id: COMPOUND }, sharedBy: 3 }]);
    expect(answer.data!.commonConnections.skippedHubs).toEqual([{ entity: { id: COMPOUND }, degree: VICTIMS.length + 1 }]);
    // Through the hub, when asked: the other victims and the operator are two hops away from each.
    const through = await api.graphql<Common>('query ($ids: [ID!]!) { commonConnections(ids: $ids, first: 100, filter: { includeHubs: true }) { connections { entity { id } sharedBy } skippedHubs { entity { id } } } }', { ids: three });
    expect(through.data!.commonConnections.connections.map((c) => c.entity.id)).toContain(OPERATOR);
    expect(through.data!.commonConnections.skippedHubs).toEqual([]);
  });

  it('a path may start or end at a hub the question names, and passes through one only when asked', async () => {
    const paths = (from: string, to: string, filter = '') => api.graphql<Paths>(`query ($from: ID!, $to: ID!) { paths(from: $from, to: $to${filter}) { nodes { id } } }`, { from, to });
    expect((await paths(VICTIMS[0]!, COMPOUND)).data!.paths.map((p) => p.nodes.map((n) => n.id))).toEqual([[VICTIMS[0], COMPOUND]]);
    expect((await paths(COMPOUND, VICTIMS[0]!)).data!.paths.map((p) => p.nodes.map((n) => n.id))).toEqual([[COMPOUND, VICTIMS[0]]]);
    expect((await paths(VICTIMS[0]!, OPERATOR)).data!.paths).toEqual([]);
    expect((await paths(VICTIMS[0]!, OPERATOR, ', filter: { includeHubs: true }')).data!.paths.map((p) => p.nodes.map((n) => n.id))).toEqual([[VICTIMS[0], COMPOUND, OPERATOR]]);
  });
});
