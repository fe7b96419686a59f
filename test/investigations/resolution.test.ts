/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read loosely: a wrong shape fails the expectation that reads it */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DUPLICATE_MIN_SCORE } from '../../src/config/index.js';
import { networkLines, type PlantedPair } from '../../src/generator/index.js';
import { importLines } from '../../src/interchange/index.js';
import { grade, removeByPrefix, seedStory, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Entity resolution through HTTP: duplicateCandidates on the demo story with duplicates of our own
 * (an alias written in another order, a wallet address in other case, a phone number in another
 * format, a victim recorded twice) and on a generated network with planted duplicates; what each
 * role gets; mergeEntities / unmergeEntities, exactness (a dump of the graph, its blocking keys and
 * the dashboard tallies is the same after a merge and its undoing), and misuse.
 */
const P = 'test-resolution:';
const SOURCE = `${P}source`;
const JAY = 'person:recruiter-jay';
const JAY_AGAIN = `${P}jay-again`;
const WALLET = 'account:scam-wallet-w1';
const WALLET_AGAIN = `${P}wallet-again`;
const VICTIM = 'person:ug-victim-1';
const VICTIM_AGAIN = `${P}ug-victim-again`;
const PHONE_A = `${P}phone-a`;
const PHONE_B = `${P}phone-b`;
const NAME_A = `${P}name-a`;
const NAME_B = `${P}name-b`;
const GEN = 'test-resolution-gen:';

const CANDIDATES = `query($kind: EntityKind!, $first: Int, $after: String, $minScore: Float) {
  duplicateCandidates(kind: $kind, first: $first, after: $after, minScore: $minScore) {
    skippedBlocks edges { cursor node { a { id name } b { id name } score reasons } } pageInfo { hasNextPage endCursor } } }`;

interface Candidate { a: { id: string; name: string }; b: { id: string; name: string }; score: number; reasons: string[] }

const MERGE = 'mutation($survivor: ID!, $merged: ID!, $reason: String!) { mergeEntities(survivor: $survivor, merged: $merged, reason: $reason) { id kind survivorId mergedId mergedName movedRelationships reason by undoneAt survivor { id name aliases } } }';
const UNMERGE = 'mutation($id: ID!, $reason: String!) { unmergeEntities(mergeId: $id, reason: $reason) { id survivorId mergedId undoneAt undoneBy undoReason } }';

describe('entity resolution', () => {
  let api: TestApi;
  let viewer: TestApi;
  let analyst: TestApi;
  let investigator: TestApi;

  beforeAll(async () => {
    [api, viewer, analyst, investigator] = await Promise.all([
      startTestApi(),
      startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'analyst' } }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'investigator' } }),
    ]);
    await seedStory(api.db);
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Resolution test source' },
      // The story's recruiter as a second source names him, and its wallet written in lower case with spaces.
      { kind: 'Person', id: JAY_AGAIN, name: "Jay, recruiter", roles: ['RECRUITER'], pseudonymous: true, provenance: grade(SOURCE, 'C', 3) },
      { kind: 'Account', id: WALLET_AGAIN, name: 'Wallet W1 (second report)', accountType: 'CRYPTO_WALLET', identifier: ' tdemoscamlinked walletillustrative1', provenance: grade(SOURCE) },
      // A victim recorded twice: never shown to a viewer.
      { kind: 'Person', id: VICTIM_AGAIN, name: 'Victim UG 1', roles: ['TRAFFICKING_VICTIM'], pseudonymous: true, provenance: grade(SOURCE) },
      // Two people whose only link is a phone number (protected), and two with similar names and the phone.
      { kind: 'Person', id: PHONE_A, name: 'Dokan Mirasu', roles: ['BROKER'], phones: ['+66 81 234 5678'], provenance: grade(SOURCE) },
      { kind: 'Person', id: PHONE_B, name: 'Bilo Tenaka', roles: ['BROKER'], phones: ['+66812345678'], provenance: grade(SOURCE) },
      { kind: 'Person', id: NAME_A, name: 'Kamoru Tesaliv', roles: ['BROKER'], phones: ['+855 12 000 111'], provenance: grade(SOURCE) },
      { kind: 'Person', id: NAME_B, name: 'Камору Тесалив', roles: ['BROKER'], phones: ['+85512000111'], provenance: grade(SOURCE) },
    ]);
  }, 180_000);
  afterAll(async () => {
    await api?.db.write('MATCH (x:Merge) WHERE x.survivorId STARTS WITH $p OR x.mergedId STARTS WITH $p OR x.survivorId STARTS WITH $g DETACH DELETE x', { p: P, g: GEN });
    await removeByPrefix(api.db, P);
    await removeByPrefix(api.db, GEN);
    await Promise.all([api, viewer, analyst, investigator].map((server) => server?.stop()));
  });

  /** Every page of a kind's candidates, `first` at a time. */
  const allCandidates = async (on: TestApi, kind: string, first = 100, minScore?: number): Promise<Candidate[]> => {
    const found: Candidate[] = [];
    let after: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const answer: any = await on.graphql(CANDIDATES, { kind, first, after, ...(minScore === undefined ? {} : { minScore }) });
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      const connection = answer.data.duplicateCandidates;
      found.push(...connection.edges.map((edge: any) => edge.node));
      if (!connection.pageInfo.hasNextPage) return found;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  };
  const pairOf = (candidate: Candidate) => [candidate.a.id, candidate.b.id].sort().join(' ');
  const find = (candidates: Candidate[], x: string, y: string) => candidates.find((c) => pairOf(c) === [x, y].sort().join(' '));

  /** The graph as data: entities, relationships, blocking keys and dashboard tallies, sorted. */
  const dump = async () => {
    const read = async (cypher: string) => (await api.db.read(cypher)).records.map((r) => JSON.stringify(r.toObject(), (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort();
    return {
      entities: await read('MATCH (n:Entity) WITH n, labels(n) AS labels UNWIND labels AS l WITH n, l ORDER BY l RETURN n.id AS id, collect(l) AS labels, properties(n) AS p'),
      relationships: await read('MATCH (a:Entity)-[r]->(b:Entity) RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS p'),
      keys: await read('MATCH (k:ResolutionKey) RETURN k.key AS key, k.entityId AS entityId'),
      // The buckets, not the bookkeeping: the revision that last moved each, and tallies left at zero.
      tallies: await read('MATCH (t:DashboardTally) WHERE t.count <> 0 RETURN t {.*, revision: null} AS t'),
    };
  };

  describe('duplicateCandidates', () => {
    it('finds the story\'s recruiter and wallet recorded again, with the reasons', async () => {
      const people = await allCandidates(api, 'PERSON');
      const jay = find(people, JAY, JAY_AGAIN);
      expect(jay?.reasons).toEqual(['SAME_NAME_TOKENS']);
      expect(jay!.score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_MIN_SCORE);
      const accounts = await allCandidates(api, 'ACCOUNT');
      const wallet = find(accounts, WALLET, WALLET_AGAIN);
      expect(wallet?.reasons).toContain('SHARED_IDENTIFIER');
      expect(wallet!.score).toBeGreaterThanOrEqual(0.95);
      // Every pair once, a before b, and nothing under the default threshold.
      expect(new Set(people.map(pairOf)).size).toBe(people.length);
      for (const c of [...people, ...accounts]) {
        expect(c.a.id < c.b.id).toBe(true);
        expect(c.score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_MIN_SCORE);
      }
      // The story's victims are not one another's duplicates ("Victim UG-1", "Victim UG-2": numbers differ).
      expect(people.filter((c) => c.a.id.startsWith('person:') && c.b.id.startsWith('person:'))).toEqual([]);
    });

    it('pages in 1, 2 or 3 at a time give the same pairs as one page, and minScore selects', async () => {
      const whole = await allCandidates(api, 'PERSON', 100, 0);
      for (const first of [1, 2, 3]) expect(await allCandidates(api, 'PERSON', first, 0)).toEqual(whole);
      const strict = await allCandidates(api, 'PERSON', 100, 0.9);
      expect(strict).toEqual(whole.filter((c) => c.score >= 0.9));
    });

    it('finds names in another script and token order', async () => {
      const people = await allCandidates(api, 'PERSON');
      expect(find(people, NAME_A, NAME_B)?.reasons).toContain('SAME_NAME_TOKENS');
    });

    it('a viewer never meets a victim; an analyst does', async () => {
      const forViewer = await allCandidates(viewer, 'PERSON', 100, 0);
      expect(forViewer.some((c) => [c.a.id, c.b.id].includes(VICTIM_AGAIN) || [c.a.id, c.b.id].includes(VICTIM))).toBe(false);
      const forAnalyst = await allCandidates(analyst, 'PERSON', 100, 0);
      expect(find(forAnalyst, VICTIM, VICTIM_AGAIN)).toBeDefined();
    });

    it('phone numbers count only for roles that read protected fields, and below them the answer is as if they did not exist', async () => {
      const analystBefore = await allCandidates(analyst, 'PERSON', 100, 0);
      const investigatorBefore = await allCandidates(investigator, 'PERSON', 100, 0);
      expect(find(investigatorBefore, PHONE_A, PHONE_B)?.reasons).toEqual(['SHARED_PROTECTED_IDENTIFIER']);
      expect(find(investigatorBefore, NAME_A, NAME_B)?.reasons).toEqual(['SHARED_PROTECTED_IDENTIFIER', 'SAME_NAME_TOKENS']);
      expect(find(analystBefore, PHONE_A, PHONE_B)).toBeUndefined();
      expect(find(analystBefore, NAME_A, NAME_B)?.reasons).toEqual(['SAME_NAME_TOKENS']);
      expect(JSON.stringify(analystBefore)).not.toContain('PROTECTED');

      // Without the phones, the investigator gets what the analyst got with them, and the analyst the same again.
      await writeRecords(api.db, [PHONE_A, PHONE_B, NAME_A, NAME_B].map((id) => ({ kind: 'Person', id, name: id === NAME_B ? 'Камору Тесалив' : id === NAME_A ? 'Kamoru Tesaliv' : id === PHONE_A ? 'Dokan Mirasu' : 'Bilo Tenaka', roles: ['BROKER'], phones: null, provenance: grade(SOURCE) })));
      expect(await allCandidates(analyst, 'PERSON', 100, 0)).toEqual(analystBefore);
      expect(await allCandidates(investigator, 'PERSON', 100, 0)).toEqual(analystBefore);
    });

    it('refuses a minScore outside 0 to 1, a page size over the cap and a cursor of another kind', async () => {
      const low: any = await api.graphql(CANDIDATES, { kind: 'PERSON', minScore: -0.1 });
      expect(low.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minScore' });
      const big: any = await api.graphql(CANDIDATES, { kind: 'PERSON', first: 101 });
      expect(big.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const page: any = await api.graphql(CANDIDATES, { kind: 'PERSON', first: 1, minScore: 0 });
      const other: any = await api.graphql(CANDIDATES, { kind: 'ACCOUNT', after: page.data.duplicateCandidates.pageInfo.endCursor });
      expect(other.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('on a generated network, finds the planted duplicates with precision ≥ 0.95 and recall ≥ 0.90', async () => {
      const truth: PlantedPair[] = [];
      const lines = networkLines({ entities: 2_000, seed: 17, prefix: GEN }, { count: 60, truth });
      const summary = await importLines(api.db.withTransactionTimeout(180_000, 'test'), (async function* () { yield* lines; })());
      expect(summary.rejected).toBe(0);
      const expected = new Set(truth.map((t) => [t.a, t.b].sort().join(' ')));
      const found = new Set<string>();
      for (const kind of ['PERSON', 'ACCOUNT', 'ORGANIZATION']) {
        for (const c of await allCandidates(investigator, kind, 50)) if (c.a.id.startsWith(GEN) && c.b.id.startsWith(GEN)) found.add(pairOf(c));
      }
      const hits = [...found].filter((pair) => expected.has(pair)).length;
      expect(hits / found.size).toBeGreaterThanOrEqual(0.95);
      expect(hits / expected.size).toBeGreaterThanOrEqual(0.9);
    }, 180_000);
  });

  describe('mergeEntities and unmergeEntities', () => {
    it('moves every relationship, unions aliases and provenance, resolves the merged id to the survivor, and undoes it exactly', async () => {
      const before = await dump();
      const merged: any = await api.graphql(MERGE, { survivor: VICTIM_AGAIN, merged: VICTIM, reason: 'same victim reported by two sources' });
      expect(merged.errors).toBeUndefined();
      const merge = merged.data.mergeEntities;
      expect(merge).toMatchObject({ kind: 'PERSON', survivorId: VICTIM_AGAIN, mergedId: VICTIM, mergedName: 'Victim UG-1', undoneAt: null, by: expect.any(String) });
      expect(merge.movedRelationships).toBeGreaterThan(3);
      expect(merge.survivor.aliases).toEqual(['Victim UG-1']);

      // The merged id answers with the survivor, through node and nodes, on either path.
      const read: any = await api.graphql(`{ node(id: "${VICTIM}") { id name grades { code } relationships(first: 100) { totalCount } } nodes(ids: ["${VICTIM}", "${JAY}"]) { id } }`);
      expect(read.data.node.id).toBe(VICTIM_AGAIN);
      expect(read.data.node.relationships.totalCount).toBe(merge.movedRelationships);
      expect(read.data.node.grades.map((g: any) => g.code)).toEqual(['B2', 'A2']);
      expect(read.data.nodes.map((n: any) => n.id)).toEqual([VICTIM_AGAIN, JAY]);
      const plain: any = await api.graphql(`{ node(id: "${VICTIM}") { id } }`);
      expect(plain.data.node.id).toBe(VICTIM_AGAIN);

      // Writing to the merged id is refused, naming the survivor; the history shows the merge.
      const write: any = await api.graphql(`mutation { upsertPerson(input: { id: "${VICTIM}", name: "Victim UG-1", provenance: [{ source: "${SOURCE}", reliability: B, credibility: 2 }] }) { id } }`);
      expect(write.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
      expect(write.errors[0].message).toContain(VICTIM_AGAIN);
      const link: any = await api.graphql(`mutation { linkAssociation(input: { from: "${VICTIM}", to: "${JAY}", relation: "associate", provenance: [{ source: "${SOURCE}", reliability: B, credibility: 2 }] }) { id } }`);
      expect(link.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.from' });
      // So is an import line naming it as an end: rejected with the survivor named, not as a missing end.
      const rejected: string[] = [];
      const line = { type: 'ASSOCIATED_WITH', from: VICTIM, to: JAY, relation: 'associate', provenance: [{ source: SOURCE, reliability: 'B', credibility: 2 }] };
      await importLines(api.db, (async function* () { yield JSON.stringify(line); })(), { onReject: (r) => rejected.push(r.reason) });
      expect(rejected).toEqual([expect.stringContaining(`merged into ${VICTIM_AGAIN}`)]);
      const history: any = await api.graphql(`{ merges(entity: "${VICTIM}") { edges { node { id mergedId survivorId survivor { id } reason } } } }`);
      expect(history.data.merges.edges.map((e: any) => e.node.id)).toEqual([merge.id]);

      const undone: any = await api.graphql(UNMERGE, { id: merge.id, reason: 'test: undo' });
      expect(undone.errors).toBeUndefined();
      expect(undone.data.unmergeEntities).toMatchObject({ id: merge.id, undoneAt: expect.any(String), undoReason: 'test: undo' });
      expect(await dump()).toEqual(before);
      const back: any = await api.graphql(`{ node(id: "${VICTIM}") { id name } }`);
      expect(back.data.node).toEqual({ id: VICTIM, name: 'Victim UG-1' });
    });

    it('a wallet with transfers merged and unmerged leaves the graph and the dashboards as they were', async () => {
      const before = await dump();
      const merged: any = await api.graphql(MERGE, { survivor: WALLET_AGAIN, merged: WALLET, reason: 'same address' });
      expect(merged.errors).toBeUndefined();
      const flows: any = await api.graphql('{ transfers(filter: { from: "' + WALLET_AGAIN + '" }) { totalCount } }');
      expect(flows.data.transfers.totalCount).toBeGreaterThan(0);
      await api.graphql(UNMERGE, { id: merged.data.mergeEntities.id, reason: 'test: undo' });
      expect(await dump()).toEqual(before);
    });

    it('follows a chain of merges, and refuses to undo the first before the second', async () => {
      const first: any = await api.graphql(MERGE, { survivor: NAME_B, merged: NAME_A, reason: 'transliteration' });
      const second: any = await api.graphql(MERGE, { survivor: PHONE_A, merged: NAME_B, reason: 'test chain' });
      expect(second.errors).toBeUndefined();
      const read: any = await api.graphql(`{ node(id: "${NAME_A}") { id } }`);
      expect(read.data.node.id).toBe(PHONE_A);
      const early: any = await api.graphql(UNMERGE, { id: first.data.mergeEntities.id, reason: 'out of order' });
      expect(early.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mergeId' });
      expect(early.errors[0].message).toContain(second.data.mergeEntities.id);
      expect((await api.graphql<any>(UNMERGE, { id: second.data.mergeEntities.id, reason: 'undo' })).errors).toBeUndefined();
      expect((await api.graphql<any>(`{ node(id: "${NAME_A}") { id } }`)).data.node.id).toBe(NAME_B);
      expect((await api.graphql<any>(UNMERGE, { id: first.data.mergeEntities.id, reason: 'undo' })).errors).toBeUndefined();
      expect((await api.graphql<any>(`{ node(id: "${NAME_A}") { id } }`)).data.node.id).toBe(NAME_A);
    });

    it('refuses misuse with BAD_USER_INPUT naming the argument, and writes nothing', async () => {
      const before = await dump();
      const refused = async (query: string, variables: Record<string, unknown>, field: string, words: string) => {
        const answer: any = await api.graphql(query, variables);
        expect(answer.errors?.[0]?.extensions, JSON.stringify(answer)).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(answer.errors[0].message).toContain(words);
        expect(answer.errors[0].extensions.stacktrace).toBeUndefined();
      };
      await refused(MERGE, { survivor: JAY, merged: JAY, reason: 'x' }, 'merged', 'into itself');
      await refused(MERGE, { survivor: JAY, merged: WALLET, reason: 'x' }, 'merged', 'only entities of one kind');
      await refused(MERGE, { survivor: JAY, merged: `${P}nobody`, reason: 'x' }, 'merged', 'names no entity');
      await refused(MERGE, { survivor: `${P}nobody`, merged: JAY_AGAIN, reason: 'x' }, 'survivor', 'names no entity');
      await refused(MERGE, { survivor: JAY, merged: JAY_AGAIN, reason: '   ' }, 'reason', 'blank');
      await refused(UNMERGE, { id: 'merge:nothing', reason: 'x' }, 'mergeId', 'names no merge');
      expect(await dump()).toEqual(before);

      // Merging an id already merged, into one, and undoing twice.
      const merge: any = await api.graphql(MERGE, { survivor: JAY, merged: JAY_AGAIN, reason: 'same recruiter' });
      expect(merge.errors).toBeUndefined();
      const during = await dump();
      await refused(MERGE, { survivor: PHONE_A, merged: JAY_AGAIN, reason: 'x' }, 'merged', 'already merged into person:recruiter-jay');
      await refused(MERGE, { survivor: JAY_AGAIN, merged: PHONE_A, reason: 'x' }, 'survivor', `merge into ${JAY} instead`);
      expect(await dump()).toEqual(during);
      const id = merge.data.mergeEntities.id;
      expect((await api.graphql<any>(UNMERGE, { id, reason: 'undo' })).errors).toBeUndefined();
      await refused(UNMERGE, { id, reason: 'again' }, 'mergeId', 'undone already');
      expect(await dump()).toEqual(before);
    });

    it('is for editors: an analyst\'s merge is refused before anything runs', async () => {
      const answer: any = await analyst.graphql(MERGE, { survivor: JAY, merged: JAY_AGAIN, reason: 'x' });
      expect(answer.status).toBe(403);
      expect(answer.errors[0].extensions.code).toBe('FORBIDDEN');
    });
  });
});
