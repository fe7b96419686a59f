import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUND_TRIP_HEADER } from '../../src/server/plugins/useRoundTripHeader.js';
import { seedStory } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Look-ahead plans are kept per root field of a document and per the values of the variables its
 * selection reads (src/resolvers/lookahead/plan.ts). The same document sent again with other values
 * — page sizes, directions, a fragment's variables, an absent variable beside null — must be planned
 * for those values: the answer equals the reference path's (look-ahead off), and it costs the round
 * trips the same values cost in a document never sent before. (A plan kept for other values would
 * still answer right — its pages would not match and the loaders would fetch them — but at a round
 * trip per level it missed; that is what the second check sees.)
 */
const TREE = `query Tree($id: ID!, $first: Int, $direction: Direction, $inner: Int, $types: [RelationshipType!]) {
  node(id: $id) {
    id
    relationships(first: $first, direction: $direction) {
      totalCount
      edges { other { id ...Deeper } }
    }
  }
}
fragment Deeper on Entity { name relationships(first: $inner, types: $types) { edges { other { id name } } } }`;

const LIST = `query List($first: Int!, $inner: Int) {
  scamCentres(first: $first) { edges { node { id name relationships(first: $inner) { edges { other { id name } } } } } }
}`;

// What a selection reads is kept the same way. Only @include/@skip make it depend on variables, and
// such documents run on graphql-js today, whose field lists are new per execution (so nothing is
// kept for them): these pin the answers should an executor keep them. The documents without
// directives (TRAIL_PLAIN…) are kept and met again with other arguments.
const TRAIL = `query Trail($id: ID!, $name: Boolean!, $traced: Boolean!) {
  moneyTrail(accountId: $id, direction: DOWNSTREAM) {
    accounts { account { id name @include(if: $name) } tracedAmountUsd @include(if: $traced) }
    transfers { id ...Amount }
  }
}
fragment Amount on Transfer { amountUsd @include(if: $traced) }`;

const TRANSFERS = `query Transfers($from: ID!, $total: Boolean!, $names: Boolean!) {
  transfers(filter: { from: $from }, first: 2) {
    totalCount @include(if: $total)
    edges { node { id ... on Transfer { at } to { id name @include(if: $names) } } }
  }
}`;

const PATHS = `query Paths($from: ID!, $to: ID!, $names: Boolean!) {
  paths(from: $from, to: $to, k: 2) { nodes { id name @include(if: $names) } relationships { id } }
}`;

const TRAIL_PLAIN = `query TrailPlain($id: ID!, $direction: TrailDirection) {
  moneyTrail(accountId: $id, direction: $direction) { accounts { account { id name } hops } transfers { id amountUsd } }
}`;

const TRANSFERS_PLAIN = `query TransfersPlain($from: ID!, $first: Int!) {
  transfers(filter: { from: $from }, first: $first) { totalCount edges { node { id ... on Transfer { at } to { id name } } } }
}`;

describe('look-ahead plans kept per document', () => {
  let api: TestApi;
  let reference: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, 120_000);
    reference = await startTestApi({}, 120_000, { lookAhead: false });
    await seedStory(api.db);
  });
  afterAll(async () => {
    await api?.stop();
    await reference?.stop();
  });

  /** The document once more as text never sent (a new parse, so a new plan), for the round trips a fresh plan costs. */
  let fresh = 0;
  const asNew = (document: string) => `${document}\n# ${fresh++}`;
  const roundTrips = (headers: Headers) => Number(headers.get(ROUND_TRIP_HEADER));

  const check = async (document: string, variables: Record<string, unknown>) => {
    const label = JSON.stringify(variables);
    const [kept, plain, first] = await Promise.all([api.graphql(document, variables), reference.graphql(document, variables), api.graphql(asNew(document), variables)]);
    expect(kept.errors, label).toBeUndefined();
    expect(kept.data, label).toEqual(plain.data);
    expect(first.data, label).toEqual(plain.data);
    expect(roundTrips(kept.headers), label).toBe(roundTrips(first.headers));
    return JSON.stringify(kept.data);
  };

  it('plans a tree for every set of values, sent one after another', async () => {
    const sets: Array<Record<string, unknown>> = [
      { id: 'person:recruiter-jay', first: 5, direction: 'OUTGOING', inner: 3 },
      { id: 'person:recruiter-jay', first: 5, direction: 'OUTGOING', inner: 1 },
      { id: 'person:recruiter-jay', first: 5, direction: 'OUTGOING' },
      { id: 'person:recruiter-jay', first: 5, direction: 'OUTGOING', inner: null },
      { id: 'person:recruiter-jay', first: 5, direction: 'OUTGOING', inner: 3, types: ['NATIONAL_OF'] },
      { id: 'person:recruiter-jay', first: 2, direction: 'OUTGOING', inner: 1 },
      { id: 'person:recruiter-jay', first: 5, direction: 'INCOMING', inner: 3 },
      { id: 'person:recruiter-jay', first: 5, inner: 2 },
      { id: 'scamcentre:mm-myawaddy-1', first: 5, inner: 2 },
      { id: 'person:recruiter-jay', first: 5, direction: 'OUTGOING', inner: 3 },
    ];
    const answers = new Set<string>();
    for (const variables of sets) answers.add(await check(TREE, variables));
    // The values change the answers, so the sets test something.
    expect(answers.size).toBeGreaterThanOrEqual(6);
  });

  it('reads what each set of values selects, on money trails, transfer lists and paths', async () => {
    const answers = new Set<string>();
    for (const [name, traced] of [[false, false], [true, false], [true, true], [false, true], [false, false]] as const) {
      answers.add(await check(TRAIL, { id: 'account:us-victim-wallet', name, traced }));
    }
    for (const [total, names] of [[false, false], [true, true], [false, true], [true, false]] as const) {
      answers.add(await check(TRANSFERS, { from: 'account:scam-wallet-w1', total, names }));
    }
    for (const names of [false, true, false]) answers.add(await check(PATHS, { from: 'account:us-victim-wallet', to: 'account:cn-holder-exchange', names }));
    // Every set but the repeats answers differently.
    expect(answers.size).toBe(4 + 4 + 2);
    for (const [id, direction] of [['account:us-victim-wallet', 'DOWNSTREAM'], ['account:cn-holder-exchange', 'UPSTREAM'], ['account:us-victim-wallet', 'DOWNSTREAM']]) {
      answers.add(await check(TRAIL_PLAIN, { id, direction }));
    }
    for (const [from, first] of [['account:scam-wallet-w1', 2], ['account:us-victim-wallet', 1], ['account:scam-wallet-w1', 3]] as const) {
      answers.add(await check(TRANSFERS_PLAIN, { from, first }));
    }
    // (The first plain transfer list answers as TRANSFERS did with both included.)
    expect(answers.size).toBe(4 + 4 + 2 + 2 + 2);
  });

  it('plans a list for every nested page size', async () => {
    for (const inner of [1, 3, 1, 2]) await check(LIST, { first: 4, inner });
  });
});
