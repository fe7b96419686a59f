import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import type { Database } from '../../src/database/index.js';
import { Prng } from '../../src/generator/prng.js';
import { ROUND_TRIP_HEADER } from '../../src/server/plugins/useRoundTripHeader.js';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/testApi.js';

/**
 * A request's consecutive mutations written as one statement (src/resolvers/mutationsTogether.ts)
 * against the same request with every field written on its own (MUTATIONS_TOGETHER=false, the
 * reference). Generated requests of two to four upsert and link fields — writes that decide alone,
 * new entities and renames (declined: written on their own), refusals of every kind, invalid input,
 * links to a person a field before creates, and selections that read the graph — each run on both
 * APIs from the same stored state: the answer (data and errors), what is stored under the test's
 * ids, the dashboard tallies of its countries and the audit records the request appended must be
 * the same, and the chain must verify.
 */
const P = 'test-together:';
/** Neo4j plans each new combination of statements once, seconds each here: a bounded number of requests. */
const REQUESTS = Number(process.env['TOGETHER_REQUESTS'] ?? 30);
const SOURCE = `${P}source`;
const COUNTRY_CODES = ['PW', 'FM', 'MH'] as const;
const PERSONS = [`${P}person-1`, `${P}person-2`, `${P}person-3`];
const COUNTRIES = COUNTRY_CODES.map((code) => `${P}country-${code}`);
const CITY = `${P}city`;
const CENTRE = `${P}centre`;

