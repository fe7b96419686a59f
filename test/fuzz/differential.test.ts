import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { ask, describeDifference, nulledAncestor, runFuzz, type Endpoints } from './differential.js';
import { collectPools, loadFuzzData } from './fuzzData.js';
import { generateDocument, type FuzzPools } from './generateDocument.js';

/**
 * The fast path must never change an answer: generated documents (test/fuzz/generateDocument.ts)
 * against the look-ahead server and the reference server (LOOKAHEAD off), over the demo story and a
 * small generated network. A bounded slice here; long runs: `npm run fuzz -- --documents 20000`.
 */
const SEED = 20261130;
const DOCUMENTS = Number(process.env['FUZZ_DOCUMENTS'] ?? 200);
const QUERY_TIMEOUT_MS = 120_000;
/**
 * Where the generator meets the request of issue 11 on its own (a revisit: `relationship(id)` and
 * `node(id)` reaching one entity, the same page with other leaves). Re-pin if the generator changes:
 * take a document of `generateDocument` that has the shape the test checks below, and keep one that
 * the injected fault answers wrongly (re-pinned 2026-12-01 again, when the time lens, entity
 * resolution and watch rules joined the schema: of the 40 documents of that shape in seeds 1 to 5,
 * seed 2's 352 was the one the fault got wrong, 9 times in 10).
 */
const ISSUE_11_SEED = 2;
const ISSUE_11_INDEX = 352;
/** The defect is a race between root fields: a few tries show it (one in most tries when it was found). */
const RACE_TRIES = 10;
/**
 * Tries at most to see the faulty path answer wrongly (it stops at the first): on a loaded machine
 * the race goes the right way more often (0 in 10 once, in a CI try on a slow day, 2026-12-02).
 */
const RACE_TRIES_TO_SHOW_FAULT = 50;
/** Bounded, with room for a busy machine (about a minute on a quiet one). */
const FUZZ_TIMEOUT_MS = 600_000;

describe('the differential query fuzzer', () => {
  let fast: TestApi;
  let reference: TestApi;
  let faulty: TestApi;
  let pools: FuzzPools;
  const endpoints = (api: TestApi): Endpoints => ({ fast: `${api.url}/graphql`, reference: `${reference.url}/graphql` });

  beforeAll(async () => {
    // A generous statement timeout on both paths: a timeout on one path only would read as a difference.
    fast = await startTestApi({}, QUERY_TIMEOUT_MS);
    reference = await startTestApi({}, QUERY_TIMEOUT_MS, { lookAhead: false, executor: 'graphql-js', httpPipeline: 'express' });
    faulty = await startTestApi({}, QUERY_TIMEOUT_MS, { loaderOptions: { cache: true, faultShareFetchedAhead: true } });
    await loadFuzzData(fast.db);
    pools = await collectPools(fast.db, `${reference.url}/graphql`);
  });
  afterAll(async () => {
    await Promise.all([fast?.stop(), reference?.stop(), faulty?.stop()]);
  });

  it(`finds no difference between the fast and the reference path in ${DOCUMENTS} documents (seed ${SEED})`, async () => {
    const report = await runFuzz({ endpoints: endpoints(fast), pools, seed: SEED, documents: DOCUMENTS });
    expect(report.differences.map((d) => describeDifference(d, SEED))).toEqual([]);
    expect(report.internalErrors.map((e) => `document ${e.index}: ${JSON.stringify(e.answer.errors)}\n${e.case.query}`)).toEqual([]);
    expect(report.documents).toBe(DOCUMENTS);
  }, FUZZ_TIMEOUT_MS);

  it(`finds the request of issue 11 on its own: seed ${ISSUE_11_SEED}, document ${ISSUE_11_INDEX}`, async () => {
    const document = generateDocument(pools, ISSUE_11_SEED, ISSUE_11_INDEX);
    // The shape of the issue: one root field reaches an entity by its id, another through a relationship it is an end of.
    const byRelationship = /relationship\(id: "([^"]+)"\) \{ id (from|to) \{ id \w*:? ?relationships/.exec(document.query);
    expect(byRelationship, document.query).not.toBeNull();
    const end = pools.relationships.find((r) => r.id === byRelationship![1])![byRelationship![2] as 'from' | 'to'];
    expect(document.query).toContain(`node(id: "${end}")`);

    let wrong = 0;
    for (let i = 0; i < RACE_TRIES_TO_SHOW_FAULT && wrong === 0; i++) {
      const [right, answer] = await Promise.all([ask(`${reference.url}/graphql`, document), ask(`${faulty.url}/graphql`, document)]);
      if (JSON.stringify(answer.data) !== JSON.stringify(right.data)) wrong++;
    }
    expect(wrong, 'the faulty fast path answered this document right every time').toBeGreaterThan(0);
    // And the fixed fast path answers it right every time.
    for (let i = 0; i < RACE_TRIES; i++) {
      const [right, answer] = await Promise.all([ask(`${reference.url}/graphql`, document), ask(`${fast.url}/graphql`, document)]);
      expect(answer.data).toEqual(right.data);
    }
  });

  it('compares an error that nulled an ancestor by that ancestor: which racing sibling error graphql-js reports is not the answer', () => {
    const data = { f0: [null, { sources: [] }] };
    // Seed 7, document 11,500: `first: 101` under two non-null lists of one item; either error may be the one reported.
    expect(nulledAncestor(data, ['f0', 0, 'locations', 0, 'f7'])).toEqual(['f0', 0]);
    expect(nulledAncestor(data, ['f0', 0, 'sources', 0, 'f9'])).toEqual(['f0', 0]);
    // An error at the field that holds the null is compared as it is.
    expect(nulledAncestor({ f0: { page: null } }, ['f0', 'page'])).toBeUndefined();
    expect(nulledAncestor(null, ['f0'])).toEqual([]);
  });

  it('can inject the fault of issue 11 into the fast path, which then answers wrongly', async () => {
    // Within one root field, so no race decides it: the relationship's `from` is the root entity,
    // which the faulty cache serves with the root's own pages (other ends projected to `id`).
    const document = {
      query: `{ node(id: "person:recruiter-jay") { relationships(first: 5, direction: OUTGOING) {
        edges { node { from { id relationships(first: 5, direction: OUTGOING) { edges { other { id name } } } } } } } } }`,
      variables: {},
    };
    const [right, wrong] = await Promise.all([ask(`${reference.url}/graphql`, document), ask(`${faulty.url}/graphql`, document)]);
    expect(JSON.stringify(right.data)).not.toContain('"name":""');
    expect(JSON.stringify(wrong.data)).toContain('"name":""');
  });
});
