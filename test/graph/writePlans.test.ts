import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/index.js';
import { Prng } from '../../src/generator/prng.js';
import {
  countRecruitmentCorridors, countScamCentresByCountry, countVictimsByNationality, recountRecruitmentCorridors, recountScamCentresByCountry,
  recountVictimsByNationality, recountFlowsByCurrencyAndMonth, sumFlowsByCurrencyAndMonth,
} from '../../src/graph/index.js';
import { JOURNEY_STAGES, SCAM_CENTRE_STATUSES } from '../../src/model/index.js';
import { removeByPrefix } from '../support/fixtures.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/testApi.js';

/**
 * Mutations write on one of two plans (src/graph/writes.ts): the fast one (checks and one statement
 * holding the tallies' lock, the write and the tallies' change, sent together, with the audit event
 * alongside) and the plain reference (stepwise, each statement after the answer before it; a server
 * with LOOKAHEAD=false). The same generated sequence of mutations — valid ones, updates, and ones
 * refused for every reason the checks have — runs through a server on each plan, from the same
 * start; the answers, the stored graph (sort keys and resolution keys included), the audit events
 * and the dashboards must come out the same, and the dashboards equal to their recount.
 */
const P = 'test-writeplans:';
const SOURCE = `${P}source`;
const PROVENANCE = [{ source: SOURCE, reliability: 'B', credibility: 2 }];
const COUNTRIES = ['VU', 'TV', 'NR'] as const;

interface Step { query: string; variables: Record<string, unknown> }

const M = {
  source: 'mutation ($input: SourceInput!) { upsertSource(input: $input) { id name } }',
  person: 'mutation ($input: PersonInput!) { upsertPerson(input: $input) { id name roles aliases } }',
  organization: 'mutation ($input: OrganizationInput!) { upsertOrganization(input: $input) { id name } }',
  centre: 'mutation ($input: ScamCentreInput!) { upsertScamCentre(input: $input) { id name status } }',
  location: 'mutation ($input: LocationInput!) { upsertLocation(input: $input) { id name countryCode } }',
  account: 'mutation ($input: AccountInput!) { upsertAccount(input: $input) { id name identifier } }',
  journey: 'mutation ($input: JourneyStopInput!) { linkJourneyStop(input: $input) { id seq stage } }',
  nationality: 'mutation ($input: NationalityInput!) { linkNationality(input: $input) { id } }',
  placement: 'mutation ($input: PlacementInput!) { linkPlacement(input: $input) { id } }',
  transfer: 'mutation ($input: TransferInput!) { linkTransfer(input: $input) { id amount currency at } }',
  recruitment: 'mutation ($input: RecruitmentInput!) { linkRecruitment(input: $input) { id date method } }',
  membership: 'mutation ($input: MembershipInput!) { linkMembership(input: $input) { id role } }',
  twoWrites: `mutation ($person: PersonInput!, $stop: JourneyStopInput!) {
    upsertPerson(input: $person) { id name }
    linkJourneyStop(input: $stop) { id seq }
  }`,
};

