/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read loosely: a wrong shape fails the expectation that reads it */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNetwork } from '../../src/generator/index.js';
import { KINDS, RELATIONSHIPS, type EntityLabel, type RelationshipType } from '../../src/model/index.js';
import { readDemoData, seedDemoData } from '../../src/seed/index.js';
import { importValues } from '../interchange/support.js';
import { removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * The graph as of a date (`asOf`) and as known at an instant (`knownAsOf`), through HTTP: on the
 * demo story (the October 2025 operation's arrests do not exist before its date), on a generated
 * network (a victim's journey as of a date between two stops ends at the earlier one), against a
 * plain reference written here from the stored facts and the domain model's dates, on the
 * look-ahead path and the reference path alike.
 */

const OPERATION = 'operation:interpol-2025-trafficking-fraud';
const ARRESTED_RECRUITER = 'person:recruiter-kay';
const P = 'test-asof:';
const G = 'test-asof-gen:';

describe('the graph as of a date', () => {
  let api: TestApi;
  let reference: TestApi;
  let viewer: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    reference = await startTestApi({}, undefined, { lookAhead: false });
    viewer = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } });
    await seedDemoData(api.db);
    await removeByPrefix(api.db, G);
    const imported = await importValues(api.db, [...generateNetwork({ entities: 300, seed: 17, prefix: G })]);
    expect(imported.rejections).toEqual([]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await removeByPrefix(api.db, G);
    await Promise.all([api?.stop(), reference?.stop(), viewer?.stop()]);
  });

  /** The same request on the look-ahead path and the reference path: the two answers must be equal. */
  const both = async (query: string, variables: Record<string, unknown>) => {
    const [fast, plain] = await Promise.all([api.graphql<any>(query, variables), reference.graphql<any>(query, variables)]);
    expect(fast.errors).toBeUndefined();
    expect(fast.data).toEqual(plain.data);
    return fast.data;
  };

  it('has no October 2025 operation, and no arrest by it, before the operation\'s date', async () => {
    const query = `query ($op: ID!, $person: ID!, $asOf: Date) {
      op: node(id: $op, asOf: $asOf) { id }
      person: node(id: $person, asOf: $asOf) { id relationships(types: [ARRESTED]) { totalCount edges { node { id ... on Arrest { date } } other { id } } } }
      operations(asOf: $asOf, first: 100) { edges { node { id } } }
    }`;
    const before = await both(query, { op: OPERATION, person: ARRESTED_RECRUITER, asOf: '2025-09-30' });
    expect(before.op).toBeNull();
    expect(before.person.relationships.totalCount).toBe(0);
    expect(before.person.relationships.edges).toEqual([]);
    expect(before.operations.edges.map((e: any) => e.node.id)).not.toContain(OPERATION);

    // The operation started on 1 October; the arrest is dated 16 October.
    const started = await both(query, { op: OPERATION, person: ARRESTED_RECRUITER, asOf: '2025-10-15' });
    expect(started.op).toEqual({ id: OPERATION });
    expect(started.person.relationships.totalCount).toBe(0);
    expect(started.operations.edges.map((e: any) => e.node.id)).toContain(OPERATION);

    // The operation's timeline as of the 15th: its targets and rescues, not yet the arrest.
    const timeline = await both(`query ($op: ID!) { timeline(id: $op, asOf: "2025-10-15") { edges { node { type } } } }`, { op: OPERATION });
    expect(timeline.timeline.edges.map((e: any) => e.node.type)).not.toContain('ARRESTED');
    expect(timeline.timeline.edges.map((e: any) => e.node.type)).toContain('RESCUED');

    const after = await both(query, { op: OPERATION, person: ARRESTED_RECRUITER, asOf: '2025-10-16' });
    expect(after.person.relationships.edges).toEqual([{ node: { id: 'rel:arrested:interpol-2025:recruiter-kay', date: '2025-10-16' }, other: { id: OPERATION } }]);
    expect(after.person.relationships.totalCount).toBe(1);

    // Without a lens: today's graph, the arrest included.
    const today = await both(query, { op: OPERATION, person: ARRESTED_RECRUITER, asOf: null });
    expect(today.person.relationships.totalCount).toBe(1);
  });

  it('reads everything below a lensed field through its lens, unless a field names its own', async () => {
    // The operation's links as of 15 October: targets and rescues (15th), not the arrest (16th); from
    // each linked entity, its own links as of the same date (the recruiter's arrest is still absent).
    const answer = await both(`query ($op: ID!) {
      node(id: $op, asOf: "2025-10-15") {
        relationships(first: 50) { edges { node { type } other { id relationships(types: [ARRESTED]) { totalCount } } } }
        later: relationships(types: [ARRESTED], asOf: "2025-10-20") { edges { other { id relationships(types: [ARRESTED]) { totalCount } } } }
      }
    }`, { op: OPERATION });
    const types = answer.node.relationships.edges.map((e: any) => e.node.type);
    expect(types).not.toContain('ARRESTED');
    expect(types).toEqual(expect.arrayContaining(['TARGETED', 'RESCUED', 'CONDUCTED']));
    expect(types).not.toContain('CLAIMED'); // INTERPOL's statement is dated 25 November
    // A field's own lens wins, and what lies below it inherits that one.
    expect(answer.node.later.edges).toEqual([{ other: { id: ARRESTED_RECRUITER, relationships: { totalCount: 1 } } }]);
  });

  /** Plain reference: every relationship of an entity, with its properties and the other end's. */
  const storedLinks = async (id: string) => {
    const { records } = await api.db.read(
      `MATCH (n:Entity {id: $id})-[r]-(m:Entity)
       RETURN type(r) AS type, properties(r) AS p, m.id AS other, [l IN labels(m) WHERE l IN $kinds][0] AS kind, properties(m) AS mp`,
      { id, kinds: Object.keys(KINDS) },
    );
    return records.map((record) => ({
      type: record.get('type') as RelationshipType, p: record.get('p') as Record<string, any>,
      other: record.get('other') as string, kind: record.get('kind') as EntityLabel, mp: record.get('mp') as Record<string, any>,
    }));
  };

  /** The rules of the lens, written again from the domain model's date properties. */
  const trueOn = (date: string, link: Awaited<ReturnType<typeof storedLinks>>[number]) => {
    const spec = RELATIONSHIPS[link.type];
    const start = spec.dateProperty ? link.p[spec.dateProperty] : undefined;
    if (typeof start === 'string' && start.slice(0, 10) > date) return false;
    const end = spec.endProperty ? link.p[spec.endProperty] : undefined;
    if (typeof end === 'string' && end < date) return false;
    const existsFrom = KINDS[link.kind].existsFrom;
    const from = existsFrom ? link.mp[existsFrom] : undefined;
    return !(typeof from === 'string' && from > date);
  };

  it('gives every story entity\'s relationships as of a date exactly as the plain reference does', async () => {
    // The story's entities (whatever other test files left in the shared database).
    const ids = (await readDemoData()).entities.map(({ entity }) => entity.id);
    expect(ids.length).toBeGreaterThan(40);
    const dates = ['2024-12-31', '2025-02-14', '2025-04-02', '2025-10-15', '2025-10-16', '2026-01-01'];
    for (const asOf of dates) {
      const answer = await both(`query ($ids: [ID!]!, $asOf: Date) { nodes(ids: $ids, asOf: $asOf) {
        id relationships(first: 100) { totalCount edges { node { id } } } } }`, { ids, asOf });
      for (const [i, id] of ids.entries()) {
        const node = answer.nodes[i];
        const links = (await storedLinks(id)).filter((link) => trueOn(asOf, link)).map((link) => link.p['id'] as string).sort();
        if (node === null) continue; // checked below: only entities that did not exist yet are null
        const got = node.relationships.edges.map((e: any) => e.node.id).sort();
        expect({ id, asOf, got }).toEqual({ id, asOf, got: links });
        expect(node.relationships.totalCount).toBe(links.length);
      }
      // An entity is null only when its kind exists from a date after asOf.
      const nulls = ids.filter((_, i) => answer.nodes[i] === null);
      for (const id of nulls) {
        const { records: own } = await api.db.read('MATCH (n:Entity {id: $id}) RETURN n.firstSeen AS firstSeen, n.startDate AS startDate', { id });
        const from = own[0]!.get('firstSeen') ?? own[0]!.get('startDate');
        expect(typeof from === 'string' && from > asOf).toBe(true);
      }
    }
  });

  it('ends a generated victim\'s journey, as of a date between two stops, at the earlier stop', async () => {
    const { records } = await api.db.read(
      `MATCH (v:Entity)-[s:TRAVELLED_TO]->() WHERE v.id STARTS WITH $g
       WITH v, s ORDER BY s.seq WITH v, collect(s) AS stops WHERE size(stops) >= 3 AND stops[1].date < stops[2].date
       RETURN v.id AS id, [s IN stops | {seq: s.seq, date: s.date}] AS stops LIMIT 5`,
      { g: G },
    );
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const stops = record.get('stops') as Array<{ seq: number; date: string }>;
      const between = stops[1]!.date; // on the second stop's date, before the third's
      const answer = await both(`query ($id: ID!, $asOf: Date) { node(id: $id, asOf: $asOf) { ... on Person { journey { seq date location { id } } } } }`,
        { id: record.get('id'), asOf: between });
      const journey = answer.node.journey as Array<{ seq: number; date: string }>;
      expect(journey.map((stop) => stop.seq)).toEqual(stops.filter((stop) => stop.date <= between).map((stop) => stop.seq));
      expect(journey.at(-1)!.seq).toBe(stops[1]!.seq);
      // The whole journey without a lens.
      const whole = await both(`query ($id: ID!) { node(id: $id) { ... on Person { journey { seq } } } }`, { id: record.get('id') });
      expect(whole.node.journey.length).toBe(stops.length);
    }
  });

  it('follows money and lists transfers as of a date exactly as a window ending the next day does', async () => {
    const { records } = await api.db.read(
      `MATCH (a:Entity)-[r:TRANSFERRED]->() WHERE a.id STARTS WITH $g WITH a, count(r) AS n, collect(r.at) AS ats WHERE n >= 2
       RETURN a.id AS id, ats ORDER BY n DESC, id LIMIT 3`, { g: G });
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const ats = (record.get('ats') as string[]).sort();
      const asOf = ats[Math.floor(ats.length / 2)]!.slice(0, 10);
      const nextDay = new Date(Date.parse(`${asOf}T00:00:00Z`) + 86_400_000).toISOString();
      const trail = `accounts { account { id } hops amountUsd } transfers { id at } totalAmountUsd truncated`;
      const lensed = await both(`query ($id: ID!, $asOf: Date) { moneyTrail(accountId: $id, asOf: $asOf, maxHops: 4) { ${trail} }
        transfers(filter: { from: $id }, asOf: $asOf, first: 100) { totalCount edges { node { id } } } }`, { id: record.get('id'), asOf });
      const windowed = await both(`query ($id: ID!, $until: DateTime) { moneyTrail(accountId: $id, until: $until, maxHops: 4) { ${trail} }
        transfers(filter: { from: $id, until: $until }, first: 100) { totalCount edges { node { id } } } }`, { id: record.get('id'), until: nextDay });
      expect(lensed).toEqual(windowed);
      expect(lensed.transfers.totalCount).toBe(ats.filter((at) => at < nextDay).length);
    }
  });

  it('finds paths and neighbourhoods only over the relationships of the date', async () => {
    // Before the arrest, the recruiter and the operation are not linked at all.
    const query = `query ($from: ID!, $to: ID!, $asOf: Date) {
      paths(from: $from, to: $to, asOf: $asOf, maxHops: 1) { relationships { id } }
      neighbourhood(id: $from, asOf: $asOf) { nodes { id } relationships { id } }
    }`;
    const after = await both(query, { from: ARRESTED_RECRUITER, to: OPERATION, asOf: '2025-11-01' });
    expect(after.paths).toEqual([{ relationships: [{ id: 'rel:arrested:interpol-2025:recruiter-kay' }] }]);
    expect(after.neighbourhood.nodes.map((n: any) => n.id)).toContain(OPERATION);

    const answer = await api.graphql<any>(query, { from: ARRESTED_RECRUITER, to: OPERATION, asOf: '2025-09-01' });
    // The operation does not exist yet: `to` is not found, said so; the neighbourhood lacks it.
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(answer.errors?.[0]?.message).toContain('as of 2025-09-01');
    expect(answer.data.neighbourhood.nodes.map((n: any) => n.id)).not.toContain(OPERATION);
    expect(answer.data.neighbourhood.relationships.map((r: any) => r.id)).not.toContain('rel:arrested:interpol-2025:recruiter-kay');
  });

  it('shows only what was recorded by an instant (knownAsOf), with each fact\'s recordedAt', async () => {
    const source = { kind: 'Source', id: `${P}source`, name: 'As-of test source' };
    const grade = [{ source: `${P}source`, reliability: 'B', credibility: 2 }];
    await writeRecords(api.db, [
      source,
      { kind: 'Person', id: `${P}recruiter`, name: 'Recruiter AsOf', roles: ['RECRUITER'], provenance: grade },
      { kind: 'Person', id: `${P}victim-1`, name: 'Victim AsOf One', roles: ['TRAFFICKING_VICTIM'], provenance: grade },
      { type: 'RECRUITED', from: `${P}recruiter`, to: `${P}victim-1`, date: '2025-01-01', provenance: grade },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeRecords(api.db, [
      { kind: 'Person', id: `${P}victim-2`, name: 'Victim AsOf Two', roles: ['TRAFFICKING_VICTIM'], provenance: grade },
      { type: 'RECRUITED', from: `${P}recruiter`, to: `${P}victim-2`, date: '2024-06-01', provenance: grade },
    ]);
    const query = `query ($id: ID!, $late: ID!, $at: DateTime) {
      node(id: $id, knownAsOf: $at) { recordedAt relationships { totalCount edges { node { recordedAt } other { id } } } }
      late: node(id: $late, knownAsOf: $at) { id }
      people(knownAsOf: $at, filter: { roles: [TRAFFICKING_VICTIM] }, first: 100) { edges { node { id } } }
    }`;
    const then = await both(query, { id: `${P}recruiter`, late: `${P}victim-2`, at: between });
    expect(then.late).toBeNull();
    expect(then.node.relationships.edges.map((e: any) => e.other.id)).toEqual([`${P}victim-1`]);
    expect(then.node.recordedAt < between).toBe(true);
    expect(then.node.relationships.edges[0].node.recordedAt < between).toBe(true);
    const people = then.people.edges.map((e: any) => e.node.id);
    expect(people).toContain(`${P}victim-1`);
    expect(people).not.toContain(`${P}victim-2`);

    const now = await both(query, { id: `${P}recruiter`, late: `${P}victim-2`, at: null });
    expect(now.late).toEqual({ id: `${P}victim-2` });
    // In date order: the later-recorded recruitment is the earlier one.
    expect(now.node.relationships.edges.map((e: any) => e.other.id)).toEqual([`${P}victim-2`, `${P}victim-1`]);

    // The recruiter's timeline as known then: one recruitment, not the one recorded later.
    const timeline = await both(`query ($id: ID!, $at: DateTime) { timeline(id: $id, knownAsOf: $at) { edges { at other { id } } } }`, { id: `${P}recruiter`, at: between });
    expect(timeline.timeline.edges).toEqual([{ at: '2025-01-01', other: { id: `${P}victim-1` } }]);

    // Both lenses at once: known by `between` and true on 2024-12-31 — nothing (victim 1 was recruited in 2025).
    const both2 = await both(`query ($id: ID!, $at: DateTime) { node(id: $id, knownAsOf: $at, asOf: "2024-12-31") { relationships { totalCount } } }`, { id: `${P}recruiter`, at: between });
    expect(both2.node.relationships.totalCount).toBe(0);
  });

  it('keeps the role\'s view under a lens: a viewer sees no victim at any date', async () => {
    const answer = await viewer.graphql<any>(`{
      victim: node(id: "person:ug-victim-1", asOf: "2025-03-01") { id }
      compound: node(id: "scamcentre:mm-myawaddy-1", asOf: "2026-01-01") { relationships(first: 100) { edges { other { id kind } } } }
    }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.victim).toBeNull();
    const kinds = answer.data.compound.relationships.edges.map((e: any) => e.other.id);
    expect(kinds.some((id: string) => id.includes('victim'))).toBe(false);
  });

  it('refuses a malformed date or instant, saying which argument and what it expects', async () => {
    // As variables: BAD_USER_INPUT naming the variable; written in the document: a validation error.
    const bad = await api.graphql<any>(`query ($d: Date) { node(id: "${OPERATION}", asOf: $d) { id } }`, { d: '2025-13-01' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/\$d/);
    const instant = await api.graphql<any>(`query ($t: DateTime) { scamCentres(knownAsOf: $t) { edges { node { id } } } }`, { t: 'last tuesday' });
    expect(instant.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(instant.errors?.[0]?.message).toMatch(/\$t/);
    const literal = await api.graphql<any>(`{ node(id: "${OPERATION}", asOf: "2025-13-01") { id } }`);
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.errors?.[0]?.message).toMatch(/Date/);
  });
});