function fixtures(): Array<Record<string, unknown>> {
  return [
    { kind: 'Source', id: SOURCE, name: 'Together source', provenance: [] },
    ...COUNTRY_CODES.map((code) => ({ kind: 'Location', id: `${P}country-${code}`, name: `Country ${code}`, locationType: 'COUNTRY', countryCode: code, provenance: grade(SOURCE) })),
    { kind: 'Location', id: CITY, name: 'City', locationType: 'CITY', countryCode: 'PW', provenance: grade(SOURCE) },
    { kind: 'ScamCentre', id: CENTRE, name: 'Centre', status: 'ACTIVE', provenance: grade(SOURCE) },
    ...PERSONS.map((id, i) => ({ kind: 'Person', id, name: `Person ${i + 1}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) })),
    { type: 'NATIONAL_OF', from: PERSONS[0], to: COUNTRIES[0], provenance: grade(SOURCE) },
    { type: 'TRAVELLED_TO', id: `${P}stop-1`, from: PERSONS[0], to: COUNTRIES[1], seq: 1, stage: 'RECRUITMENT', provenance: grade(SOURCE) },
    { type: 'HELD_AT', id: `${P}held-1`, from: PERSONS[1], to: CENTRE, heldFrom: '2030-03-01', heldUntil: '2030-06-01', provenance: grade(SOURCE) },
  ];
}

interface Field { name: string; type: string; input: Record<string, unknown>; selection: string }

const PERSON_SCALARS = '{ id name kind recordedAt __typename }';
const PERSON_GRAPH = '{ id nationalities { id } journey { id seq } }';

/** One mutation field of a generated request; `created` are persons new in this request, which later fields may link. */
function field(prng: Prng, created: string[], serial: () => number): Field {
  const person = () => prng.pick([...PERSONS, ...created]);
  const provenance = prng.chance(0.05) ? grade(`${P}no-such-source`) : grade(SOURCE);
  const roll = prng.next();
  if (roll < 0.35) {
    const fresh = prng.chance(0.2);
    const id = fresh ? `${P}new-${serial()}` : prng.pick(PERSONS);
    if (fresh) created.push(id);
    const index = PERSONS.indexOf(id);
    // The stored name (decides alone), a new one (a rename: written on its own), or none at all (invalid).
    const name = prng.chance(0.03) ? '' : index >= 0 && prng.chance(0.8) ? `Person ${index + 1}` : `Renamed ${serial()}`;
    const input = { id: prng.chance(0.04) ? CITY : id, name, roles: [prng.pick(['TRAFFICKING_VICTIM', 'RECRUITER'])], provenance };
    return { name: 'upsertPerson', type: 'PersonInput', input, selection: prng.chance(0.15) ? PERSON_GRAPH : PERSON_SCALARS };
  }
  if (roll < 0.6) {
    const to = prng.chance(0.05) ? `${P}nowhere` : prng.pick([...COUNTRIES, CITY]);
    const input = { id: prng.chance(0.5) ? `${P}stop-${1 + prng.int(3)}` : undefined, from: person(), to, seq: 1 + prng.int(4), stage: prng.pick(['RECRUITMENT', 'TRANSIT', 'EXPLOITATION']), provenance };
    return { name: 'linkJourneyStop', type: 'JourneyStopInput', input, selection: prng.chance(0.15) ? '{ id from { id name } }' : '{ id seq stage }' };
  }
  if (roll < 0.8) {
    // A nationality is a country's: to a city it is refused.
    const input = { from: person(), to: prng.chance(0.15) ? CITY : prng.pick(COUNTRIES), provenance };
    return { name: 'linkNationality', type: 'NationalityInput', input, selection: '{ id }' };
  }
  // A confinement's dates must stay in order once merged with the stored ones: some do not.
  const input = { id: prng.chance(0.6) ? `${P}held-1` : undefined, from: person(), to: CENTRE, ...(prng.chance(0.5) ? { heldFrom: prng.pick(['2030-01-01', '2030-07-01']) } : { heldUntil: prng.pick(['2030-02-01', '2030-09-01']) }), provenance };
  return { name: 'linkConfinement', type: 'ConfinementInput', input, selection: '{ id heldFrom heldUntil }' };
}

function request(fields: Field[]): { query: string; variables: Record<string, unknown> } {
  const variables = Object.fromEntries(fields.map((f, i) => [`v${i}`, JSON.parse(JSON.stringify(f.input))]));
  const params = fields.map((f, i) => `$v${i}: ${f.type}!`).join(', ');
  const body = fields.map((f, i) => `f${i}: ${f.name}(input: $v${i}) ${f.selection}`).join('\n  ');
  return { query: `mutation Together(${params}) {\n  ${body}\n}`, variables };
}

/** The answer without what differs between runs (the time a fact was recorded). */
function answerOf(response: GraphQLResponse): unknown {
  const data = JSON.parse(JSON.stringify(response.data ?? null, (key, value) => (key === 'recordedAt' && typeof value === 'string' ? 'recorded' : value)));
  const errors = (response.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.['code'] }));
  return { data, errors };
}

/** What the test's ids hold, the tallies of its countries and the audit records after `sinceSeq`. */
async function stored(db: Database, sinceSeq: number): Promise<unknown> {
  const withoutTimes = (properties: Record<string, unknown>) => Object.fromEntries(Object.entries(properties).filter(([k]) => k !== 'createdAt' && k !== 'updatedAt').sort(([a], [b]) => a.localeCompare(b)));
  const entities = await db.read<{ id: string; labels: string[]; properties: Record<string, unknown> }>(
    'MATCH (n:Entity) WHERE n.id STARTS WITH $P RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties ORDER BY id', { P });
  const links = await db.read<{ type: string; properties: Record<string, unknown> }>(
    'MATCH (a:Entity)-[r]->() WHERE a.id STARTS WITH $P RETURN type(r) AS type, properties(r) AS properties ORDER BY r.id', { P });
  const tallies = await db.read<{ tally: Record<string, unknown> }>(
    'MATCH (t:DashboardTally) WHERE any(code IN $codes WHERE t.key CONTAINS code) RETURN t {.board, .key, .count} AS tally ORDER BY t.board, t.key', { codes: [...COUNTRY_CODES] });
  const audit = await db.read<{ event: Record<string, unknown> }>(
    'MATCH (a:AuditEvent) WHERE a.seq > $sinceSeq RETURN a {.kind, .mutation, .entityIds, .inputHash} AS event ORDER BY a.seq', { sinceSeq });
  return {
    entities: entities.records.map((r) => ({ id: r.get('id'), labels: [...r.get('labels')].sort(), properties: withoutTimes(r.get('properties')) })),
    links: links.records.map((r) => ({ type: r.get('type'), properties: withoutTimes(r.get('properties')) })),
    tallies: tallies.records.map((r) => r.get('tally')),
    audit: audit.records.map((r) => r.get('event')),
  };
}

async function headSeq(db: Database): Promise<number> {
  const { records } = await db.read<{ seq: number }>('MATCH (h:AuditHead) RETURN h.seq AS seq');
  return Number(records[0]?.get('seq') ?? 0);
}

async function reset(db: Database): Promise<void> {
  await removeByPrefix(db, P);
  await writeRecords(db, fixtures());
}

/** The request on one API from the fixtures' state: its answer, round trips and what it stored. */
async function runOn(api: TestApi, query: string, variables: Record<string, unknown>): Promise<{ answer: unknown; stored: unknown; roundTrips: number }> {
  await reset(api.db);
  const since = await headSeq(api.db);
  const response = await api.graphql(query, variables);
  expect(response.status, JSON.stringify(response.errors)).toBe(200);
  return { answer: answerOf(response), stored: await stored(api.db, since), roundTrips: Number(response.headers.get(ROUND_TRIP_HEADER)) };
}

describe('mutations written together', () => {
  let together: TestApi;
  let alone: TestApi;

  beforeAll(async () => {
    together = await startTestApi({}, undefined, { mutationsTogether: true });
    alone = await startTestApi({}, undefined, { mutationsTogether: false });
  }, 120_000);

  afterAll(async () => {
    await removeByPrefix(together.db, P);
    await together?.stop();
    await alone?.stop();
  });

  it('answer, store, tally and audit as the fields one after another do', async () => {
    const prng = new Prng(20261203);
    let serial = 0;
    let fewer = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const created: string[] = [];
      const fields = Array.from({ length: 2 + prng.int(3) }, () => field(prng, created, () => ++serial));
      const { query, variables } = request(fields);
      const reference = await runOn(alone, query, variables);
      const fast = await runOn(together, query, variables);
      expect(fast.answer, `request ${i}:\n${query}\n${JSON.stringify(variables)}`).toEqual(reference.answer);
      expect(fast.stored, `request ${i}:\n${query}\n${JSON.stringify(variables)}`).toEqual(reference.stored);
      if (fast.roundTrips < reference.roundTrips) fewer++;
    }
    // The generated requests did go together, often enough to have been compared.
    expect(fewer).toBeGreaterThan(REQUESTS / 5);
    expect(await verifyAuditChain(together.db)).toMatchObject({ ok: true });
  }, 300_000);

  it('a person upserted and a stop linked go as one statement', async () => {
    const { query, variables } = request([
      { name: 'upsertPerson', type: 'PersonInput', input: { id: PERSONS[0], name: 'Person 1', provenance: grade(SOURCE) }, selection: '{ id name }' },
      { name: 'linkJourneyStop', type: 'JourneyStopInput', input: { from: PERSONS[0], to: COUNTRIES[2], seq: 2, stage: 'TRANSIT', provenance: grade(SOURCE) }, selection: '{ id }' },
    ]);
    const reference = await runOn(alone, query, variables);
    const fast = await runOn(together, query, variables);
    expect(fast.answer).toEqual(reference.answer);
    expect(fast.stored).toEqual(reference.stored);
    expect(reference.roundTrips).toBe(2);
    expect(fast.roundTrips).toBe(1);
  }, 60_000);

  it('a field that reads the graph is answered before the fields after it are written', async () => {
    const { query, variables } = request([
      { name: 'upsertPerson', type: 'PersonInput', input: { id: PERSONS[0], name: 'Person 1', provenance: grade(SOURCE) }, selection: PERSON_GRAPH },
      { name: 'linkNationality', type: 'NationalityInput', input: { from: PERSONS[0], to: COUNTRIES[2], provenance: grade(SOURCE) }, selection: '{ id }' },
    ]);
    const reference = await runOn(alone, query, variables);
    const fast = await runOn(together, query, variables);
    expect(fast.answer).toEqual(reference.answer);
    expect(fast.answer).toMatchObject({ data: { f0: { nationalities: [{ id: COUNTRIES[0] }] } } });
    expect(fast.stored).toEqual(reference.stored);
  }, 60_000);
});