/** A sequence of mutations over a small world: most valid, some refused (wrong kind, missing end or source, an id another link holds). */
function generateSteps(seed: number, count: number): Step[] {
  const p = new Prng(seed);
  const persons: string[] = [];
  const centres: string[] = [];
  const accounts: string[] = [];
  const orgs: string[] = [];
  const places = COUNTRIES.map((code) => `${P}country-${code}`);
  const links: Array<{ id: string; from: string; to: string }> = [];
  let serial = 0;
  const next = (kind: string) => `${P}${kind}-${++serial}`;
  const provenance = () => (p.chance(0.06) ? [{ source: `${P}no-such-source`, reliability: 'C', credibility: 3 }] : PROVENANCE);
  const anyEntity = () => p.pick([...persons, ...centres, ...accounts, ...orgs, ...places]);
  const maybeMissing = (id: string) => (p.chance(0.05) ? `${P}missing-${p.int(5)}` : id);
  const steps: Step[] = [
    { query: M.source, variables: { input: { id: SOURCE, name: 'Write plans test source' } } },
    ...COUNTRIES.map((code) => ({ query: M.location, variables: { input: { id: `${P}country-${code}`, name: `Country ${code}`, locationType: 'COUNTRY', countryCode: code, provenance: PROVENANCE } } })),
  ];
  while (steps.length < count) {
    const roll = p.next();
    if (roll < 0.16 || persons.length < 2) {
      // New or updated; now and then an id another kind holds (refused: kind conflict).
      const id = p.chance(0.3) && persons.length > 0 ? p.pick(persons) : p.chance(0.05) && centres.length > 0 ? p.pick(centres) : next('person');
      if (id.includes('person') && !persons.includes(id)) persons.push(id);
      steps.push({ query: M.person, variables: { input: { id, name: `Person ${p.int(1000)}`, roles: [p.pick(['TRAFFICKING_VICTIM', 'RECRUITER', 'FRAUD_VICTIM'])], ...(p.chance(0.3) ? { aliases: [`Alias ${p.int(50)}`] } : {}), provenance: provenance() } } });
    } else if (roll < 0.24) {
      const id = p.chance(0.3) && centres.length > 0 ? p.pick(centres) : next('centre');
      if (!centres.includes(id)) centres.push(id);
      steps.push({ query: M.centre, variables: { input: { id, name: `Centre ${p.int(100)}`, status: p.pick(SCAM_CENTRE_STATUSES), provenance: provenance() } } });
    } else if (roll < 0.3) {
      const id = next('account');
      accounts.push(id);
      steps.push({ query: M.account, variables: { input: { id, name: `Account ${id}`, accountType: 'CRYPTO_WALLET', identifier: `T${p.int(1e9)}`, provenance: provenance() } } });
    } else if (roll < 0.34) {
      const id = p.chance(0.2) && orgs.length > 0 ? p.pick(orgs) : p.chance(0.1) ? p.pick(persons) : next('org');
      if (id.includes('org') && !orgs.includes(id)) orgs.push(id);
      steps.push({ query: M.organization, variables: { input: { id, name: `Group ${p.int(100)}`, provenance: provenance() } } });
    } else if (roll < 0.37) {
      // A country whose code changes: every corridor and centre through it moves (the stepwise way on both plans).
      const code = p.pick(COUNTRIES);
      steps.push({ query: M.location, variables: { input: { id: p.pick(places), name: `Country ${code}`, locationType: 'COUNTRY', countryCode: code, provenance: PROVENANCE } } });
    } else if (roll < 0.52) {
      // Journey stops, new and repeated; an explicit id another pair holds (refused), a stop to a person (wrong kind).
      const reuse = p.chance(0.15) && links.length > 0 ? p.pick(links) : undefined;
      const from = maybeMissing(p.pick(persons));
      const to = p.chance(0.05) ? p.pick(persons) : maybeMissing(p.pick(places));
      const id = reuse && p.chance(0.5) ? reuse.id : p.chance(0.5) ? next('stop') : undefined;
      if (id && !reuse) links.push({ id, from, to });
      steps.push({ query: M.journey, variables: { input: { ...(id ? { id } : {}), from, to, seq: 1 + p.int(4), ...(p.chance(0.7) ? { stage: p.pick(JOURNEY_STAGES) } : {}), provenance: provenance() } } });
    } else if (roll < 0.6) {
      steps.push({ query: M.nationality, variables: { input: { from: maybeMissing(p.pick(persons)), to: p.chance(0.05) ? anyEntity() : p.pick(places), provenance: provenance() } } });
    } else if (roll < 0.66 && centres.length > 0) {
      steps.push({ query: M.placement, variables: { input: { from: p.pick(centres), to: maybeMissing(p.pick(places)), provenance: provenance() } } });
    } else if (roll < 0.78 && accounts.length >= 2) {
      const reuse = p.chance(0.25) ? links.find((l) => l.id.includes('transfer')) : undefined;
      const id = reuse?.id ?? next('transfer');
      const from = reuse?.from ?? p.pick(accounts);
      const to = reuse?.to ?? p.pick(accounts.filter((a) => a !== from));
      if (!reuse) links.push({ id, from, to });
      const at = p.chance(0.2) ? undefined : new Date(Date.UTC(2030, p.int(6), 1 + p.int(28), p.int(24))).toISOString();
      steps.push({ query: M.transfer, variables: { input: { id, from, to, currency: p.pick(['TSTA', 'TSTB']), amount: p.int(100000) / 100, amountUsd: p.int(100000) / 100, ...(at ? { at } : {}), provenance: provenance() } } });
    } else if (roll < 0.88) {
      // Recruitments ordered by date: an update without one keeps the stored date's sort key.
      const recruitments = links.filter((l) => l.id.includes('recruitment'));
      const reuse = p.chance(0.5) && recruitments.length > 0 ? p.pick(recruitments) : undefined;
      const id = reuse?.id ?? next('recruitment');
      const from = reuse?.from ?? p.pick(persons);
      const to = reuse?.to ?? p.pick(persons);
      if (!reuse) links.push({ id, from, to });
      steps.push({ query: M.recruitment, variables: { input: { id, from, to, ...(p.chance(reuse ? 0.3 : 0.8) ? { date: `2024-0${1 + p.int(9)}-1${p.int(10)}` } : {}), ...(p.chance(0.5) ? { method: 'JOB_OFFER' } : {}), provenance: provenance() } } });
    } else if (roll < 0.93 && orgs.length > 0) {
      steps.push({ query: M.membership, variables: { input: { from: p.pick(persons), to: p.chance(0.1) ? p.pick(places) : p.pick(orgs), ...(p.chance(0.5) ? { role: 'boss' } : {}), provenance: provenance() } } });
    } else {
      // Two writes in one request: the first stands when the second is refused.
      const person = p.chance(0.5) ? p.pick(persons) : next('person');
      if (!persons.includes(person)) persons.push(person);
      steps.push({
        query: M.twoWrites,
        variables: {
          person: { id: person, name: `Person ${p.int(1000)}`, roles: ['TRAFFICKING_VICTIM'], provenance: PROVENANCE },
          stop: { from: person, to: p.chance(0.15) ? `${P}missing-x` : p.pick(places), seq: 1 + p.int(3), stage: p.pick(JOURNEY_STAGES), provenance: provenance() },
        },
      });
    }
  }
  return steps;
}

