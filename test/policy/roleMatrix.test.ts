/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read loosely: a wrong shape fails the expectation that reads it */
import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/context/index.js';
import { grade, removeByPrefix, seedStory, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { fuzzSchema } from '../fuzz/generateDocument.js';
import { hs256Token, TEST_SECRET } from '../auth/support.js';
import { answerText, collectHiddenTerms, findLeaks, postRaw, type HiddenTerms, type RawAnswer } from './leakDetector.js';

/**
 * Every root Query field × viewer, analyst and investigator, on the demo story (plus one victim with
 * protected fields of our own). The schema is read here, so a new root field without a case fails
 * the first test. For a viewer the leak detector scans every answer (body and headers, on the
 * look-ahead path and the reference path); a request naming a hidden id must get exactly the answer
 * an unknown id gets. For an analyst the same requests must show victims (so the detector can find
 * what it looks for) but no protected field; an investigator sees protected fields.
 */

const P = 'test-policy-matrix:';
const SOURCE = `${P}source`;
const PROTECTED_VICTIM = `${P}victim-with-protected-fields`;
const LEGAL_NAME = 'Legalname Zeta-Policy';
const PHONE = '+999 5550 1234';
/** An id no entity has: a hidden id's answer must be this one's, word for word. */
const UNKNOWN = 'person:no-such-entity-policy';

type Answer = RawAnswer['json'];

interface Case {
  query: string;
  variables?: Record<string, unknown>;
  /** The id in the request that is hidden from a viewer: the viewer's answer must equal the answer for UNKNOWN. */
  hiddenId?: string;
  /** Whether an analyst's answer shows a victim (or a victim's account): proves the detector would catch it. */
  analystSeesVictims?: boolean;
  /** More checks of the answer for a role. */
  check?: (role: Role, answer: Answer) => void;
}

/** An answer's data read loosely: a wrong shape fails the expectation that reads it. */
const dataOf = (answer: Answer) => answer.data as Record<string, any>;

/** One or more cases per root Query field; the first test checks this covers the schema. */
const CASES: Record<string, Case[]> = {
  node: [
    {
      query: 'query($id: ID!) { node(id: $id) { id name ... on Person { roles protected { legalName phones } } } }',
      variables: { id: 'person:ug-victim-1' }, hiddenId: 'person:ug-victim-1', analystSeesVictims: true,
      check: (role, answer) => {
        if (role === 'viewer') expect(dataOf(answer).node).toBeNull();
        else expect(dataOf(answer).node.name).toBe('Victim UG-1');
      },
    },
    {
      query: `query($id: ID!) { node(id: $id) { id name ... on Person { protected { legalName phones } } } }`,
      variables: { id: PROTECTED_VICTIM }, hiddenId: PROTECTED_VICTIM, analystSeesVictims: true,
      check: (role, answer) => {
        const node = dataOf(answer).node;
        if (role === 'viewer') expect(node).toBeNull();
        if (role === 'analyst') expect(node.protected).toBeNull();
        if (role === 'investigator') expect(node.protected).toEqual({ legalName: LEGAL_NAME, phones: [PHONE] });
      },
    },
    {
      // Relationship pages and their totals, fetched ahead and (deeper) by the loaders.
      query: `{ node(id: "scamcentre:mm-myawaddy-1") { id name relationships(direction: INCOMING, types: [HELD_AT], first: 2) {
        totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id ... on Confinement { forcedActivity } from { id name } }
          other { id name relationships(first: 3) { totalCount edges { other { id name relationships(first: 3) { edges { cursor other { id name } } } } } } } } } } }`,
      analystSeesVictims: true,
      check: (role, answer) => {
        const page = dataOf(answer).node.relationships;
        if (role === 'viewer') expect(page).toEqual({ totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false }, edges: [] });
        else expect(page.totalCount).toBeGreaterThanOrEqual(3);
      },
    },
    {
      query: `{ node(id: "person:recruiter-jay") { id name ... on Person { nationalities { id } journey { seq } }
        relationships(first: 20) { totalCount edges { cursor node { id type } other { id name ... on Person { nationalities { name } } } } } } }`,
      analystSeesVictims: true,
      check: (role, answer) => {
        const others = dataOf(answer).node.relationships.edges.map((e: any) => e.other.id);
        if (role === 'viewer') expect(others).not.toContain('person:ug-victim-1');
        else expect(others).toContain('person:ug-victim-1');
      },
    },
    {
      // An account held only by a victim is the victim's: hidden with them.
      query: 'query($id: ID!) { node(id: $id) { id name } }',
      variables: { id: 'account:us-victim-wallet' }, hiddenId: 'account:us-victim-wallet', analystSeesVictims: true,
    },
  ],
  nodes: [{
    query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id name relationships(first: 5) { totalCount edges { other { id name } } } } }',
    variables: { ids: ['person:ug-victim-2', 'person:recruiter-kay', 'person:us-fraud-victim-1'] }, analystSeesVictims: true,
    check: (role, answer) => {
      const nodes = dataOf(answer).nodes;
      expect(nodes).toHaveLength(3);
      if (role === 'viewer') {
        expect(nodes[0]).toBeNull();
        expect(nodes[1].id).toBe('person:recruiter-kay');
        expect(nodes[2]).toBeNull();
      } else {
        expect(nodes[0].id).toBe('person:ug-victim-2');
      }
    },
  }],
  relationship: [
    {
      query: 'query($id: ID!) { relationship(id: $id) { id type from { id name } to { id name } } }',
      variables: { id: 'rel:held-at:ug-victim-1:mm-myawaddy-1' }, hiddenId: 'rel:held-at:ug-victim-1:mm-myawaddy-1', analystSeesVictims: true,
      check: (role, answer) => {
        if (role === 'viewer') expect(dataOf(answer).relationship).toBeNull();
        else expect(dataOf(answer).relationship.from.id).toBe('person:ug-victim-1');
      },
    },
    {
      // A transfer out of a victim's own account: hidden with the account.
      query: 'query($id: ID!) { relationship(id: $id) { id from { id } } }',
      variables: { id: 'rel:transferred:us-victim-wallet:scam-wallet-w1:1' }, hiddenId: 'rel:transferred:us-victim-wallet:scam-wallet-w1:1', analystSeesVictims: true,
    },
  ],
  people: [
    {
      query: '{ people(first: 100) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id name aliases } } } }',
      analystSeesVictims: true,
    },
    {
      query: '{ people(filter: { roles: [TRAFFICKING_VICTIM, FRAUD_VICTIM] }, first: 5) { totalCount pageInfo { endCursor } edges { cursor node { id name } } } }',
      analystSeesVictims: true,
      check: (role, answer) => {
        if (role === 'viewer') expect(dataOf(answer).people).toEqual({ totalCount: 0, pageInfo: { endCursor: null }, edges: [] });
        else expect(dataOf(answer).people.totalCount).toBeGreaterThanOrEqual(8);
      },
    },
    {
      query: '{ people(filter: { nationality: "UG" }, first: 10) { totalCount edges { node { id name } } } }',
      analystSeesVictims: true,
    },
  ],
  organizations: [{ query: '{ organizations(first: 100) { totalCount edges { node { id name relationships(first: 10) { totalCount edges { other { id name } } } } } } }' }],
  scamCentres: [{
    query: `{ scamCentres(first: 100) { totalCount edges { node { id name
      relationships(direction: INCOMING, types: [HELD_AT, DEFRAUDED]) { totalCount edges { node { id } other { id name } } }
      outgoing: relationships(direction: OUTGOING, types: [DEFRAUDED]) { totalCount edges { node { id } other { id name } } } } } } }`,
    analystSeesVictims: true,
  }],
  locations: [{
    query: `{ locations(filter: { countryCode: "UG" }, first: 10) { totalCount edges { node { id name
      relationships(direction: INCOMING, types: [NATIONAL_OF, TRAVELLED_TO]) { totalCount edges { node { id } other { id name } } } } } } }`,
    analystSeesVictims: true,
  }],
  accounts: [{ query: '{ accounts(first: 100) { totalCount edges { cursor node { id name identifier } } } }', analystSeesVictims: true }],
  operations: [{
    query: '{ operations(first: 100) { totalCount edges { node { id name relationships(types: [RESCUED, ARRESTED]) { totalCount edges { cursor other { id name } } } } } } }',
    analystSeesVictims: true,
  }],
  sources: [{ query: '{ sources(first: 100) { totalCount edges { node { id name } } } }' }],
  transfers: [
    { query: '{ transfers(first: 100) { totalCount edges { cursor node { id from { id name } to { id name } amountUsd } } } }', analystSeesVictims: true },
    {
      query: 'query($from: ID!) { transfers(filter: { from: $from }) { totalCount edges { cursor node { id } } } }',
      variables: { from: 'account:us-victim-wallet' }, hiddenId: 'account:us-victim-wallet', analystSeesVictims: true,
    },
  ],
  search: [
    { query: '{ search(text: "victim", first: 100) { score entity { id name } } }', analystSeesVictims: true },
    { query: '{ search(text: "UG-1", first: 100) { entity { id name } } }', analystSeesVictims: true },
  ],
  paths: [
    {
      // The recruiter reaches the compound through the people recruited and held there: not for a viewer.
      query: '{ paths(from: "person:recruiter-jay", to: "scamcentre:mm-myawaddy-1", k: 5) { length nodes { id name } steps { relationship { id } } } }',
      analystSeesVictims: true,
      check: (role, answer) => {
        const ids = (dataOf(answer).paths ?? []).flatMap((p: any) => p.nodes.map((n: any) => n.id));
        if (role !== 'viewer') expect(ids).toContain('person:ug-victim-1');
      },
    },
    {
      query: 'query($from: ID!) { paths(from: $from, to: "person:recruiter-jay") { length } }',
      variables: { from: 'person:ug-victim-3' }, hiddenId: 'person:ug-victim-3', analystSeesVictims: false,
      check: (role, answer) => {
        if (role === 'viewer') expect(answer.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
        else expect(dataOf(answer).paths.length).toBeGreaterThan(0);
      },
    },
  ],
  neighbourhood: [
    { query: '{ neighbourhood(id: "scamcentre:pe-1", depth: 2, limit: 200) { truncated nodes { id name } relationships { id } } }', analystSeesVictims: true },
    {
      query: 'query($id: ID!) { neighbourhood(id: $id, depth: 1) { nodes { id } } }',
      variables: { id: 'person:my-victim-2' }, hiddenId: 'person:my-victim-2',
      check: (role, answer) => {
        if (role === 'viewer') expect(answer.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      },
    },
  ],
  moneyTrail: [
    {
      query: '{ moneyTrail(accountId: "account:scam-wallet-w1", direction: UPSTREAM) { totalAmountUsd truncated accounts { account { id name } amountUsd } transfers { id } cycles { id } } }',
      analystSeesVictims: true,
      check: (role, answer) => {
        const accounts = dataOf(answer).moneyTrail.accounts.map((a: any) => a.account.id);
        if (role === 'viewer') expect(accounts).not.toContain('account:us-victim-wallet');
        else expect(accounts).toContain('account:us-victim-wallet');
      },
    },
    {
      query: 'query($id: ID!) { moneyTrail(accountId: $id) { totalAmountUsd accounts { account { id } } } }',
      variables: { id: 'account:us-victim-wallet' }, hiddenId: 'account:us-victim-wallet',
      check: (role, answer) => {
        if (role === 'viewer') expect(answer.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
        else expect(dataOf(answer).moneyTrail.accounts.length).toBeGreaterThan(0);
      },
    },
  ],
  commonConnections: [
    {
      query: '{ commonConnections(ids: ["person:recruiter-jay", "scamcentre:mm-myawaddy-1"], maxHops: 1) { connections { sharedBy entity { id name } links { nodes { id } } } skippedHubs { entity { id } degree } } }',
      analystSeesVictims: true,
    },
    {
      query: 'query($ids: [ID!]!) { commonConnections(ids: $ids) { connections { entity { id } } } }',
      variables: { ids: ['person:ug-victim-1', 'person:recruiter-jay'] }, hiddenId: 'person:ug-victim-1',
    },
  ],
  victimsByNationality: [{ query: '{ victimsByNationality(first: 250) { nodes { countryCode victims suppressed country { id name } } } }' }],
  recruitmentCorridors: [{ query: '{ recruitmentCorridors(first: 250) { nodes { origin transit destination victims suppressed } } }' }],
  scamCentresByCountry: [{ query: '{ scamCentresByCountry(first: 250) { nodes { countryCode status count suppressed } } }' }],
  flowsByCurrencyAndMonth: [{ query: '{ flowsByCurrencyAndMonth(since: "2024-01-01T00:00:00Z", until: "2026-01-01T00:00:00Z", first: 250) { nodes { currency month transfers amount amountUsd suppressed } } }' }],
  // Admins only: every role under test is refused, and the refusal carries nothing.
  auditEvents: [{
    query: '{ auditEvents(first: 20) { totalCount edges { node { seq kind subject entityIds fields } } } }',
    check: (_role, answer) => {
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(dataOf(answer)?.auditEvents ?? null).toBeNull();
    },
  }],
  // A drawn view as a file: only what the role may see; protected fields only for investigators.
  exportView: [
    {
      query: 'query($id: ID!) { exportView(ids: [$id, "person:recruiter-jay"], format: NATIVE) { entityCount relationshipCount protectedFieldsLeftOut content } }',
      variables: { id: 'person:ug-victim-1' }, hiddenId: 'person:ug-victim-1', analystSeesVictims: true,
      check: (role, answer) => {
        const content = String(dataOf(answer).exportView.content);
        expect(content).toContain('person:recruiter-jay');
        if (role === 'viewer') expect(content).not.toContain('person:ug-victim-1');
        else expect(content).toMatch(/"type":"RECRUITED".*"to":"person:ug-victim-1"|"to":"person:ug-victim-1".*"type":"RECRUITED"/);
      },
    },
    {
      query: 'query($id: ID!) { exportView(ids: [$id], format: FTM) { entityCount protectedFieldsLeftOut content } }',
      variables: { id: PROTECTED_VICTIM }, hiddenId: PROTECTED_VICTIM, analystSeesVictims: true,
      check: (role, answer) => {
        const view = dataOf(answer).exportView;
        if (role === 'analyst') expect(view.protectedFieldsLeftOut).toBe(1);
        if (role === 'investigator') expect(view.protectedFieldsLeftOut).toBe(0);
      },
    },
  ],
  // A victim's timeline is null for a viewer (as an unknown id's); a compound's leaves its victims out.
  timeline: [
    {
      query: 'query($id: ID!) { timeline(id: $id, first: 100) { edges { at direction node { id type } other { id name } } pageInfo { hasNextPage } } }',
      variables: { id: 'person:ug-victim-1' }, hiddenId: 'person:ug-victim-1', analystSeesVictims: true,
    },
    { query: '{ timeline(id: "scamcentre:mm-myawaddy-1", first: 100) { edges { at node { id type } other { id name } } } }', analystSeesVictims: true },
  ],
  // Geography: scam centres are never hidden; the answer is the same for every role.
  scamCentresNear: [{ query: '{ scamCentresNear(latitude: 16.7, longitude: 98.54, radiusKm: 100) { distanceKm scamCentre { id name } } }' }],
  // Entity resolution: pairs among what the role may see (a viewer meets no victim, the victims' pairs
  // are an analyst's), phone and document numbers only for investigators; the merge history likewise.
  duplicateCandidates: [
    {
      query: '{ duplicateCandidates(kind: PERSON, minScore: 0, first: 100) { skippedBlocks edges { cursor node { a { id name } b { id name } score reasons } } pageInfo { hasNextPage endCursor } } }',
      analystSeesVictims: true,
      check: (role, answer) => {
        const reasons = dataOf(answer).duplicateCandidates.edges.flatMap((edge: any) => edge.node.reasons);
        if (role !== 'investigator') expect(reasons).not.toContain('SHARED_PROTECTED_IDENTIFIER');
      },
    },
    { query: '{ duplicateCandidates(kind: ACCOUNT, minScore: 0) { edges { node { a { id name } b { id name } score reasons } } } }', analystSeesVictims: true },
  ],
  merges: [
    { query: '{ merges(first: 100) { edges { cursor node { id kind mergedId mergedName survivorId survivor { id name } reason by at undoneAt } } pageInfo { hasNextPage } } }' },
    {
      query: 'query($id: ID!) { merges(entity: $id) { edges { node { id mergedId survivor { id name } } } } }',
      variables: { id: 'person:ug-victim-1' }, hiddenId: 'person:ug-victim-1',
    },
  ],
  // Who the request is, as the explorer shows it: the role's own powers, nothing about the graph.
  viewer: [{
    query: '{ viewer { role subject seesVictims readsProtected exactAggregates mayWrite } }',
    check: (role, answer) => {
      expect(dataOf(answer).viewer).toMatchObject({
        role, seesVictims: role !== 'viewer', readsProtected: role === 'investigator', exactAggregates: role === 'investigator', mayWrite: false,
      });
    },
  }],
  // Watch rules and alerts belong to a token's subject: these servers' anonymous roles have none, so
  // every role is refused alike, saying what to send (test/investigations/watch.test.ts has the rest).
  watchRules: [{
    query: '{ watchRules { id kind target { id name } } }',
    check: (_role, answer) => {
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(dataOf(answer)?.watchRules ?? null).toBeNull();
    },
  }],
  alerts: [{
    query: '{ alerts(first: 10) { edges { cursor node { id relationships { id } entities { id name } } } } }',
    check: (_role, answer) => {
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(dataOf(answer)?.alerts ?? null).toBeNull();
    },
  }],
  brokers: [
    { query: '{ brokers(around: "scamcentre:mm-myawaddy-1", depth: 2, first: 100) { nodeCount relationshipCount sampled brokers { entity { id name } betweenness degree } } }', analystSeesVictims: true },
    {
      query: 'query($id: ID!) { brokers(around: $id, depth: 1) { nodeCount } }',
      variables: { id: 'person:us-fraud-victim-1' }, hiddenId: 'person:us-fraud-victim-1',
    },
  ],
};

const ROLES_UNDER_TEST: Role[] = ['viewer', 'analyst', 'investigator'];
const REQUEST_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** What must be the same between two answers: everything but the request id. */
function comparable(answer: RawAnswer): string {
  // The length follows the id's length; everything else must match.
  const { 'x-request-id': _id, date: _date, etag: _etag, 'content-length': _length, ...headers } = answer.headers;
  return `${answer.status}\n${JSON.stringify(headers)}\n${answer.body.replace(REQUEST_ID, '<request id>')}`;
}

const allCases = Object.entries(CASES).flatMap(([field, cases]) => cases.map((c, i) => ({ field, label: `${field} #${i + 1}`, ...c })));

describe('roles on every root field (the role matrix)', () => {
  const servers = {} as Record<Role | 'viewerReference' | 'tokensOnly', TestApi>;
  let hidden: HiddenTerms;
  /** Credentials that must get 401 on every root field, before anything is read: none at all, expired, forged, unsigned. */
  let badCredentials: Record<string, Record<string, string>>;

  beforeAll(async () => {
    [servers.viewer, servers.viewerReference, servers.analyst, servers.investigator] = await Promise.all([
      startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' }, lookAhead: false, executor: 'graphql-js', httpPipeline: 'express' }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'analyst' } }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'investigator' } }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'none', jwtSecret: TEST_SECRET } }),
    ]).then(([viewer, viewerReference, analyst, investigator, tokensOnly]) => {
      servers.tokensOnly = tokensOnly!;
      return [viewer, viewerReference, analyst, investigator];
    });
    const unsigned = [{ alg: 'none', typ: 'JWT' }, { sub: 'mallory', role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 }]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';
    badCredentials = {
      anonymous: {},
      expired: { authorization: `Bearer ${await hs256Token({ role: 'admin' }, { expiresIn: -120 })}` },
      forged: { authorization: `Bearer ${await hs256Token({ role: 'admin' }, { secret: 'not-the-secret-0123456789abcdef0123456789' })}` },
      'alg none': { authorization: `Bearer ${unsigned}` },
    };
    const db = servers.viewer.db;
    await seedStory(db);
    await removeByPrefix(db, P);
    await writeRecords(db, [
      { kind: 'Source', id: SOURCE, name: 'Role matrix test source' },
      {
        kind: 'Person', id: PROTECTED_VICTIM, name: 'Victim ZP-1', roles: ['FRAUD_VICTIM'], pseudonymous: true,
        legalName: LEGAL_NAME, phones: [PHONE], provenance: grade(SOURCE),
      },
      { type: 'DEFRAUDED', from: 'scamcentre:sea-wallet-operation', to: PROTECTED_VICTIM, provenance: grade(SOURCE) },
      // Records of a victim and of a victim's wallet made again by another source: duplicate candidates
      // an analyst sees and a viewer must not (whatever else the graph holds, they share a block of two).
      { kind: 'Person', id: `${P}victim-recorded-again`, name: 'Victim ZP 1', roles: ['FRAUD_VICTIM'], pseudonymous: true, provenance: grade(SOURCE) },
      { kind: 'Account', id: `${P}victim-wallet-recorded-again`, name: 'Wallet seen in a second report', accountType: 'CRYPTO_WALLET', identifier: 'tdemovictimwalletillustrative00003', provenance: grade(SOURCE) },
    ]);
    hidden = await collectHiddenTerms(db);
  }, 120_000);
  afterAll(async () => {
    await removeByPrefix(servers.viewer.db, P);
    await Promise.all(Object.values(servers).map((server) => server?.stop()));
  });

  it('has a case for every root Query field of the schema, and none for a field it does not have', () => {
    const schema = fuzzSchema();
    const fields = Object.keys((schema.getQueryType() as GraphQLObjectType).getFields()).sort();
    expect(Object.keys(CASES).sort()).toEqual(fields);
  });

  it('the detector knows what to look for: the story has victims, their accounts and relationships, and a protected value', () => {
    expect(hidden.victimIds).toEqual(expect.arrayContaining(['person:ug-victim-1', 'person:us-fraud-victim-1', PROTECTED_VICTIM]));
    expect(hidden.entities).toEqual(expect.arrayContaining(['Victim UG-1', 'account:us-victim-wallet', 'Wallet of fraud victim US-1']));
    expect(hidden.relationships).toContain('rel:held-at:ug-victim-1:mm-myawaddy-1');
    expect(hidden.protectedValues).toEqual(expect.arrayContaining([LEGAL_NAME, PHONE]));
    expect(findLeaks(hidden, '{"name":"Victim UG-1"}')).toEqual(['Victim UG-1']);
  });

  for (const c of allCases) {
    it(`${c.label}: nothing hidden reaches a viewer, on either path; an analyst sees victims, not protected fields`, async () => {
      const sent = `${c.query}\n${JSON.stringify(c.variables ?? {})}`;
      const answers = Object.fromEntries(await Promise.all(
        (['viewer', 'viewerReference', 'analyst', 'investigator'] as const).map(async (role) => [role, await postRaw(`${servers[role].url}/graphql`, c.query, c.variables)] as const),
      )) as Record<Role | 'viewerReference', RawAnswer>;

      for (const role of ['viewer', 'viewerReference', 'analyst', 'investigator'] as const) {
        const codes = (answers[role].json.errors ?? []).map((e) => e.extensions?.['code']);
        expect(codes, `${role}: ${answers[role].body}`).not.toContain('INTERNAL_SERVER_ERROR');
      }
      // The viewer: no victim, no victim's account or relationship, no protected value, anywhere in the answer.
      expect(findLeaks(hidden, answerText(answers.viewer), sent), answers.viewer.body).toEqual([]);
      expect(findLeaks(hidden, answerText(answers.viewerReference), sent), answers.viewerReference.body).toEqual([]);
      // Both paths give the viewer the same answer (the look-ahead and the loaders apply the same policy).
      expect(answers.viewer.body.replace(REQUEST_ID, '')).toBe(answers.viewerReference.body.replace(REQUEST_ID, ''));
      // The analyst: the same request shows victims (so the detector above would have found them), never protected values.
      if (c.analystSeesVictims) expect(findLeaks({ ...hidden, protectedValues: [] }, answerText(answers.analyst), sent)).not.toEqual([]);
      expect(findLeaks({ entities: [], relationships: [], protectedValues: hidden.protectedValues }, answerText(answers.analyst))).toEqual([]);

      for (const role of ROLES_UNDER_TEST) c.check?.(role, answers[role].json);

      if (c.hiddenId) {
        // A hidden id is answered exactly as an unknown one: same status, headers, data and error text.
        const swap = (value: unknown) => JSON.parse(JSON.stringify(value ?? {}).split(c.hiddenId!).join(UNKNOWN)) as Record<string, unknown>;
        const unknown = await postRaw(`${servers.viewer.url}/graphql`, c.query.split(c.hiddenId).join(UNKNOWN), swap(c.variables));
        const asUnknown = { ...unknown, body: unknown.body.split(UNKNOWN).join(c.hiddenId) };
        expect(comparable(answers.viewer)).toBe(comparable(asUnknown));
      }

      // Without acceptable credentials where anonymous requests are refused: 401 on every field, and nothing in it.
      for (const [what, headers] of Object.entries(badCredentials)) {
        const refused = await postRaw(`${servers.tokensOnly.url}/graphql`, c.query, c.variables, headers);
        expect(refused.status, `${what}: ${refused.body}`).toBe(401);
        expect(refused.json.data, what).toBeUndefined();
        expect(refused.json.errors?.[0]?.extensions?.['code'], what).toBe('UNAUTHENTICATED');
        expect(findLeaks(hidden, answerText(refused), sent), what).toEqual([]);
      }
    }, 60_000);
  }

  it('an investigator sees the protected fields the analyst does not (the detector would find them)', async () => {
    const query = `{ node(id: "${PROTECTED_VICTIM}") { ... on Person { protected { legalName phones } } } }`;
    const answer = await postRaw(`${servers.investigator.url}/graphql`, query);
    expect(findLeaks({ entities: [], relationships: [], protectedValues: hidden.protectedValues }, answerText(answer))).toEqual(expect.arrayContaining([LEGAL_NAME, PHONE]));
  });
});
