import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grade, rel, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Which accounts a viewer sees, on every read that tests an account's holders (a node by id, a
 * transfer list's ends, a money trail's hops): an account with no holder, or with any holder who is
 * not a victim, is visible; an account held only by victims (trafficking or fraud) is theirs and
 * hidden. Pins both sides, so a cheaper form of the test can neither leak nor over-hide.
 */
const P = 'test-policy-held-accounts:';
const SOURCE = `${P}source`;
const ORIGIN = `${P}origin`;
const RECRUITER = `${P}recruiter`;
const TRAFFICKED = `${P}trafficked`;
const DEFRAUDED = `${P}defrauded`;
const CASE_HOLDERS: Record<string, string[]> = {
  [`${P}no-holder`]: [],
  [`${P}recruiter-only`]: [RECRUITER],
  [`${P}victim-and-recruiter`]: [TRAFFICKED, RECRUITER],
  [`${P}one-victim`]: [TRAFFICKED],
  [`${P}two-victims`]: [TRAFFICKED, DEFRAUDED],
};
const VICTIMS = new Set([TRAFFICKED, DEFRAUDED]);
const ACCOUNTS = Object.keys(CASE_HOLDERS);
/** What the rule says, computed here: hidden when it has holders and every one is a victim. */
const VISIBLE = ACCOUNTS.filter((id) => CASE_HOLDERS[id]!.length === 0 || CASE_HOLDERS[id]!.some((holder) => !VICTIMS.has(holder))).sort();

const NODE = 'query($id: ID!) { node(id: $id) { id } }';
const TRANSFERS = `query($from: ID!) { transfers(filter: { from: $from }, first: 20) { totalCount edges { node { id to { id } } } } }`;
const TRAIL = `query($id: ID!) { moneyTrail(accountId: $id, direction: DOWNSTREAM, maxHops: 2) { accounts { account { id } } transfers { id } } }`;

describe('a viewer sees an account unless every one of its holders is a victim', () => {
  let viewer: TestApi;
  let analyst: TestApi;

  beforeAll(async () => {
    [viewer, analyst] = await Promise.all([startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } }), startTestApi({}, undefined, { auth: { anonymousRole: 'analyst' } })]);
    await removeByPrefix(viewer.db, P);
    await writeRecords(viewer.db, [
      { kind: 'Source', id: SOURCE, name: 'Held accounts test source' },
      { kind: 'Person', id: RECRUITER, name: 'Recruiter', roles: ['RECRUITER'], provenance: grade(SOURCE) },
      { kind: 'Person', id: TRAFFICKED, name: 'Trafficked person', roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) },
      { kind: 'Person', id: DEFRAUDED, name: 'Defrauded person', roles: ['FRAUD_VICTIM'], provenance: grade(SOURCE) },
      { kind: 'Account', id: ORIGIN, name: 'Origin account', accountType: 'BANK_ACCOUNT', provenance: grade(SOURCE) },
      ...ACCOUNTS.map((id) => ({ kind: 'Account', id, name: `Account ${id}`, accountType: 'BANK_ACCOUNT', provenance: grade(SOURCE) })),
      ...ACCOUNTS.flatMap((id) => CASE_HOLDERS[id]!.map((holder) => rel('HOLDS', holder, id, SOURCE))),
      ...ACCOUNTS.map((id, i) => ({
        type: 'TRANSFERRED', id: `${P}t-${i}`, from: ORIGIN, to: id, at: `2024-01-0${i + 1}T00:00:00Z`,
        amount: 100 + i, amountUsd: 100 + i, currency: 'USD', provenance: grade(SOURCE),
      })),
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(viewer.db, P);
    await Promise.all([viewer?.stop(), analyst?.stop()]);
  });

  it('by id: each account is there or not as the rule says; the analyst sees all', async () => {
    for (const id of ACCOUNTS) {
      const seen = await viewer.graphql<{ node: { id: string } | null }>(NODE, { id });
      expect(seen.errors).toBeUndefined();
      expect(seen.data?.node?.id ?? null, id).toBe(VISIBLE.includes(id) ? id : null);
      const all = await analyst.graphql<{ node: { id: string } | null }>(NODE, { id });
      expect(all.data?.node?.id).toBe(id);
    }
  });

  it('in a transfer list: only transfers to visible accounts, counted alike', async () => {
    type Page = { transfers: { totalCount: number; edges: Array<{ node: { id: string; to: { id: string } } }> } };
    const seen = await viewer.graphql<Page>(TRANSFERS, { from: ORIGIN });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.transfers.edges.map((e) => e.node.to.id).sort()).toEqual(VISIBLE);
    expect(seen.data?.transfers.totalCount).toBe(VISIBLE.length);
    const all = await analyst.graphql<Page>(TRANSFERS, { from: ORIGIN });
    expect(all.data?.transfers.totalCount).toBe(ACCOUNTS.length);
  });

  it('on a money trail: the hops reach only visible accounts', async () => {
    type Trail = { moneyTrail: { accounts: Array<{ account: { id: string } }>; transfers: Array<{ id: string }> } };
    const seen = await viewer.graphql<Trail>(TRAIL, { id: ORIGIN });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.moneyTrail.accounts.map((a) => a.account.id).sort()).toEqual(VISIBLE);
    expect(seen.data?.moneyTrail.transfers).toHaveLength(VISIBLE.length);
    const all = await analyst.graphql<Trail>(TRAIL, { id: ORIGIN });
    expect(all.data?.moneyTrail.accounts.map((a) => a.account.id).sort()).toEqual([...ACCOUNTS].sort());
  });
});
