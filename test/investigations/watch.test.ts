/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read loosely: a wrong shape fails the expectation that reads it */
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNetwork } from '../../src/generator/index.js';
import { hs256Token, TEST_SECRET } from '../auth/support.js';
import { importValues } from '../interchange/support.js';
import { answerText, collectHiddenTerms, findLeaks, postRaw, type HiddenTerms } from '../policy/leakDetector.js';
import { grade, removeByPrefix, seedStory, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Watch rules and alerts (issue 17, part 4) through HTTP and WebSocket, on the demo story and on a
 * generated network: each kind of rule raises an alert for a mutation and for an import, nothing for
 * unrelated writes, once per fact; alerts page newest first and are acknowledged; a subscriber gets
 * its own alerts and no one else's; a viewer's rules never show a victim; and misuse is refused.
 */
const RUN = randomUUID().slice(0, 8);
const P = `test-watch-${RUN}:`;
const SOURCE = `${P}source`;
const ALICE = `alice-${RUN}`;
const BOB = `bob-${RUN}`;
const VAL = `val-${RUN}`;
const EDITOR = `ed-${RUN}`;

const CN_HOLDER = 'account:cn-holder-exchange';
const SCAM_WALLET = 'account:scam-wallet-w1';
const VICTIM_WALLET = 'account:us-victim-wallet';
const COMPOUND = 'scamcentre:mm-myawaddy-1';

const ALERT_FIELDS = 'id status raisedAt acknowledgedAt rule { id kind } relationships { id type from { id } to { id } } entities { id name }';

describe('watch rules and alerts', () => {
  let api: TestApi;
  let anonymous: TestApi;
  const tokens: Record<string, string> = {};

  const as = (subject: string) => ({ authorization: `Bearer ${tokens[subject]}` });
  const gql = (subject: string, query: string, variables?: Record<string, unknown>) => api.graphql<any>(query, variables, as(subject));

  const createRule = async (subject: string, input: Record<string, unknown>) => {
    const answer = await gql(subject, 'mutation ($input: WatchRuleInput!) { createWatchRule(input: $input) { id kind target { id } } }', { input });
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.data.createWatchRule.id as string;
  };
  const alertsOf = async (subject: string, status: string | null = null, first = 100, after: string | null = null) => {
    const answer = await gql(subject, `query ($status: AlertStatus, $first: Int, $after: String) {
      alerts(status: $status, first: $first, after: $after) { edges { cursor node { ${ALERT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`, { status, first, after });
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.data.alerts as { edges: Array<{ cursor: string; node: any }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
  /** Every alert of the subject's, newest first, read page by page. */
  const alertNodes = async (subject: string, status: string | null = null) => {
    const nodes: any[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 1000; guard++) {
      const page = await alertsOf(subject, status, 100, after);
      nodes.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return nodes;
  };
  const transfer = async (id: string, from: string, to: string, amountUsd: number) => {
    const answer = await gql(EDITOR, `mutation ($input: TransferInput!) { linkTransfer(input: $input) { id } }`, {
      input: { id, from, to, amountUsd, amount: amountUsd, currency: 'USD', at: '2026-11-30T10:00:00Z', reference: id, provenance: grade(SOURCE) },
    });
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  };
  const deleteRules = async (subject: string) => {
    const answer = await gql(subject, '{ watchRules { id } }');
    for (const rule of answer.data.watchRules) await gql(subject, 'mutation ($id: ID!) { deleteWatchRule(id: $id) { id } }', { id: rule.id });
  };

  beforeAll(async () => {
    [api, anonymous] = await Promise.all([
      startTestApi({}, undefined, { auth: { anonymousRole: 'none', jwtSecret: TEST_SECRET } }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET } }),
    ]);
    for (const [subject, role] of [[ALICE, 'analyst'], [BOB, 'analyst'], [VAL, 'viewer'], [EDITOR, 'editor']] as const) {
      tokens[subject] = await hs256Token({ role }, { subject });
    }
    await seedStory(api.db);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Watch test source' },
      { kind: 'Account', id: `${P}acct-a`, name: 'Watch test account A', accountType: 'BANK_ACCOUNT', provenance: grade(SOURCE) },
      { kind: 'Account', id: `${P}acct-b`, name: 'Watch test account B', accountType: 'BANK_ACCOUNT', provenance: grade(SOURCE) },
      { kind: 'Person', id: `${P}victim-1`, name: 'Watch victim WV-1', roles: ['TRAFFICKING_VICTIM'], pseudonymous: true, provenance: grade(SOURCE) },
      { kind: 'Person', id: `${P}victim-2`, name: 'Watch victim WV-2', roles: ['TRAFFICKING_VICTIM'], pseudonymous: true, provenance: grade(SOURCE) },
      { kind: 'Person', id: `${P}boss`, name: 'Watch boss WB-1', roles: ['BOSS'], pseudonymous: true, provenance: grade(SOURCE) },
    ]);
  }, 180_000);
  afterAll(async () => {
    for (const subject of [ALICE, BOB, VAL]) await deleteRules(subject).catch(() => undefined);
    await api?.db.write('MATCH ()-[r]->() WHERE r.id STARTS WITH $p DELETE r', { p: P }).catch(() => undefined);
    await removeByPrefix(api.db, P).catch(() => undefined);
    await Promise.all([api?.stop(), anonymous?.stop()]);
  });

  it('raises a TRANSFER_ON_ACCOUNT alert for a transfer into the account, by mutation and by import, once per transfer, and none for unrelated ones', async () => {
    const rule = await createRule(ALICE, { kind: 'TRANSFER_ON_ACCOUNT', accountId: CN_HOLDER, name: 'CN-1 exchange account' });
    await transfer(`${P}t1`, SCAM_WALLET, CN_HOLDER, 5000);
    await transfer(`${P}t1`, SCAM_WALLET, CN_HOLDER, 5000); // the same fact again: no second alert
    await transfer(`${P}unrelated-1`, `${P}acct-a`, `${P}acct-b`, 5000);
    let alerts = await alertNodes(ALICE);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      status: 'OPEN', acknowledgedAt: null, rule: { id: rule, kind: 'TRANSFER_ON_ACCOUNT' },
      relationships: [{ id: `${P}t1`, type: 'TRANSFERRED', from: { id: SCAM_WALLET }, to: { id: CN_HOLDER } }], entities: [{ id: CN_HOLDER }],
    });

    const imported = await importValues(api.db, [
      { type: 'TRANSFERRED', id: `${P}t2`, from: CN_HOLDER, to: `${P}acct-a`, amountUsd: 10, amount: 10, currency: 'USD', at: '2026-11-30T11:00:00Z', provenance: grade(SOURCE) },
      { type: 'TRANSFERRED', id: `${P}unrelated-2`, from: `${P}acct-b`, to: `${P}acct-a`, amountUsd: 10, amount: 10, currency: 'USD', at: '2026-11-30T11:00:00Z', provenance: grade(SOURCE) },
    ]);
    expect(imported.rejections).toEqual([]);
    alerts = await alertNodes(ALICE);
    expect(alerts.map((alert) => alert.relationships[0].id)).toEqual([`${P}t2`, `${P}t1`]);
    // Importing the same lines again raises nothing new.
    await importValues(api.db, [{ type: 'TRANSFERRED', id: `${P}t2`, from: CN_HOLDER, to: `${P}acct-a`, amountUsd: 10, amount: 10, currency: 'USD', at: '2026-11-30T11:00:00Z', provenance: grade(SOURCE) }]);
    expect(await alertNodes(ALICE)).toHaveLength(2);
    // Another subject saw none of it.
    expect(await alertNodes(BOB)).toEqual([]);
    await deleteRules(ALICE);
  });

  it('raises LARGE_INFLOW_TO_ACCOUNT_LINKED_TO_FLAGGED for a transfer above the amount into an account linked to a flagged one, not below it', async () => {
    await createRule(BOB, { kind: 'LARGE_INFLOW_TO_ACCOUNT_LINKED_TO_FLAGGED', minAmountUsd: 1000 });
    await transfer(`${P}inflow-small`, SCAM_WALLET, CN_HOLDER, 999);
    // acct-a is linked to nothing flagged: a large inflow there raises nothing.
    await transfer(`${P}inflow-unlinked`, `${P}acct-b`, `${P}acct-a`, 50_000);
    expect(await alertNodes(BOB)).toEqual([]);
    await transfer(`${P}inflow-large`, SCAM_WALLET, CN_HOLDER, 2_000_000);
    const [alert] = await alertNodes(BOB);
    expect(alert.relationships[0]).toMatchObject({ id: `${P}inflow-large`, to: { id: CN_HOLDER } });
    expect(alert.entities.map((e: any) => e.id)).toEqual([CN_HOLDER, SCAM_WALLET]);
    // The link to the flagged wallet is among the facts: a transfer between the two.
    expect(alert.relationships.length).toBe(2);
    expect(alert.relationships[1].type).toBe('TRANSFERRED');
    // By import: an account that received from the flagged wallet before (acct-b, just now) receives a large amount.
    await transfer(`${P}flag-link`, SCAM_WALLET, `${P}acct-b`, 1);
    await importValues(api.db, [{ type: 'TRANSFERRED', id: `${P}inflow-imported`, from: `${P}acct-a`, to: `${P}acct-b`, amountUsd: 5000, amount: 5000, currency: 'USD', at: '2026-11-30T12:00:00Z', provenance: grade(SOURCE) }]);
    const alerts = await alertNodes(BOB);
    expect(alerts.map((a) => a.relationships[0].id)).toEqual([`${P}inflow-imported`, `${P}inflow-large`]);
    expect(alerts[0].relationships[1].id).toBe(`${P}flag-link`);
    await deleteRules(BOB);
  });

  it('raises NEW_LINK_TO_ENTITY for new links of the listed types only, and NEW_VICTIM_AT_CENTRE_IN_COUNTRY for a victim held at a centre in the country', async () => {
    const linkRule = await createRule(ALICE, { kind: 'NEW_LINK_TO_ENTITY', entityId: COMPOUND, relationshipTypes: ['OPERATES', 'HELD_AT'] });
    await createRule(ALICE, { kind: 'NEW_VICTIM_AT_CENTRE_IN_COUNTRY', countryCode: 'mm' });
    await createRule(BOB, { kind: 'NEW_VICTIM_AT_CENTRE_IN_COUNTRY', countryCode: 'PE' });
    const operates = await gql(EDITOR, 'mutation ($input: OperatorshipInput!) { linkOperatorship(input: $input) { id } }', { input: { from: `${P}boss`, to: COMPOUND, provenance: grade(SOURCE) } });
    expect(operates.errors).toBeUndefined();
    // A type the rule does not list: nothing.
    const claim = await gql(EDITOR, 'mutation ($input: AssociationInput!) { linkAssociation(input: $input) { id } }', { input: { from: `${P}boss`, to: COMPOUND, provenance: grade(SOURCE) } });
    expect(claim.errors?.[0]?.extensions?.code ?? null).not.toBe('INTERNAL_SERVER_ERROR');
    const held = await gql(EDITOR, 'mutation ($input: ConfinementInput!) { linkConfinement(input: $input) { id } }', { input: { id: `${P}held-1`, from: `${P}victim-1`, to: COMPOUND, provenance: grade(SOURCE) } });
    expect(held.errors).toBeUndefined();
    let alerts = await alertNodes(ALICE);
    const byKind = (kind: string) => alerts.filter((a) => a.rule.kind === kind);
    expect(byKind('NEW_LINK_TO_ENTITY').map((a) => a.relationships[0].type).sort()).toEqual(['HELD_AT', 'OPERATES']);
    expect(byKind('NEW_LINK_TO_ENTITY').every((a) => a.rule.id === linkRule && a.entities[0].id === COMPOUND)).toBe(true);
    const [victimAlert] = byKind('NEW_VICTIM_AT_CENTRE_IN_COUNTRY');
    expect(victimAlert.relationships.map((r: any) => r.type)).toEqual(['HELD_AT', 'LOCATED_IN']);
    expect(victimAlert.entities.map((e: any) => e.id)).toEqual([`${P}victim-1`, COMPOUND]);
    // Peru is watched by Bob: a victim held in Myanmar is not his.
    expect(await alertNodes(BOB)).toEqual([]);

    // By import: a second victim held at the compound.
    await importValues(api.db, [{ type: 'HELD_AT', id: `${P}held-2`, from: `${P}victim-2`, to: COMPOUND, provenance: grade(SOURCE) }]);
    alerts = await alertNodes(ALICE);
    expect(byKind('NEW_VICTIM_AT_CENTRE_IN_COUNTRY').map((a) => a.relationships[0].id)).toEqual([`${P}held-2`, `${P}held-1`]);
    expect(byKind('NEW_LINK_TO_ENTITY')).toHaveLength(3);
    await deleteRules(ALICE);
    await deleteRules(BOB);
  });

  it('pages alerts newest first by cursor, filters by status, and acknowledges (idempotently)', async () => {
    await createRule(ALICE, { kind: 'TRANSFER_ON_ACCOUNT', accountId: `${P}acct-a` });
    for (let i = 0; i < 5; i++) await transfer(`${P}page-${i}`, `${P}acct-b`, `${P}acct-a`, 1 + i);
    const whole = (await alertsOf(ALICE)).edges.map((e) => e.node.relationships[0].id);
    expect(whole).toEqual([4, 3, 2, 1, 0].map((i) => `${P}page-${i}`));
    for (const size of [1, 2, 3]) {
      const read: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const page = await alertsOf(ALICE, null, size, after);
        read.push(...page.edges.map((e) => e.node.relationships[0].id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(read, `pages of ${size}`).toEqual(whole);
    }
    const newest = (await alertsOf(ALICE, null, 1)).edges[0]!.node;
    const ack = await gql(ALICE, `mutation ($id: ID!) { acknowledgeAlert(id: $id) { ${ALERT_FIELDS} } }`, { id: newest.id });
    expect(ack.errors).toBeUndefined();
    expect(ack.data.acknowledgeAlert).toMatchObject({ id: newest.id, status: 'ACKNOWLEDGED', relationships: [{ id: `${P}page-4` }] });
    const again = await gql(ALICE, 'mutation ($id: ID!) { acknowledgeAlert(id: $id) { acknowledgedAt } }', { id: newest.id });
    expect(again.data.acknowledgeAlert.acknowledgedAt).toBe(ack.data.acknowledgeAlert.acknowledgedAt);
    expect((await alertNodes(ALICE, 'ACKNOWLEDGED')).map((a) => a.id)).toEqual([newest.id]);
    expect(await alertNodes(ALICE, 'OPEN')).toHaveLength(4);
    // Several at once: all or none.
    const stillOpen = await alertNodes(ALICE, 'OPEN');
    const refused = await gql(ALICE, 'mutation ($ids: [ID!]!) { acknowledgeAlerts(ids: $ids) { id } }', { ids: [stillOpen[0].id, 'no-such-alert'] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await alertNodes(ALICE, 'OPEN')).toHaveLength(4);
    const both = await gql(ALICE, 'mutation ($ids: [ID!]!) { acknowledgeAlerts(ids: $ids) { id status } }', { ids: [stillOpen[1].id, stillOpen[0].id] });
    expect(both.data.acknowledgeAlerts).toEqual([{ id: stillOpen[1].id, status: 'ACKNOWLEDGED' }, { id: stillOpen[0].id, status: 'ACKNOWLEDGED' }]);
    expect(await alertNodes(ALICE, 'OPEN')).toHaveLength(2);
    // The rule's deletion takes its alerts with it.
    const [rule] = (await gql(ALICE, '{ watchRules { id kind accountId target { id name } createdAt } }')).data.watchRules;
    expect(rule).toMatchObject({ kind: 'TRANSFER_ON_ACCOUNT', accountId: `${P}acct-a`, target: { id: `${P}acct-a` } });
    const deleted = await gql(ALICE, 'mutation ($id: ID!) { deleteWatchRule(id: $id) { id alertsDeleted } }', { id: rule.id });
    expect(deleted.data.deleteWatchRule).toEqual({ id: rule.id, alertsDeleted: 5 });
    expect(await alertNodes(ALICE)).toEqual([]);
  });

  describe('for a viewer', () => {
    let hidden: HiddenTerms;
    beforeAll(async () => {
      hidden = await collectHiddenTerms(api.db);
    });

    it('a viewer\'s rules raise nothing about victims: no alert for a victim held at a watched centre, or a transfer from a victim\'s wallet', async () => {
      await createRule(VAL, { kind: 'NEW_LINK_TO_ENTITY', entityId: COMPOUND });
      await createRule(VAL, { kind: 'TRANSFER_ON_ACCOUNT', accountId: SCAM_WALLET });
      await createRule(ALICE, { kind: 'TRANSFER_ON_ACCOUNT', accountId: SCAM_WALLET });
      await gql(EDITOR, 'mutation ($input: ConfinementInput!) { linkConfinement(input: $input) { id } }', { input: { id: `${P}held-viewer`, from: `${P}victim-2`, to: COMPOUND, forcedActivity: 'fraud', provenance: grade(SOURCE) } });
      await transfer(`${P}from-victim`, VICTIM_WALLET, SCAM_WALLET, 300);
      // What a viewer may see still raises: a transfer between visible accounts.
      await transfer(`${P}visible`, SCAM_WALLET, `${P}acct-a`, 300);
      const answer = await postRaw(`${api.url}/graphql`, `{ alerts(first: 100) { edges { cursor node { ${ALERT_FIELDS} } } } watchRules { id target { id name } } }`, {}, as(VAL));
      expect(findLeaks(hidden, answerText(answer))).toEqual([]);
      const alerts = (answer.json.data as any).alerts.edges.map((e: any) => e.node);
      expect(alerts.map((a: any) => a.relationships[0].id)).toEqual([`${P}visible`]);
      // An analyst with the same rule sees the victim's transfer (so the detector would have found it).
      const analyst = await postRaw(`${api.url}/graphql`, `{ alerts(first: 100) { edges { node { ${ALERT_FIELDS} } } } }`, {}, as(ALICE));
      expect(findLeaks(hidden, answerText(analyst))).not.toEqual([]);
      await deleteRules(VAL);
      await deleteRules(ALICE);
    });

    it('a viewer may not watch for victims, nor watch a victim\'s account (refused as an unknown id)', async () => {
      const victims = await gql(VAL, 'mutation { createWatchRule(input: { kind: NEW_VICTIM_AT_CENTRE_IN_COUNTRY, countryCode: "MM" }) { id } }');
      expect(victims.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(victims.errors?.[0]?.message).toMatch(/analyst role or above/);
      const hiddenAccount = await gql(VAL, 'mutation ($id: ID!) { createWatchRule(input: { kind: TRANSFER_ON_ACCOUNT, accountId: $id }) { id } }', { id: VICTIM_WALLET });
      const unknown = await gql(VAL, 'mutation ($id: ID!) { createWatchRule(input: { kind: TRANSFER_ON_ACCOUNT, accountId: $id }) { id } }', { id: 'account:no-such-watch' });
      expect(hiddenAccount.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(hiddenAccount.errors?.[0]?.message.replace(VICTIM_WALLET, 'X')).toBe(unknown.errors?.[0]?.message.replace('account:no-such-watch', 'X'));
    });
  });

  describe('over WebSocket', () => {
    const wsUrl = () => `${api.url.replace(/^http/, 'ws')}/graphql`;
    const open: Client[] = [];

    /** Subscribes to alertRaised; what arrives, the errors (a close event for a refused socket). */
    const subscribe = (connectionParams: Record<string, unknown>, query = `subscription { alertRaised { ${ALERT_FIELDS} } }`) => {
      const received: any[] = [];
      const errors: any[] = [];
      const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
      open.push(client);
      let done!: () => void;
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      client.subscribe({ query }, {
        next: (value) => received.push(value),
        error: (error) => {
          errors.push(error);
          done();
        },
        complete: () => done(),
      });
      return { received, errors, finished };
    };
    const until = async (check: () => boolean, what: string, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    afterAll(async () => {
      await Promise.all(open.map((client) => client.dispose()));
    });

    it('pushes each subscriber its own alerts as they are raised, and none of another subject\'s', async () => {
      await createRule(ALICE, { kind: 'TRANSFER_ON_ACCOUNT', accountId: `${P}acct-b` });
      await createRule(BOB, { kind: 'TRANSFER_ON_ACCOUNT', accountId: `${P}acct-a` });
      const alice = subscribe({ authorization: `Bearer ${tokens[ALICE]}` });
      const bob = subscribe({ authorization: `Bearer ${tokens[BOB]}` });
      // The subscriptions are in place once the server listens for their owners (one round trip each).
      await new Promise((resolve) => setTimeout(resolve, 500));
      await transfer(`${P}ws-1`, `${P}acct-a`, `${P}acct-b`, 42);
      await until(() => alice.received.length === 1, 'Alice\'s alert');
      expect(alice.received[0].data.alertRaised).toMatchObject({ status: 'OPEN', relationships: [{ id: `${P}ws-1` }], entities: [{ id: `${P}acct-b` }] });
      // Bob's rule matched too (acct-a is his): he gets his own alert, never Alice's.
      await until(() => bob.received.length === 1, 'Bob\'s alert');
      expect(bob.received[0].data.alertRaised.id).not.toBe(alice.received[0].data.alertRaised.id);
      expect(bob.received[0].data.alertRaised.entities).toEqual([{ id: `${P}acct-a`, name: 'Watch test account A' }]);
      // By import, too.
      await importValues(api.db, [{ type: 'TRANSFERRED', id: `${P}ws-2`, from: `${P}acct-b`, to: SCAM_WALLET, amountUsd: 7, amount: 7, currency: 'USD', at: '2026-11-30T13:00:00Z', provenance: grade(SOURCE) }]);
      await until(() => alice.received.length === 2, 'Alice\'s imported alert');
      expect(alice.received[1].data.alertRaised.relationships[0].id).toBe(`${P}ws-2`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(bob.received).toHaveLength(1);
      expect(alice.errors).toEqual([]);
      await deleteRules(ALICE);
      await deleteRules(BOB);
    });

    it('closes open subscriptions when the server stops (1001, going away), and stops promptly', async () => {
      const own = await startTestApi({}, undefined, { auth: { anonymousRole: 'none', jwtSecret: TEST_SECRET } });
      const closed: number[] = [];
      let connected = false;
      const client = createClient({
        url: `${own.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${tokens[ALICE]}` }, retryAttempts: 0,
        on: { connected: () => void (connected = true), closed: (event) => void closed.push((event as { code: number }).code) },
      });
      open.push(client);
      const ended = new Promise<unknown>((resolve) => {
        client.subscribe({ query: 'subscription { alertRaised { id } }' }, { next: () => undefined, error: resolve, complete: () => resolve(undefined) });
      });
      await until(() => connected, 'the socket');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = performance.now();
      await own.stop();
      expect(performance.now() - started).toBeLessThan(5_000);
      await ended;
      expect(closed).toEqual([1001]);
    });

    it('closes a socket without a token (4401) or with a refused one (4403), and runs no query over it', async () => {
      const none = subscribe({});
      await none.finished;
      expect(none.errors[0]?.code).toBe(4401);
      const forged = subscribe({ authorization: `Bearer ${await hs256Token({ role: 'admin' }, { subject: ALICE, secret: 'not-the-secret-0123456789abcdef0123456789' })}` });
      await forged.finished;
      expect(forged.errors[0]?.code).toBe(4403);
      const expired = subscribe({ authorization: `Bearer ${await hs256Token({ role: 'analyst' }, { subject: ALICE, expiresIn: -120 })}` });
      await expired.finished;
      expect(expired.errors[0]?.code).toBe(4403);
      // A token that expires while the socket is open closes it then.
      const shortLived = subscribe({ authorization: `Bearer ${await hs256Token({ role: 'analyst' }, { subject: ALICE, expiresIn: 2 })}` });
      await shortLived.finished;
      expect(shortLived.errors[0]?.code).toBe(4403);
      expect(shortLived.errors[0]?.reason).toMatch(/token expired/);
      const query = subscribe({ authorization: `Bearer ${tokens[ALICE]}` }, '{ watchRules { id } }');
      await query.finished;
      expect(query.errors[0]?.[0]?.message).toMatch(/Only subscriptions run over WebSocket/);
      // And no subscription over HTTP: refused before it runs, saying where they are served.
      const overHttp = await gql(ALICE, 'subscription { alertRaised { id } }');
      expect(overHttp.status).toBe(400);
      expect(overHttp.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(overHttp.errors?.[0]?.message).toMatch(/over WebSocket/);
    });
  });

  describe('misuse', () => {
    it('refuses a malformed rule, naming the field', async () => {
      // The country code is the CountryCode scalar's to refuse (before any resolver): no field there.
      const cases: Array<[Record<string, unknown>, string | undefined, RegExp]> = [
        [{ kind: 'TRANSFER_ON_ACCOUNT' }, 'input.accountId', /required for a TRANSFER_ON_ACCOUNT rule/],
        [{ kind: 'TRANSFER_ON_ACCOUNT', accountId: CN_HOLDER, countryCode: 'MM' }, 'input.countryCode', /not a field of a TRANSFER_ON_ACCOUNT rule/],
        [{ kind: 'NEW_LINK_TO_ENTITY', entityId: COMPOUND, relationshipTypes: [] }, 'input.relationshipTypes', /1 to 20/],
        [{ kind: 'NEW_VICTIM_AT_CENTRE_IN_COUNTRY', countryCode: 'XX' }, undefined, /XX/],
        [{ kind: 'LARGE_INFLOW_TO_ACCOUNT_LINKED_TO_FLAGGED', minAmountUsd: -5 }, 'input.minAmountUsd', /above 0/],
        [{ kind: 'TRANSFER_ON_ACCOUNT', accountId: 'account:no-such-watch' }, 'input.accountId', /no account you may see/],
        [{ kind: 'TRANSFER_ON_ACCOUNT', accountId: COMPOUND }, 'input.accountId', /no account you may see/],
        [{ kind: 'NEW_LINK_TO_ENTITY', entityId: 'person:no-such-watch' }, 'input.entityId', /no entity you may see/],
      ];
      for (const [input, field, message] of cases) {
        const answer = await gql(ALICE, 'mutation ($input: WatchRuleInput!) { createWatchRule(input: $input) { id } }', { input });
        expect(answer.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', ...(field ? { field } : {}) });
        expect(answer.errors?.[0]?.message).toMatch(message);
      }
      expect((await gql(ALICE, '{ watchRules { id } }')).data.watchRules).toEqual([]);
    });

    it('refuses deleting an unknown rule or another subject\'s, and acknowledging an unknown alert or another subject\'s (NOT_FOUND)', async () => {
      const bobs = await createRule(BOB, { kind: 'TRANSFER_ON_ACCOUNT', accountId: `${P}acct-a` });
      await transfer(`${P}misuse-1`, `${P}acct-b`, `${P}acct-a`, 3);
      const [bobsAlert] = await alertNodes(BOB);
      for (const id of ['watch:no-such-rule', bobs]) {
        const answer = await gql(ALICE, 'mutation ($id: ID!) { deleteWatchRule(id: $id) { id } }', { id });
        expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        expect(answer.errors?.[0]?.message).toMatch(/No watch rule of yours/);
      }
      for (const id of ['no-such-alert', bobsAlert.id]) {
        const answer = await gql(ALICE, 'mutation ($id: ID!) { acknowledgeAlert(id: $id) { id } }', { id });
        expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
      // Bob's rule and alert are untouched.
      expect((await alertNodes(BOB, 'OPEN')).map((a) => a.id)).toEqual([bobsAlert.id]);
      await deleteRules(BOB);
    });

    it('refuses an anonymous request (no subject) with UNAUTHENTICATED, and a personal mutation mixed with a graph write with FORBIDDEN', async () => {
      for (const query of ['{ watchRules { id } }', '{ alerts { edges { cursor } } }', 'mutation { acknowledgeAlert(id: "x") { id } }']) {
        const answer = await anonymous.graphql<any>(query);
        expect(answer.errors?.[0]?.extensions?.code, query).toBe('UNAUTHENTICATED');
        expect(answer.errors?.[0]?.message).toMatch(/Bearer/);
      }
      const mixed = await gql(ALICE, `mutation { acknowledgeAlert(id: "x") { id } unlink(id: "${P}t1") { removed } }`);
      expect(mixed.status).toBe(403);
      expect(mixed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  it('on a generated network: every rule kind raises exactly the alerts a plain reference finds, for an import', async () => {
    const prefix = `${P}gen:`;
    const records = [...generateNetwork({ entities: 400, seed: 17, prefix })];
    const entities = records.filter((record) => 'kind' in record);
    const relationships = records.filter((record) => 'type' in record);
    expect((await importValues(api.db, entities)).rejections).toEqual([]);
    const transfers = relationships.filter((r) => r['type'] === 'TRANSFERRED');
    // The most active account, the most connected entity, the busiest compound country.
    const count = (values: unknown[]) => [...values.reduce((m: Map<unknown, number>, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map()).entries()].sort((a, b) => b[1] - a[1]);
    const account = String(count(transfers.flatMap((t) => [t['from'], t['to']]))[0]![0]);
    const entity = String(count(relationships.filter((r) => r['type'] === 'HELD_AT').map((r) => r['to']))[0]![0]);
    const { records: countries } = await api.db.read<{ code: string }>(
      'MATCH (c:ScamCentre)-[:LOCATED_IN]->(l:Location) WHERE c.id STARTS WITH $p RETURN l.countryCode AS code, count(*) AS n ORDER BY n DESC LIMIT 1', { p: prefix },
    );
    const country = countries[0]?.get('code') ?? 'MM';
    const rules = {
      transfer: await createRule(ALICE, { kind: 'TRANSFER_ON_ACCOUNT', accountId: account }),
      link: await createRule(ALICE, { kind: 'NEW_LINK_TO_ENTITY', entityId: entity }),
      victim: await createRule(ALICE, { kind: 'NEW_VICTIM_AT_CENTRE_IN_COUNTRY', countryCode: country }),
      inflow: await createRule(ALICE, { kind: 'LARGE_INFLOW_TO_ACCOUNT_LINKED_TO_FLAGGED', minAmountUsd: 10_000 }),
    };
    const started = performance.now();
    const imported = await importValues(api.db, relationships, { batchSize: 500 });
    const importMs = performance.now() - started;
    expect(imported.rejections).toEqual([]);

    const read = async (cypher: string) => (await api.db.read<{ id: string }>(cypher, { p: prefix, account, entity, country })).records.map((r) => r.get('id')).sort();
    // Written facts only: the network's relationships all start with the prefix's entities.
    const reference = {
      transfer: await read('MATCH (a:Account {id: $account})-[r:TRANSFERRED]-() RETURN r.id AS id'),
      link: await read('MATCH (n:Entity {id: $entity})-[r]-() WHERE r.id STARTS WITH $p OR startNode(r).id STARTS WITH $p RETURN DISTINCT r.id AS id'),
      victim: await read(`MATCH (p)-[r:HELD_AT]->(c:ScamCentre)-[:LOCATED_IN]->(l:Location {countryCode: $country})
        WHERE c.id STARTS WITH $p AND (p:TraffickingVictim OR p:FraudVictim) RETURN DISTINCT r.id AS id`),
      inflow: await read(`MATCH (a)-[r:TRANSFERRED]->(b:Account) WHERE b.id STARTS WITH $p AND r.amountUsd > 10000
        AND (EXISTS { MATCH (b)-[:TRANSFERRED]-(f:Account) WHERE f.flagged = true AND f <> b } OR EXISTS { MATCH (b)<-[:HOLDS]-()-[:HOLDS]->(f:Account) WHERE f.flagged = true AND f <> b })
        RETURN r.id AS id`),
    };
    const alerts = (await alertNodes(ALICE));
    const got = (rule: string) => alerts.filter((a) => a.rule.id === rule).map((a) => a.relationships[0].id).sort();
    expect(got(rules.transfer)).toEqual(reference.transfer);
    expect(got(rules.link)).toEqual(reference.link);
    expect(got(rules.victim)).toEqual(reference.victim);
    expect(got(rules.inflow)).toEqual(reference.inflow);
    for (const [kind, ids] of Object.entries(reference)) expect(ids.length, `${kind}: the reference finds something`).toBeGreaterThan(0);
    console.info(`watch: imported ${relationships.length} relationships with 4 rules in ${Math.round(importMs)} ms; alerts ${alerts.length}`);
    await deleteRules(ALICE);
    await removeByPrefix(api.db, prefix);
  }, 120_000);
});
