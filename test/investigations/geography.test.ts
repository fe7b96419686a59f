import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';
import neo4j from 'neo4j-driver';
import { importValues } from '../interchange/support.js';
import { removeByPrefix } from '../support/fixtures.js';
import { generateNetwork } from '../../src/generator/index.js';
import { nearStatement, WITHIN_BOX_CONDITION } from '../../src/graph/geo.js';
import { entityFilterConditions, listEntities } from '../../src/graph/index.js';
import { visibilityFor } from '../../src/policy/index.js';

/**
 * Geography through HTTP: scam centres near a point (nearest first, with distances), a bounding box
 * on the lists (across the 180th meridian too), points kept in step by both write paths, GeoJSON of
 * a view — and every answer compared with a plain statement that computes distances without the
 * point index.
 */
const P = 'geo-test:';
const SOURCE = `${P}source`;
const PROVENANCE = [{ source: SOURCE, reliability: 'B', credibility: 2 }];

/** Real places: two compounds on either side of the Moei river, one in Phnom Penh, two across the 180th meridian. */
const CENTRES: Record<string, [number, number] | null> = {
  myawaddy: [16.687, 98.508],
  'mae-sot': [16.713, 98.575],
  'phnom-penh': [11.556, 104.928],
  suva: [-18.141, 178.441],
  apia: [-13.833, -171.761],
  nowhere: null,
};
const id = (name: string) => `${P}centre-${name}`;

