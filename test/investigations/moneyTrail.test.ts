import { int } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/index.js';
import { findEntitiesByIds, followMoney, type MoneyTrailArgs } from '../../src/graph/index.js';
import { SEES_EVERYTHING } from '../../src/policy/index.js';
import { entityModelOf, relationshipModelOf } from '../../src/graph/records.js';
import type { EntityModel, MoneyTrailModel, RelationshipModel, TrailAccountModel } from '../../src/model/index.js';
import { ROUND_TRIP_HEADER } from '../../src/server/index.js';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

const P = 'test-money-trail:';
const SOURCE = `${P}source`;
const id = (name: string) => `${P}${name}`;
const account = (name: string) => ({ kind: 'Account', id: id(name), name: `Account ${name}`, accountType: 'BANK_ACCOUNT', provenance: grade(SOURCE) });
const transfer = (name: string, from: string, to: string, at: string, amountUsd: number) => ({
  type: 'TRANSFERRED', id: id(`t-${name}`), from: id(from), to: id(to), at, amountUsd, amount: amountUsd, currency: 'USD', provenance: grade(SOURCE),
});

/**
 * A → B, C; B and C → D (C's transfers back to A and B are cycles); D → F, G, H; F → A (a cycle at
 * hop 4); B → E happened before the money reached B, so it is not on the trail. X sends 22 transfers
 * to Y1..Y3 (more rows than one account's share of a hop allows).
 */