/** An answer without what differs between runs (request ids, times). */
function answerOf(response: GraphQLResponse): unknown {
  return {
    data: response.data ?? null,
    errors: (response.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.['code'], field: e.extensions?.['field'] ?? null })),
  };
}

/** What the run stored: its entities, relationships and resolution keys (without write times), and the dashboards. */
async function storedState(db: Database): Promise<unknown> {
  const withoutTimes = (properties: Record<string, unknown>) => Object.fromEntries(Object.entries(properties).filter(([name]) => name !== 'createdAt' && name !== 'updatedAt').sort(([a], [b]) => a.localeCompare(b)));
  const entities = await db.read<{ id: string; labels: string[]; properties: Record<string, unknown> }>(
    'MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties ORDER BY id', { p: P });
  const relationships = await db.read<{ type: string; from: string; to: string; properties: Record<string, unknown> }>(
    'MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH $p RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties ORDER BY r.id', { p: P });
  const keys = await db.read<{ key: string; entityId: string }>(
    'MATCH (k:ResolutionKey) WHERE k.entityId STARTS WITH $p RETURN k.key AS key, k.entityId AS entityId ORDER BY entityId, key', { p: P });
  return {
    entities: entities.records.map((r) => ({ id: r.get('id'), labels: [...r.get('labels')].sort(), properties: withoutTimes(r.get('properties')) })),
    relationships: relationships.records.map((r) => ({ type: r.get('type'), from: r.get('from'), to: r.get('to'), properties: withoutTimes(r.get('properties')) })),
    keys: keys.records.map((r) => `${r.get('entityId')} ${r.get('key')}`),
    dashboards: await dashboardsExact(db),
  };
}

