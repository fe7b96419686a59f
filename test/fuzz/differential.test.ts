import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { ask, describeDifference, runFuzz, type Endpoints } from './differential.js';
import { collectPools, loadFuzzData } from './fuzzData.js';
import type { FuzzPools } from './generateDocument.js';

/**
 * The fast path must never change an answer: generated documents (test/fuzz/generateDocument.ts)
 * against the look-ahead server and the reference server (LOOKAHEAD off), over the demo story and a
 * small generated network. A bounded slice here; long runs: `npm run fuzz -- --documents 20000`.
 */
const SEED = 20261130;
const DOCUMENTS = Number(process.env['FUZZ_DOCUMENTS'] ?? 200);
const QUERY_TIMEOUT_MS = 120_000;
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
    reference = await startTestApi({}, QUERY_TIMEOUT_MS, { lookAhead: false });
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
