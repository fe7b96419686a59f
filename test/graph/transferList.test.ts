import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUND_TRIP_HEADER } from '../../src/server/index.js';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * The transfer list reads only what its selection reads of the transfers and of the accounts at
 * their ends (look-ahead, as the entity lists and moneyTrail do), in one statement; accounts read
 * that way serve their own spot of the query only, never the request's cache.
 */
const P = 'test-transfer-list:';
const SOURCE = `${P}source`;
const id = (name: string) => `${P}${name}`;
const account = (name: string, accountType: string) => ({ kind: 'Account', id: id(name), name: `Account ${name}`, accountType, identifier: `${P}iban-${name}`, provenance: grade(SOURCE) });
const transfer = (name: string, from: string, to: string, at: string, amountUsd: number) => ({
  type: 'TRANSFERRED', id: id(name), from: id(from), to: id(to), at, amountUsd, amount: amountUsd, currency: 'USD', reference: `ref-${name}`, provenance: grade(SOURCE),
});

const records = [
  { kind: 'Source', id: SOURCE, name: 'Transfer list test source' },
  account('a', 'BANK_ACCOUNT'),
  account('b', 'CRYPTO_WALLET'),
  account('c', 'EXCHANGE_ACCOUNT'),
  transfer('t1', 'a', 'b', '2024-01-01T10:00:00Z', 100),
  transfer('t2', 'a', 'c', '2024-01-02T10:00:00Z', 250),
  transfer('t3', 'b', 'c', '2024-01-03T10:00:00Z', 90),
];

describe('the transfer list', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, records);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('answers a selection of transfers and both end accounts in one round trip, reading what it selects', async () => {
    const response = await api.graphql<{ transfers: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `query ($from: ID!) {
        transfers(filter: { from: $from }) {
          edges { node { id ... on Transfer { amountUsd reference } from { id name } to { id ... on Account { accountType identifier } } } }
        }
      }`,
      { from: id('a') },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.transfers.edges.map((e) => e.node)).toEqual([
      { id: id('t1'), amountUsd: 100, reference: 'ref-t1', from: { id: id('a'), name: 'Account a' }, to: { id: id('b'), accountType: 'CRYPTO_WALLET', identifier: `${P}iban-b` } },
      { id: id('t2'), amountUsd: 250, reference: 'ref-t2', from: { id: id('a'), name: 'Account a' }, to: { id: id('c'), accountType: 'EXCHANGE_ACCOUNT', identifier: `${P}iban-c` } },
    ]);
    expect(Number(response.headers.get(ROUND_TRIP_HEADER))).toBe(1);
  });

  it('does not cache an account it read in part: a later read of the same account in the request gets it whole', async () => {
    // The list reads account a with `id` only; b's incoming transfers, read later by the loader,
    // lead back to a, whose accountType must then come from a whole read, not from that projection.
    const response = await api.graphql<{ transfers: { edges: Array<{ node: { to: { relationships: { edges: Array<{ node: { from: { id: string; accountType: string } } }> } } } }> } }>(
      `query ($from: ID!) {
        transfers(filter: { from: $from }, first: 1) {
          edges { node { from { id } to { relationships(direction: INCOMING, types: [TRANSFERRED]) { edges { node { from { id ... on Account { accountType } } } } } } } }
        }
      }`,
      { from: id('a') },
    );
    expect(response.errors).toBeUndefined();
    const incoming = response.data!.transfers.edges[0]!.node.to.relationships.edges;
    expect(incoming.map((e) => e.node.from)).toEqual([{ id: id('a'), accountType: 'BANK_ACCOUNT' }]);
  });
});
