import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grade, rel, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * The hub rule (traversals do not pass through an entity with more than `maxDegree` relationships)
 * must not let a role measure what it may not see: for a viewer a compound's degree is the number of
 * its visible links. Two organisations operate a compound that also holds four trafficking victims;
 * with maxDegree 2 the compound is a hub for an analyst (6 links) and not for a viewer (2 visible).
 * On the old rule the viewer's answers changed with the number of hidden victims.
 */
const P = 'test-policy-hub-degree:';
const SOURCE = `${P}source`;
const CENTRE = `${P}centre`;
const OPERATORS = [`${P}org-a`, `${P}org-b`];
const VICTIMS = [1, 2, 3, 4].map((i) => `${P}victim-${i}`);

const PATHS = `query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 2, filter: { maxDegree: 2 }) { nodes { id } } }`;
const NEIGHBOURHOOD = `query ($id: ID!) { neighbourhood(id: $id, depth: 2, filter: { maxDegree: 2 }) { nodes { id } } }`;
const COMMON = `query ($ids: [ID!]!) { commonConnections(ids: $ids, maxHops: 2, filter: { maxDegree: 2 }) { connections { entity { id } } skippedHubs { entity { id } degree } } }`;

describe('the hub rule counts only what the role may see', () => {
  let viewer: TestApi;
  let analyst: TestApi;

  beforeAll(async () => {
    [viewer, analyst] = await Promise.all([startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } }), startTestApi({}, undefined, { auth: { anonymousRole: 'analyst' } })]);
    await removeByPrefix(viewer.db, P);
    await writeRecords(viewer.db, [
      { kind: 'Source', id: SOURCE, name: 'Hub degree test source' },
      { kind: 'ScamCentre', id: CENTRE, name: 'Hub degree test compound', provenance: grade(SOURCE) },
      ...OPERATORS.map((id) => ({ kind: 'Organization', id, name: `Operator ${id}`, provenance: grade(SOURCE) })),
      ...VICTIMS.map((id) => ({ kind: 'Person', id, name: `Victim ${id}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) })),
      ...OPERATORS.map((id) => rel('OPERATES', id, CENTRE, SOURCE)),
      ...VICTIMS.map((id) => rel('HELD_AT', id, CENTRE, SOURCE)),
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(viewer.db, P);
    await Promise.all([viewer?.stop(), analyst?.stop()]);
  });

  const ids = (nodes: Array<{ id: string }> | undefined) => (nodes ?? []).map((n) => n.id).sort();

  it('paths: a viewer passes through the compound, an analyst finds it a hub', async () => {
    const variables = { from: OPERATORS[0], to: OPERATORS[1] };
    const seen = await viewer.graphql<{ paths: Array<{ nodes: Array<{ id: string }> }> }>(PATHS, variables);
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.paths.map((p) => ids(p.nodes))).toEqual([[CENTRE, ...OPERATORS].sort()]);
    const all = await analyst.graphql<{ paths: unknown[] }>(PATHS, variables);
    expect(all.data?.paths).toEqual([]);
  });

  it('neighbourhood: a viewer expands the compound (and sees no victim), an analyst does not', async () => {
    const seen = await viewer.graphql<{ neighbourhood: { nodes: Array<{ id: string }> } }>(NEIGHBOURHOOD, { id: OPERATORS[0] });
    expect(ids(seen.data?.neighbourhood.nodes)).toEqual([CENTRE, ...OPERATORS].sort());
    const all = await analyst.graphql<{ neighbourhood: { nodes: Array<{ id: string }> } }>(NEIGHBOURHOOD, { id: OPERATORS[0] });
    expect(ids(all.data?.neighbourhood.nodes)).toEqual([OPERATORS[0]!, CENTRE].sort());
  });

  type Common = { commonConnections: { connections: Array<{ entity: { id: string } }>; skippedHubs: Array<{ entity: { id: string }; degree: number }> } };

  it('commonConnections: the compound the operators share is an answer for both; only for the analyst a hub not passed through, with its degree', async () => {
    const seen = await viewer.graphql<Common>(COMMON, { ids: OPERATORS });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.commonConnections.connections.map((c) => c.entity.id)).toContain(CENTRE);
    expect(seen.data?.commonConnections.skippedHubs).toEqual([]);
    const all = await analyst.graphql<Common>(COMMON, { ids: OPERATORS });
    expect(all.errors).toBeUndefined();
    expect(all.data?.commonConnections.connections.map((c) => c.entity.id)).toEqual([CENTRE]);
    expect(all.data?.commonConnections.skippedHubs).toEqual([{ entity: { id: CENTRE }, degree: 6 }]);
  });

  it('a viewer who makes the compound a hub learns its visible degree, never the hidden victims', async () => {
    const seen = await viewer.graphql<Common>(COMMON.replace('maxDegree: 2', 'maxDegree: 1'), { ids: OPERATORS });
    expect(seen.data?.commonConnections.skippedHubs).toEqual([{ entity: { id: CENTRE }, degree: 2 }]);
  });
});