/** Every dashboard read from its tallies, after checking it equals the recount from the whole graph. */
async function dashboardsExact(db: Database): Promise<unknown> {
  const victims = await countVictimsByNationality(db);
  expect(victims).toEqual(await recountVictimsByNationality(db));
  const corridors = await countRecruitmentCorridors(db);
  expect(corridors).toEqual(await recountRecruitmentCorridors(db));
  const centres = await countScamCentresByCountry(db);
  expect(centres).toEqual(await recountScamCentresByCountry(db));
  const window = { since: '2030-01-01T00:00:00.000Z', until: '2030-05-15T00:00:00.000Z' };
  const flows = await sumFlowsByCurrencyAndMonth(db, window);
  expect(flows).toEqual(await recountFlowsByCurrencyAndMonth(db, window));
  return { victims, corridors, centres, flows };
}

/** The audit events appended after sequence number `after`: what each write recorded. */
async function auditedSince(db: Database, after: number): Promise<unknown[]> {
  const { records } = await db.read<{ event: Record<string, unknown> }>(
    `MATCH (a:AuditEvent) WHERE a.seq > $after AND a.kind = 'WRITE' RETURN a {.mutation, .entityIds, .inputHash, .status} AS event ORDER BY a.seq`, { after });
  return records.map((r) => r.get('event'));
}

async function headSeq(db: Database): Promise<number> {
  const { records } = await db.read<{ seq: number | null }>(`OPTIONAL MATCH (h:AuditHead {id: 'audit'}) RETURN h.seq AS seq`);
  return Number(records[0]?.get('seq') ?? 0);
}

describe('the fast write plan stores, refuses and records what the stepwise reference does', () => {
  let fast: TestApi;
  let reference: TestApi;

  beforeAll(async () => {
    fast = await startTestApi();
    reference = await startTestApi({}, undefined, { lookAhead: false, executor: 'graphql-js' });
    await removeByPrefix(fast.db, P);
  });
  afterAll(async () => {
    await removeByPrefix(fast.db, P);
    await reference.stop();
    await fast.stop();
  });

  async function run(api: TestApi, steps: Step[]): Promise<{ answers: unknown[]; state: unknown; audit: unknown[] }> {
    await removeByPrefix(api.db, P);
    const before = await headSeq(api.db);
    const answers: unknown[] = [];
    for (const step of steps) answers.push(answerOf(await api.graphql(step.query, step.variables)));
    return { answers, state: await storedState(api.db), audit: await auditedSince(api.db, before) };
  }

  for (const seed of [20261202, 7]) {
    it(`gives the same answers, graph, audit events and dashboards over 110 generated mutations (seed ${seed})`, { timeout: 240_000 }, async () => {
      const steps = generateSteps(seed, 110);
      const onFast = await run(fast, steps);
      const onReference = await run(reference, steps);
      // Not vacuous: most writes went through, and every kind of refusal happened.
      const refused = onFast.answers.filter((a) => (a as { errors: unknown[] }).errors.length > 0).length;
      expect(refused).toBeGreaterThan(5);
      expect(refused).toBeLessThan(steps.length / 2);
      expect((onFast.state as { relationships: unknown[] }).relationships.length).toBeGreaterThan(30);
      for (const [i, answer] of onFast.answers.entries()) expect(answer, `step ${i}: ${JSON.stringify(steps[i])}`).toEqual(onReference.answers[i]);
      expect(onFast.state).toEqual(onReference.state);
      expect(onFast.audit).toEqual(onReference.audit);
    });
  }
});
