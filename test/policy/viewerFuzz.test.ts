import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { collectPools, loadFuzzData } from '../fuzz/fuzzData.js';
import { generateDocument, type FuzzPools } from '../fuzz/generateDocument.js';
import { answerText, collectHiddenTerms, findLeaks, postRaw, type HiddenTerms, type RawAnswer } from './leakDetector.js';

/**
 * The leak detector over generated documents (test/fuzz/generateDocument.ts: every root field,
 * fragments, aliases, nested pages past the look-ahead, ids and cursors of victims from the pools)
 * on the demo story and the fuzzer's generated network, asked as a viewer on both paths: nothing
 * hidden in any answer, and the look-ahead and the reference path agree for a viewer too. The same
 * documents asked as an admin must show victims in some answers, or this test would prove nothing.
 */
const SEED = 13_2026;
const DOCUMENTS = Number(process.env['POLICY_FUZZ_DOCUMENTS'] ?? 60);
const REQUEST_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** What must not differ between the paths: status, data, and errors in path order, request ids removed. */
function comparable(answer: RawAnswer): string {
  const errors = (answer.json.errors ?? [])
    .map((error) => `${JSON.stringify(error.path ?? [])} ${String(error.extensions?.['code'])} ${error.message.replace(REQUEST_ID, '<request id>')}`)
    .sort();
  return JSON.stringify({ status: answer.status, data: answer.json.data ?? null, errors });
}

describe('viewer answers to generated documents', () => {
  let admin: TestApi;
  let viewer: TestApi;
  let viewerReference: TestApi;
  let pools: FuzzPools;
  let hidden: HiddenTerms;

  beforeAll(async () => {
    [admin, viewer, viewerReference] = await Promise.all([
      startTestApi({}, 120_000),
      startTestApi({}, 120_000, { auth: { anonymousRole: 'viewer' } }),
      startTestApi({}, 120_000, { auth: { anonymousRole: 'viewer' }, lookAhead: false, executor: 'graphql-js', httpPipeline: 'express' }),
    ]);
    await loadFuzzData(admin.db);
    // Pools as an admin reads them: victims' ids and cursors included, so documents ask for them.
    pools = await collectPools(admin.db, `${admin.url}/graphql`);
    hidden = await collectHiddenTerms(admin.db);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([admin?.stop(), viewer?.stop(), viewerReference?.stop()]);
  });

  it(`finds nothing hidden in ${DOCUMENTS} viewer answers, on either path, and the paths agree (seed ${SEED})`, async () => {
    expect(hidden.victimIds.some((id) => id.startsWith('fuzz:'))).toBe(true);
    const leaks: string[] = [];
    const differences: string[] = [];
    const internalErrors: string[] = [];
    let adminSawVictims = 0;
    const timings = { viewer: 0, viewerReference: 0, admin: 0 };
    for (let index = 0; index < DOCUMENTS; index++) {
      const document = generateDocument(pools, SEED, index);
      const sent = `${document.query}\n${JSON.stringify(document.variables)}`;
      const timed = async (url: string) => {
        const started = performance.now();
        const answer = await postRaw(`${url}/graphql`, document.query, document.variables);
        return { answer, ms: performance.now() - started };
      };
      const fastTimed = await timed(viewer.url);
      const referenceTimed = await timed(viewerReference.url);
      const adminTimed = await timed(admin.url);
      timings.viewer += fastTimed.ms;
      timings.viewerReference += referenceTimed.ms;
      timings.admin += adminTimed.ms;
      const [fast, reference, asAdmin] = [fastTimed.answer, referenceTimed.answer, adminTimed.answer];
      for (const [path, answer] of [['look-ahead', fast], ['reference', reference]] as const) {
        const found = findLeaks(hidden, answerText(answer), sent);
        if (found.length > 0) leaks.push(`document ${index} (${path}): ${found.join(', ')}\n${document.query}\n${answer.body}`);
        if ((answer.json.errors ?? []).some((e) => e.extensions?.['code'] === 'INTERNAL_SERVER_ERROR')) internalErrors.push(`document ${index} (${path}): ${answer.body}`);
      }
      if (comparable(fast) !== comparable(reference)) differences.push(`document ${index}:\n${document.query}\nlook-ahead: ${fast.body}\nreference:  ${reference.body}`);
      if (findLeaks({ ...hidden, protectedValues: [] }, answerText(asAdmin), sent).length > 0) adminSawVictims++;
    }
    if (process.env['POLICY_FUZZ_TIMINGS']) console.log(JSON.stringify(timings));
    expect(leaks).toEqual([]);
    expect(internalErrors).toEqual([]);
    expect(differences).toEqual([]);
    // The same documents do reach victims when the role may see them.
    expect(adminSawVictims).toBeGreaterThan(DOCUMENTS / 20);
  }, 600_000);
});