const FIXTURE = [
  { kind: 'Source', id: SOURCE, name: 'Money trail test source' },
  ...['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'X', 'Y1', 'Y2', 'Y3'].map(account),
  { kind: 'Person', id: id('person'), name: 'Not an account', provenance: grade(SOURCE) },
  transfer('ab1', 'A', 'B', '2025-01-01T00:00:00Z', 100),
  transfer('ac', 'A', 'C', '2025-01-02T00:00:00Z', 50),
  transfer('ab2', 'A', 'B', '2025-01-05T00:00:00Z', 10),
  transfer('be', 'B', 'E', '2024-12-01T00:00:00Z', 5),
  transfer('bd', 'B', 'D', '2025-01-03T00:00:00Z', 80),
  transfer('cb', 'C', 'B', '2025-01-03T12:00:00Z', 7),
  transfer('ca', 'C', 'A', '2025-01-04T00:00:00Z', 20),
  transfer('cd', 'C', 'D', '2025-01-04T06:00:00Z', 3),
  transfer('df', 'D', 'F', '2025-01-06T00:00:00Z', 60),
  transfer('dg', 'D', 'G', '2025-01-07T00:00:00Z', 10),
  transfer('dh', 'D', 'H', '2025-01-08T00:00:00Z', 5),
  transfer('fa', 'F', 'A', '2025-01-09T00:00:00Z', 1),
  ...Array.from({ length: 22 }, (_, i) => transfer(`xy${i}`, 'X', `Y${(i % 3) + 1}`, `2025-02-${String(i + 1).padStart(2, '0')}T00:00:00Z`, 1)),
];

/** The hop-by-hop walk moneyTrail did before it became one statement (one round trip per hop and one for "more"), kept as the reference. */
async function followMoneyHopByHop(db: Database, origin: EntityModel, args: Omit<MoneyTrailArgs, 'accountId'>): Promise<MoneyTrailModel> {
  const downstream = args.direction === 'DOWNSTREAM';
  const reached = new Map<string, TrailAccountModel>();
  const transfers = new Map<string, RelationshipModel>();
  const cycles = new Map<string, RelationshipModel>();
  const onTrail = new Set([origin.id]);
  let frontier: Array<{ id: string; bound: string | null }> = [{ id: origin.id, bound: null }];
  let truncated = false;
  let totalAmountUsd = 0;
  for (let hop = 1; hop <= args.maxHops && frontier.length > 0; hop++) {
    const limit = args.maxAccounts * 20;
    const { records } = await db.read<{ r: Record<string, unknown>; fromId: string; toId: string; other: Record<string, unknown>; otherId: string }>(
      `UNWIND $frontier AS f
       MATCH (a:Entity {id: f.id})${downstream ? '-[r:TRANSFERRED]->' : '<-[r:TRANSFERRED]-'}(b:Entity)
       WHERE (f.bound IS NULL OR r.at ${downstream ? '>=' : '<='} f.bound)
         AND ($since IS NULL OR r.at >= $since) AND ($until IS NULL OR r.at < $until)
         AND ($minAmountUsd IS NULL OR r.amountUsd >= $minAmountUsd)
       RETURN r {.*} AS r, startNode(r).id AS fromId, endNode(r).id AS toId, b {.*} AS other, b.id AS otherId
       ORDER BY r.at ${downstream ? 'ASC' : 'DESC'}, r.id
       LIMIT $limit`,
      { frontier, since: args.since, until: args.until, minAmountUsd: args.minAmountUsd, limit: int(limit + 1) },
    );
    if (records.length > limit) truncated = true;
    const newlyReached: string[] = [];
    for (const record of records.slice(0, limit)) {
      const t = relationshipModelOf('TRANSFERRED', record.get('r'), record.get('fromId'), record.get('toId'));
      if (transfers.has(t.id) || cycles.has(t.id)) continue;
      const otherId = record.get('otherId');
      if (onTrail.has(otherId) && !newlyReached.includes(otherId)) {
        cycles.set(t.id, t);
        continue;
      }
      let reachedAccount = reached.get(otherId);
      if (!reachedAccount) {
        if (reached.size + 1 >= args.maxAccounts) {
          truncated = true;
          continue;
        }
        reachedAccount = { account: entityModelOf('Account', record.get('other')), hops: hop, amountUsd: 0, tracedAmountUsd: null, at: null, transferCount: 0 };
        reached.set(otherId, reachedAccount);
        newlyReached.push(otherId);
      }
      transfers.set(t.id, t);
      const amount = typeof t['amountUsd'] === 'number' ? t['amountUsd'] : 0;
      const at = typeof t['at'] === 'string' ? t['at'] : null;
      reachedAccount.amountUsd += amount;
      reachedAccount.transferCount += 1;
      if (at !== null && (reachedAccount.at === null || (downstream ? at < reachedAccount.at : at > reachedAccount.at))) reachedAccount.at = at;
      const near = reached.get(downstream ? t.fromId : t.toId);
      if (near) near.transferCount += 1;
      if (hop === 1) totalAmountUsd += amount;
    }
    for (const reachedId of newlyReached) onTrail.add(reachedId);
    frontier = newlyReached.map((reachedId) => ({ id: reachedId, bound: reached.get(reachedId)?.at ?? null }));
  }
  if (frontier.length > 0 && !truncated) {
    const more = await db.read<{ more: boolean }>(
      `UNWIND $frontier AS f MATCH (a:Entity {id: f.id})${downstream ? '-[r:TRANSFERRED]->' : '<-[r:TRANSFERRED]-'}()
       WHERE (f.bound IS NULL OR r.at ${downstream ? '>=' : '<='} f.bound)
         AND ($since IS NULL OR r.at >= $since) AND ($until IS NULL OR r.at < $until)
         AND ($minAmountUsd IS NULL OR r.amountUsd >= $minAmountUsd)
       RETURN count(r) > 0 AS more`,
      { frontier, since: args.since, until: args.until, minAmountUsd: args.minAmountUsd },
    );
    truncated = more.records[0]?.get('more') === true;
  }
  const byTime = (a: RelationshipModel, b: RelationshipModel) => String(a['at'] ?? '').localeCompare(String(b['at'] ?? '')) || a.id.localeCompare(b.id);
  return {
    origin,
    direction: args.direction,
    accounts: [...reached.values()].sort((a, b) => a.hops - b.hops || (a.at ?? '').localeCompare(b.at ?? '')),
    transfers: [...transfers.values()].sort(byTime),
    cycles: [...cycles.values()].sort(byTime),
    totalAmountUsd,
    truncated,
  };
}

/** What a trail says, in comparable form. */
const summary = (trail: MoneyTrailModel) => ({
  accounts: trail.accounts.map((a) => ({ id: a.account.id, name: a.account.name, hops: a.hops, amountUsd: a.amountUsd, at: a.at, transferCount: a.transferCount })),
  transfers: trail.transfers.map((t) => ({ id: t.id, fromId: t.fromId, toId: t.toId, at: t['at'], amountUsd: t['amountUsd'] })),
  cycles: trail.cycles.map((t) => t.id),
  totalAmountUsd: trail.totalAmountUsd,
  truncated: trail.truncated,
});

const DEFAULTS = { direction: 'DOWNSTREAM', maxHops: 4, since: null, until: null, minAmountUsd: null, maxAccounts: 200 } as const;

async function oneStatement(db: Database, accountId: string, args: Partial<Omit<MoneyTrailArgs, 'accountId'>> = {}): Promise<MoneyTrailModel> {
  const { trail } = await followMoney(db, { ...DEFAULTS, ...args, accountId }, SEES_EVERYTHING);
  if (!trail) throw new Error(`no trail from ${accountId}`);
  return trail;
}

describe('moneyTrail in one statement', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, FIXTURE);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('reports cycles, follows money only forward in time and sums each account, as worked out by hand', async () => {
    const trail = summary(await oneStatement(api.db, id('A')));
    expect(trail.accounts.map(({ id: accountId, hops, amountUsd, at, transferCount }) => [accountId, hops, amountUsd, at, transferCount])).toEqual([
      [id('B'), 1, 110, '2025-01-01T00:00:00.000Z', 3],
      [id('C'), 1, 50, '2025-01-02T00:00:00.000Z', 2],
      [id('D'), 2, 83, '2025-01-03T00:00:00.000Z', 5],
      [id('F'), 3, 60, '2025-01-06T00:00:00.000Z', 1],
      [id('G'), 3, 10, '2025-01-07T00:00:00.000Z', 1],
      [id('H'), 3, 5, '2025-01-08T00:00:00.000Z', 1],
    ]);
    expect(trail.cycles).toEqual([id('t-cb'), id('t-ca'), id('t-fa')]);
    expect(trail.transfers.map((t) => t.id)).not.toContain(id('t-be'));
    expect(trail.totalAmountUsd).toBe(160);
    expect(trail.truncated).toBe(false);
  });

  it('traces how much of the money can have come from the origin, proportionally, as worked out by hand', async () => {
    type Trail = { moneyTrail: { accounts: Array<{ account: { id: string }; amountUsd: number; tracedAmountUsd: number }> } };
    const response = await api.graphql<Trail>('query ($id: ID!) { moneyTrail(accountId: $id) { accounts { account { id } amountUsd tracedAmountUsd } } }', { id: id('A') });
    expect(response.errors).toBeUndefined();
    const traced = Object.fromEntries(response.data!.moneyTrail.accounts.map((a) => [a.account.id.slice(P.length), [a.amountUsd, a.tracedAmountUsd]]));
    // B got 110 from A, and 7 from C: of its 117 in (more than its 85 out) 110 are A's, so 110/117 of what it sends.
    const shareB = 110 / 117;
    // D got 80 from B and 3 from C (all of C's 50 in came from A): traced 80 × 110/117 + 3 of its 83 in.
    const tracedD = 80 * shareB + 3;
    const shareD = tracedD / 83;
    const expected: Record<string, [number, number]> = { B: [110, 110], C: [50, 50], D: [83, tracedD], F: [60, 60 * shareD], G: [10, 10 * shareD], H: [5, 5 * shareD] };
    expect(Object.keys(traced).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [gross, value]] of Object.entries(expected)) {
      expect(traced[name]![0], name).toBe(gross);
      expect(traced[name]![1], name).toBeCloseTo(value, 9);
    }
    // Nothing passes on more than it got: what reaches the last hop is at most what the origin sent (160).
    expect(traced['F']![1]! + traced['G']![1]! + traced['H']![1]!).toBeLessThanOrEqual(tracedD);
  });

  it('traces upstream the same way: how much of what each account sent can have reached the origin', async () => {
    type Trail = { moneyTrail: { accounts: Array<{ account: { id: string }; amountUsd: number; tracedAmountUsd: number }> } };
    const response = await api.graphql<Trail>('query ($id: ID!) { moneyTrail(accountId: $id, direction: UPSTREAM) { accounts { account { id } amountUsd tracedAmountUsd } } }', { id: id('D') });
    expect(response.errors).toBeUndefined();
    const traced = Object.fromEntries(response.data!.moneyTrail.accounts.map((a) => [a.account.id.slice(P.length), a.tracedAmountUsd]));
    // All of B's 80 and C's 3 reached D; B passes on 80 of its 117 in, C 3 of its 50 in (more than its 30 out).
    // A sent B 100 before B's last transfer to D (10 came after) and C 50: 100 × 80/117 + 50 × 3/50.
    expect(Object.keys(traced).sort()).toEqual(['A', 'B', 'C']);
    expect(traced['B']).toBeCloseTo(80, 9);
    expect(traced['C']).toBeCloseTo(3, 9);
    expect(traced['A']).toBeCloseTo(100 * (80 / 117) + 50 * (3 / 50), 9);
  });

  it('truncates at the account cap: the accounts first reached in time order take the room', async () => {
    const capped = summary(await oneStatement(api.db, id('A'), { maxAccounts: 5 }));
    expect(capped.accounts.map((a) => a.id)).toEqual([id('B'), id('C'), id('D'), id('F')]);
    expect(capped.transfers.map((t) => t.id)).not.toContain(id('t-dg'));
    expect(capped.truncated).toBe(true);
    const beyondHops = summary(await oneStatement(api.db, id('A'), { maxHops: 2 }));
    expect(beyondHops.accounts.map((a) => a.id)).toEqual([id('B'), id('C'), id('D')]);
    expect(beyondHops.truncated).toBe(true);
    // Money beyond the last hop counts only inside the window asked for: D's transfers are all later.
    const windowed = summary(await oneStatement(api.db, id('A'), { maxHops: 2, until: '2025-01-05T00:00:00.000Z' }));
    expect(windowed.accounts.map((a) => a.id)).toEqual([id('B'), id('C'), id('D')]);
    expect(windowed.truncated).toBe(false);
  });

  it('gives the same trail as the hop-by-hop walk, for every direction, hop count, cap and window', async () => {
    const origins = await findEntitiesByIds(api.db, ['A', 'D', 'F', 'X'].map(id), SEES_EVERYTHING);
    const variants: Array<Partial<Omit<MoneyTrailArgs, 'accountId'>>> = [
      {}, { maxHops: 1 }, { maxHops: 2 }, { maxHops: 3 }, { maxHops: 8 },
      { maxAccounts: 1 }, { maxAccounts: 2 }, { maxAccounts: 3 }, { maxAccounts: 4 }, { maxAccounts: 5 }, { maxAccounts: 6 },
      { since: '2025-01-02T00:00:00.000Z' }, { until: '2025-01-06T12:00:00.000Z' }, { minAmountUsd: 10 },
      { maxHops: 2, maxAccounts: 4, minAmountUsd: 5 },
    ];
    let compared = 0;
    for (const origin of origins.values()) {
      for (const direction of ['DOWNSTREAM', 'UPSTREAM'] as const) {
        for (const variant of variants) {
          const args = { ...DEFAULTS, direction, ...variant };
          const expected = summary(await followMoneyHopByHop(api.db, origin, args));
          const actual = summary(await oneStatement(api.db, origin.id, args));
          expect(actual, `${origin.id} ${JSON.stringify(args)}`).toEqual(expected);
          compared += 1;
        }
      }
    }
    expect(compared).toBe(4 * 2 * variants.length);
  });

  it('costs one Cypher round trip, the account lookup included', async () => {
    const response = await api.graphql<{ moneyTrail: { accounts: unknown[]; cycles: unknown[]; truncated: boolean } }>(
      `query ($id: ID!) { moneyTrail(accountId: $id, direction: DOWNSTREAM, maxHops: 3, maxAccounts: 1000) {
        totalAmountUsd truncated
        accounts { account { id name } hops amountUsd at transferCount }
        transfers { id amountUsd at }
        cycles { id }
      } }`,
      { id: id('A') },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.moneyTrail.accounts).toHaveLength(6);
    expect(response.data!.moneyTrail.cycles).toHaveLength(2);
    expect(Number(response.headers.get(ROUND_TRIP_HEADER))).toBe(1);
  });

  it('returns only the properties the selection reads, and the same answer as a full read', async () => {
    const full = await oneStatement(api.db, id('A'));
    const selection = `totalAmountUsd truncated
      accounts { account { id name ... on Account { accountType } sources { id } } hops amountUsd at transferCount }
      transfers { id amountUsd at currency from { id } to { name } }
      cycles { id at }`;
    const response = await api.graphql<{ moneyTrail: Record<string, unknown> }>(`query ($id: ID!) { moneyTrail(accountId: $id) { ${selection} } }`, { id: id('A') });
    expect(response.errors).toBeUndefined();
    const names = new Map(FIXTURE.filter((r) => 'kind' in r).map((r) => [r.id, (r as { name: string }).name]));
    expect(response.data!.moneyTrail).toEqual({
      totalAmountUsd: full.totalAmountUsd,
      truncated: full.truncated,
      accounts: full.accounts.map((a) => ({
        account: { id: a.account.id, name: a.account.name, accountType: 'BANK_ACCOUNT', sources: [{ id: SOURCE }] },
        hops: a.hops, amountUsd: a.amountUsd, at: a.at, transferCount: a.transferCount,
      })),
      transfers: full.transfers.map((t) => ({ id: t.id, amountUsd: t['amountUsd'], at: t['at'], currency: 'USD', from: { id: t.fromId }, to: { name: names.get(t.toId) } })),
      cycles: full.cycles.map((t) => ({ id: t.id, at: t['at'] })),
    });
    // The accounts read with `id` only are not cached for the request: a transfer's `to` (loaded after
    // the trail) is the same account, read whole.
    const both = await api.graphql<{ moneyTrail: { transfers: Array<{ to: { id: string; accountType: string | null } }> } }>(
      `query ($id: ID!) { moneyTrail(accountId: $id) { accounts { account { id } } transfers { to { id ... on Account { accountType } } } } }`,
      { id: id('A') },
    );
    expect(both.errors).toBeUndefined();
    expect(both.data!.moneyTrail.transfers.length).toBeGreaterThan(0);
    for (const transfer of both.data!.moneyTrail.transfers) expect(transfer.to.accountType).toBe('BANK_ACCOUNT');
  });

  it('refuses an unknown id as NOT_FOUND and another kind as BAD_USER_INPUT, as before', async () => {
    const unknown = await api.graphql(`{ moneyTrail(accountId: "${id('nobody')}") { truncated } }`);
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toBe(`accountId: no entity has id "${id('nobody')}"`);
    const person = await api.graphql(`{ moneyTrail(accountId: "${id('person')}") { truncated } }`);
    expect(person.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(person.errors?.[0]?.message).toBe(`accountId "${id('person')}" is a Person, not an Account`);
  });
});