/** Great-circle distance in km (haversine, on Neo4j's WGS-84 sphere radius). */
function haversineKm([lat1, lon1]: [number, number], [lat2, lon2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_378.14 * Math.asin(Math.sqrt(a));
}

interface Near { scamCentre: { id: string; name: string }; distanceKm: number }

describe('geography', () => {
  let api: TestApi;

  const near = async (latitude: number, longitude: number, radiusKm: number, first = 100) => {
    const answer = await api.graphql<{ scamCentresNear: Near[] }>(
      'query($la: Float!, $lo: Float!, $r: Float!, $f: Int) { scamCentresNear(latitude: $la, longitude: $lo, radiusKm: $r, first: $f) { scamCentre { id name } distanceKm } }',
      { la: latitude, lo: longitude, r: radiusKm, f: first },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.scamCentresNear;
  };

  /** The reference: distances computed from the stored coordinates, every centre read, no point index. */
  const reference = async (latitude: number, longitude: number, radiusKm: number, first = 100) => {
    const { records } = await api.db.read(
      `WITH point({latitude: $latitude, longitude: $longitude}) AS centre
       MATCH (n:ScamCentre) WHERE n.latitude IS NOT NULL AND n.longitude IS NOT NULL
       WITH n, point.distance(point({latitude: n.latitude, longitude: n.longitude}), centre) AS metres
       WHERE metres <= $metres RETURN n.id AS id, metres ORDER BY metres, n.id LIMIT toInteger($first)`,
      { latitude, longitude, metres: radiusKm * 1000, first },
    );
    return records.map((r) => ({ id: r.get('id') as string, distanceKm: Number(r.get('metres')) / 1000 }));
  };

  const upsert = (name: string, coordinates: [number, number] | null, extra: Record<string, unknown> = {}) =>
    api.graphql(`mutation($input: ScamCentreInput!) { upsertScamCentre(input: $input) { id } }`, {
      input: { id: id(name), name: `Compound ${name} (geo test)`, provenance: PROVENANCE, ...(coordinates ? { latitude: coordinates[0], longitude: coordinates[1] } : {}), ...extra },
    });

  beforeAll(async () => {
    api = await startTestApi();
    await api.db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p: P });
    const source = await api.graphql(`mutation { upsertSource(input: { id: "${SOURCE}", name: "Geo test source", publisher: "Test" }) { id } }`);
    expect(source.errors).toBeUndefined();
    // Half through the mutations, half through the importer: both write paths keep the point.
    const names = Object.keys(CENTRES);
    for (const name of names.slice(0, 3)) expect((await upsert(name, CENTRES[name]!)).errors).toBeUndefined();
    const imported = await importValues(api.db, names.slice(3).map((name) => ({
      kind: 'ScamCentre', id: id(name), name: `Compound ${name} (geo test)`, provenance: PROVENANCE,
      ...(CENTRES[name] ? { latitude: CENTRES[name]![0], longitude: CENTRES[name]![1] } : {}),
    })));
    expect(imported.rejections).toEqual([]);
  });
  afterAll(async () => {
    await api.db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p: P });
    await api.stop();
  });

  it('finds the compounds near a border crossing, nearest first, with their great-circle distances', async () => {
    const crossing: [number, number] = [16.70, 98.54];
    const found = (await near(crossing[0], crossing[1], 50)).filter((n) => n.scamCentre.id.startsWith(P));
    expect(found.map((n) => n.scamCentre.id)).toEqual([id('myawaddy'), id('mae-sot')].sort((a, b) => haversineKm(crossing, CENTRES[a.slice(`${P}centre-`.length)]!) - haversineKm(crossing, CENTRES[b.slice(`${P}centre-`.length)]!)));
    for (const n of found) {
      const expected = haversineKm(crossing, CENTRES[n.scamCentre.id.slice(`${P}centre-`.length)]!);
      expect(Math.abs(n.distanceKm - expected) / expected).toBeLessThan(0.005);
    }
    // `first` keeps the nearest (the story's illustrative compound near Myawaddy may be among them).
    expect((await near(crossing[0], crossing[1], 50, 1)).map((n) => n.scamCentre.id)).toEqual((await reference(crossing[0], crossing[1], 50, 1)).map((r) => r.id));
  });

  it('answers as the plain reference does, at every radius from 1 km to across the Pacific', async () => {
    for (const [latitude, longitude] of [[16.70, 98.54], [11.5, 104.9], [-16, 179.9], [0, 0]] as Array<[number, number]>) {
      for (const radiusKm of [1, 10, 100, 1_000, 5_000, 20_000]) {
        const fast = (await near(latitude, longitude, radiusKm)).map((n) => ({ id: n.scamCentre.id, distanceKm: n.distanceKm }));
        expect(fast, `${latitude},${longitude} within ${radiusKm} km`).toEqual(await reference(latitude, longitude, radiusKm));
      }
    }
  });

  it('filters the lists by a bounding box, across the 180th meridian too', async () => {
    const within = async (box: Record<string, number>) => {
      const answer = await api.graphql<{ scamCentres: { edges: Array<{ node: { id: string } }> } }>(
        'query($box: BoundingBox!) { scamCentres(filter: { within: $box }, first: 100) { edges { node { id } } } }', { box },
      );
      expect(answer.errors).toBeUndefined();
      return answer.data!.scamCentres.edges.map((e) => e.node.id).filter((i) => i.startsWith(P)).sort();
    };
    await expect(within({ south: 16, west: 98, north: 17, east: 99 })).resolves.toEqual([id('mae-sot'), id('myawaddy')]);
    await expect(within({ south: -20, west: 177, north: -13, east: -171 })).resolves.toEqual([id('apia'), id('suva')]);
    await expect(within({ south: -90, west: -180, north: 90, east: 180 })).resolves.toEqual(Object.keys(CENTRES).filter((n) => CENTRES[n]).map(id).sort());
  });

  it('keeps the point in step with the coordinates: moved, the compound is found where it is; without them, nowhere', async () => {
    expect((await upsert('mae-sot', [11.6, 104.9])).errors).toBeUndefined();
    expect((await near(16.70, 98.54, 50)).map((n) => n.scamCentre.id)).not.toContain(id('mae-sot'));
    expect((await near(11.556, 104.928, 50)).map((n) => n.scamCentre.id)).toContain(id('mae-sot'));
    expect((await upsert('mae-sot', null, { latitude: null, longitude: null })).errors).toBeUndefined();
    expect((await near(11.556, 104.928, 50)).map((n) => n.scamCentre.id)).not.toContain(id('mae-sot'));
    const stored = await api.db.read('MATCH (n:Entity {id: $id}) RETURN n.geoPoint AS point', { id: id('mae-sot') });
    expect(stored.records[0]?.get('point')).toBeNull();
    expect((await upsert('mae-sot', CENTRES['mae-sot']!)).errors).toBeUndefined();
    // The importer's update path too: Suva moved to Phnom Penh, then back.
    const moveSuva = (coordinates: [number, number]) => importValues(api.db, [{ kind: 'ScamCentre', id: id('suva'), name: 'Compound suva (geo test)', latitude: coordinates[0], longitude: coordinates[1], provenance: PROVENANCE }]);
    expect((await moveSuva([11.55, 104.92])).rejections).toEqual([]);
    expect((await near(11.556, 104.928, 50)).map((n) => n.scamCentre.id)).toContain(id('suva'));
    expect((await near(-18.141, 178.441, 50)).map((n) => n.scamCentre.id)).not.toContain(id('suva'));
    expect((await moveSuva(CENTRES['suva']!)).rejections).toEqual([]);
    expect((await near(-18.141, 178.441, 50)).map((n) => n.scamCentre.id)).toContain(id('suva'));
  });

  it('refuses coordinates, radii and boxes out of range, naming what is wrong', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['query { scamCentresNear(latitude: 91, longitude: 0, radiusKm: 10) { distanceKm } }', {}, /latitude.*from -90 to 90 degrees \(got 91\)/],
      ['query { scamCentresNear(latitude: 0, longitude: -181, radiusKm: 10) { distanceKm } }', {}, /longitude.*from -180 to 180 degrees/],
      ['query { scamCentresNear(latitude: 0, longitude: 0, radiusKm: 0) { distanceKm } }', {}, /radiusKm.*more than 0 and at most 20,000/],
      ['query { scamCentresNear(latitude: 0, longitude: 0, radiusKm: 10, first: 0) { distanceKm } }', {}, /first.*from 1 to 100/],
      ['query { scamCentres(filter: { within: { south: 10, west: 0, north: 5, east: 1 } }) { totalCount } }', {}, /filter\.within\.north.*must not be south of south \(10\)/],
      ['query { scamCentres(filter: { within: { south: 0, west: 0, north: 95, east: 1 } }) { totalCount } }', {}, /filter\.within\.north.*latitude/],
    ];
    for (const [query, variables, message] of cases) {
      const answer = await api.graphql(query, variables);
      expect(answer.errors?.[0]?.extensions?.['code'], query).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.message, query).toMatch(message);
    }
  });

  it('exports a view as GeoJSON: centres as points [longitude, latitude], a journey as a line in its order', async () => {
    const lines = [
      { kind: 'Location', id: `${P}place-a`, name: 'Place A', locationType: 'CITY', countryCode: 'TH', latitude: 13.75, longitude: 100.5, provenance: PROVENANCE },
      { kind: 'Location', id: `${P}place-b`, name: 'Place B', locationType: 'CITY', countryCode: 'MM', latitude: 16.687, longitude: 98.508, provenance: PROVENANCE },
      { kind: 'Person', id: `${P}traveller`, name: 'Traveller (geo test)', roles: ['TRAFFICKING_VICTIM'], provenance: PROVENANCE },
      { type: 'TRAVELLED_TO', from: `${P}traveller`, to: `${P}place-b`, seq: 2, stage: 'EXPLOITATION', provenance: PROVENANCE },
      { type: 'TRAVELLED_TO', from: `${P}traveller`, to: `${P}place-a`, seq: 1, stage: 'TRANSIT', provenance: PROVENANCE },
    ];
    expect((await importValues(api.db, lines)).rejections).toEqual([]);
    const answer = await api.graphql<{ exportView: { content: string; mediaType: string } }>(
      'query($ids: [ID!]!) { exportView(ids: $ids, format: GEOJSON) { content mediaType } }',
      { ids: [id('myawaddy'), id('nowhere'), `${P}place-a`, `${P}place-b`, `${P}traveller`] },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.exportView.mediaType).toBe('application/geo+json');
    const geojson = JSON.parse(answer.data!.exportView.content) as { type: string; features: Array<{ id: string; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }> };
    expect(geojson.type).toBe('FeatureCollection');
    const byId = new Map(geojson.features.map((f) => [f.id, f]));
    expect(byId.get(id('myawaddy'))?.geometry).toEqual({ type: 'Point', coordinates: [98.508, 16.687] });
    expect(byId.has(id('nowhere'))).toBe(false);
    expect(byId.get(`journey:${P}traveller`)?.geometry).toEqual({ type: 'LineString', coordinates: [[100.5, 13.75], [98.508, 16.687]] });
    expect(byId.get(`journey:${P}traveller`)?.properties['stops']).toEqual([
      { locationId: `${P}place-a`, seq: 1, stage: 'TRANSIT', illustrative: false }, { locationId: `${P}place-b`, seq: 2, stage: 'EXPLOITATION', illustrative: false },
    ]);
    expect(byId.get(`journey:${P}traveller`)?.properties['illustrative']).toBe(false);
    // A viewer: the traveller is a victim, so neither the person nor the journey exists in the file.
    const viewer = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } });
    try {
      const asViewer = await viewer.graphql<{ exportView: { content: string } }>(
        'query($ids: [ID!]!) { exportView(ids: $ids, format: GEOJSON) { content } }',
        { ids: [id('myawaddy'), `${P}place-a`, `${P}place-b`, `${P}traveller`] },
      );
      expect(asViewer.errors).toBeUndefined();
      const features = (JSON.parse(asViewer.data!.exportView.content) as { features: Array<{ id: string }> }).features.map((f) => f.id).sort();
      expect(features).toEqual([id('myawaddy'), `${P}place-a`, `${P}place-b`].sort());
    } finally {
      await viewer.stop();
    }
  });

  it('answers on a generated network (compounds around the places the sources name) as the plain statement does', async () => {
    const G = 'geo-test-gen:';
    await removeByPrefix(api.db, G);
    const imported = await importValues(api.db, [...generateNetwork({ entities: 2_000, seed: 23, prefix: G })]);
    expect(imported.rejections).toEqual([]);
    try {
      const { records } = await api.db.read('MATCH (n:ScamCentre) WHERE n.id STARTS WITH $g AND n.geoPoint IS NOT NULL RETURN count(n) AS n', { g: G });
      expect(records[0]!.get('n')).toBeGreaterThan(5);
      // Around Myawaddy, Sihanoukville and Lima, at three radii: the same centres in the same order, the same distances.
      for (const [latitude, longitude] of [[16.69, 98.51], [10.63, 103.52], [-12.05, -77.04]] as const) {
        for (const radiusKm of [25, 80, 250]) {
          const got = await near(latitude, longitude, radiusKm, 100);
          const want = await reference(latitude, longitude, radiusKm, 100);
          expect(got.map((hit) => hit.scamCentre.id)).toEqual(want.map((hit) => hit.id));
          for (const [i, hit] of got.entries()) expect(hit.distanceKm).toBeCloseTo(want[i]!.distanceKm, 6);
        }
      }
      // A box around the Golden Triangle holds exactly the generated Lao compounds in it.
      const box = { south: 19.5, west: 99.3, north: 21.2, east: 100.9 };
      const listed = await api.graphql<{ scamCentres: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
        'query($w: BoundingBox) { scamCentres(filter: { within: $w }, first: 100) { totalCount edges { node { id } } } }', { w: box });
      expect(listed.errors).toBeUndefined();
      const { records: inBox } = await api.db.read(
        'MATCH (n:ScamCentre) WHERE n.latitude >= $s AND n.latitude <= $n AND n.longitude >= $w AND n.longitude <= $e RETURN n.id AS id ORDER BY n.name, n.id',
        { s: box.south, n: box.north, w: box.west, e: box.east });
      expect(listed.data!.scamCentres.edges.map((e) => e.node.id).sort()).toEqual(inBox.map((r) => r.get('id') as string).sort());
      expect(listed.data!.scamCentres.totalCount).toBe(inBox.length);
      expect(inBox.length).toBeGreaterThan(0);
    } finally {
      await removeByPrefix(api.db, G);
    }
  });

  it('reads both through the point index (a seek by range, not a scan of every centre)', async () => {
    const plans = async (cypher: string, params: Record<string, unknown>) => {
      const { summary } = await api.db.read(`EXPLAIN ${cypher}`, params);
      const operators: string[] = [];
      const walk = (plan: { operatorType: string; arguments?: Record<string, unknown>; children?: unknown[] }) => {
        operators.push(`${plan.operatorType} ${String(plan.arguments?.['Details'] ?? '')}`);
        for (const child of plan.children ?? []) walk(child as typeof plan);
      };
      walk(summary.plan as unknown as Parameters<typeof walk>[0]);
      return operators.join('\n');
    };
    const nearPlan = await plans(nearStatement('ScamCentre', visibilityFor('viewer')), { latitude: 16.7, longitude: 98.5, metres: 50_000, first: neo4j.int(20) });
    expect(nearPlan).toMatch(/NodeIndexSeekByRange.*POINT INDEX n:ScamCentre\(geoPoint\)/);
    const boxPlan = await plans(`MATCH (n:ScamCentre) WHERE ${WITHIN_BOX_CONDITION} RETURN n`, { within: { south: 1, west: 2, north: 3, east: 4 } });
    expect(boxPlan).toMatch(/NodeIndexSeekByRange.*POINT INDEX/);
    // The list's own statement, as `scamCentres(filter: { within })` sends it (captured, then EXPLAINed).
    const sent: string[] = [];
    const filter = entityFilterConditions('ScamCentre', { within: { south: 1, west: 2, north: 3, east: 4 } });
    await listEntities(api.db.withObserver(({ cypher }) => sent.push(cypher)), {
      label: 'ScamCentre', conditions: filter.conditions, patterns: filter.patterns, params: filter.params, labelsAnyOf: filter.labelsAnyOf,
      first: 20, after: undefined, sortExpression: 'n.name', sortAlwaysSet: true, direction: 'ASC',
    }, visibilityFor('viewer'));
    expect(sent).toHaveLength(1);
    // Which index the planner picks depends on the store's statistics (a few test centres: maybe
    // none); that the statement can seek the point index does not. An index hint is refused with an
    // error when the condition cannot use the index, so the hinted plan proves it can.
    const statement = sent[0]!;
    expect(statement).toContain('MATCH (n:ScamCentre) WHERE');
    const hinted = statement.replace('MATCH (n:ScamCentre) WHERE', 'MATCH (n:ScamCentre) USING INDEX n:ScamCentre(geoPoint) WHERE');
    const listPlan = await plans(hinted, { ...filter.params, afterValue: null, afterId: null, limit: neo4j.int(21) });
    expect(listPlan).toMatch(/NodeIndexSeekByRange.*POINT INDEX/);
  });
});
