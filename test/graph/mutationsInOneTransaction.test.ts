import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/database/index.js';
import { Prng } from '../../src/generator/prng.js';
import {
  countRecruitmentCorridors, countScamCentresByCountry, countVictimsByNationality, recountRecruitmentCorridors, recountScamCentresByCountry,
  recountVictimsByNationality, recountFlowsByCurrencyAndMonth, sumFlowsByCurrencyAndMonth,
} from '../../src/graph/index.js';
import { grade, rel, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * A request's mutation fields written together in one transaction (useMutationsInOneTransaction)
 * against the reference: each field in a transaction of its own, in turn (ONE_TRANSACTION_MUTATIONS
 * =false). Generated requests of two to four upserts and links, some with a refused field (invalid
 * input, a missing end, a nationality that is not a country, an unknown source) and some reading a
 * field that is not the written record's own, each sent to both servers, the fast one in one
 * namespace of ids and the reference in another: the same answers and status, the same records
 * stored, the same audit events in the same order, and every dashboard equal to its recount.
 */
const P = 'test-one-tx:';
const FAST = `${P}a:`;
const REFERENCE = `${P}b:`;

type Field = { field: string; inputType: string; input: Record<string, unknown>; selection: string; alias?: string };

/** The request's fields for one namespace (ids made from `ns`). */
type Request = (ns: string) => Field[];

function generate(p: Prng, count: number): Request[] {
  const requests: Request[] = [];
  let serial = 0;
  for (let r = 0; r < count; r++) {
    const specs: Array<(ns: string) => Field> = [];
    const size = 2 + p.int(3);
    for (let f = 0; f < size; f++) {
      const n = ++serial;
      const roll = p.next();
      const refused = p.chance(0.08);
      const person = p.chance(0.5) ? `person-${n}` : `person-${p.int(3)}`;
      const reading = p.chance(0.15) ? 'id __typename from { id }' : null;
      const alias = p.chance(0.2) ? `f${f}` : undefined;
      const source = refused && p.chance(0.3) ? 'no-such-source' : 'source';
      if (roll < 0.3) {
        const name = refused && source === 'source' ? '' : `Person ${n}`;
        const roles = p.chance(0.6) ? ['TRAFFICKING_VICTIM'] : ['RECRUITER'];
        specs.push((ns) => ({ field: 'upsertPerson', inputType: 'PersonInput', alias, selection: 'id name __typename',
          input: { id: `${ns}${person}`, name, roles, provenance: grade(`${ns}${source}`) } }));
      } else if (roll < 0.4) {
        const status = p.pick(['ACTIVE', 'RAIDED', 'RELOCATED']);
        const centre = `centre-${p.int(2)}`;
        specs.push((ns) => ({ field: 'upsertScamCentre', inputType: 'ScamCentreInput', alias, selection: 'id name status',
          input: { id: `${ns}${centre}`, name: `Centre ${n}`, status, provenance: grade(`${ns}${source}`) } }));
      } else if (roll < 0.6) {
        const to = refused && source === 'source' ? 'missing' : p.pick(['city-0', 'city-1', 'country-0']);
        const seq = 1 + p.int(3);
        const stage = p.pick(['RECRUITMENT', 'TRANSIT', 'DESTINATION']);
        const traveller = `person-${p.int(3)}`;
        specs.push((ns) => ({ field: 'linkJourneyStop', inputType: 'JourneyStopInput', alias, selection: reading ?? 'id',
          input: { id: `${ns}stop-${n}`, from: `${ns}${traveller}`, to: `${ns}${to}`, seq, stage, provenance: grade(`${ns}${source}`) } }));
      } else if (roll < 0.75) {
        // Refused: a city is not a country.
        const to = refused && source === 'source' ? 'city-0' : p.pick(['country-0', 'country-1']);
        const national = `person-${p.int(3)}`;
        specs.push((ns) => ({ field: 'linkNationality', inputType: 'NationalityInput', alias, selection: reading ?? 'id __typename',
          input: { from: `${ns}${national}`, to: `${ns}${to}`, provenance: grade(`${ns}${source}`) } }));
      } else {
        const from = p.int(3);
        const to = (from + 1 + p.int(2)) % 3;
        const at = new Date(Date.UTC(2031, p.int(3), 1 + p.int(28), p.int(24))).toISOString();
        const amount = Math.round(p.next() * 1e8) / 100;
        const currency = p.pick(['USDT', 'THB']);
        const existing = p.chance(0.3) ? `transfer-${p.int(Math.max(1, serial - 1))}` : `transfer-${n}`;
        specs.push((ns) => ({ field: 'linkTransfer', inputType: 'TransferInput', alias, selection: reading ?? 'id',
          input: { id: `${ns}${existing}`, from: `${ns}account-${from}`, to: `${ns}account-${refused && source === 'source' ? 'missing' : to}`, amount, amountUsd: amount, currency, at, provenance: grade(`${ns}${source}`) } }));
      }
    }
    requests.push((ns) => specs.map((spec) => spec(ns)));
  }
  return requests;
}

function document(fields: Field[]): { query: string; variables: Record<string, unknown> } {
  const variables = Object.fromEntries(fields.map((f, i) => [`i${i}`, f.input]));
  const header = fields.map((f, i) => `$i${i}: ${f.inputType}!`).join(', ');
  const body = fields.map((f, i) => `${f.alias ? `${f.alias}: ` : ''}${f.field}(input: $i${i}) { ${f.selection} }`).join('\n  ');
  return { query: `mutation Generated(${header}) {\n  ${body}\n}`, variables };
}

/** One namespace's ids written as the other's: the two servers' answers and records compare equal. */
const neutral = (value: unknown, ns: string): unknown => JSON.parse(JSON.stringify(value).split(ns).join('NS:'));

/** Timestamps are the moment of writing, on either path: everything else must match. */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== 'createdAt' && name !== 'updatedAt').map(([name, v]) => [name, withoutTimes(v)]));
}

/** What a namespace left in the graph: its entities, relationships and audit events, in a stable order. */
async function stored(db: Database, ns: string): Promise<unknown> {
  const entities = await db.read<{ labels: string[]; properties: Record<string, unknown> }>(
    'MATCH (n:Entity) WHERE n.id STARTS WITH $ns RETURN labels(n) AS labels, properties(n) AS properties ORDER BY n.id', { ns });
  const links = await db.read<{ type: string; from: string; to: string; properties: Record<string, unknown> }>(
    'MATCH (a)-[r]->(b) WHERE r.id STARTS WITH $ns RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties ORDER BY r.id', { ns });
  const audit = await db.read<{ mutation: string; entityIds: string[]; kind: string }>(
    `MATCH (a:AuditEvent) WHERE a.mutation IS NOT NULL AND any(id IN a.entityIds WHERE id STARTS WITH $ns)
     RETURN a.mutation AS mutation, a.entityIds AS entityIds, a.kind AS kind ORDER BY a.seq`, { ns });
  return neutral(withoutTimes({
    entities: entities.records.map((r) => ({ labels: [...r.get('labels')].sort(), properties: r.get('properties') })),
    links: links.records.map((r) => r.toObject()),
    audit: audit.records.map((r) => r.toObject()),
  }), ns);
}

describe('mutation fields written together in one transaction', () => {
  let fast: TestApi;
  let reference: TestApi;
  beforeAll(async () => {
    fast = await startTestApi({}, undefined, { oneTransactionMutations: true });
    reference = await startTestApi({}, undefined, { oneTransactionMutations: false });
    for (const ns of [FAST, REFERENCE]) {
      await writeRecords(fast.db, [
        { kind: 'Source', id: `${ns}source`, name: 'One transaction report' },
        ...[0, 1].map((i) => ({ kind: 'Location', id: `${ns}country-${i}`, name: `Country ${i}`, locationType: 'COUNTRY', countryCode: ['VU', 'TV'][i], provenance: grade(`${ns}source`) })),
        ...[0, 1].map((i) => ({ kind: 'Location', id: `${ns}city-${i}`, name: `City ${i}`, locationType: 'CITY', countryCode: ['VU', 'TV'][i], provenance: grade(`${ns}source`) })),
        ...[0, 1, 2].map((i) => ({ kind: 'Account', id: `${ns}account-${i}`, name: `Account ${i}`, accountType: 'CRYPTO_WALLET', provenance: grade(`${ns}source`) })),
        ...[0, 1, 2].map((i) => ({ kind: 'Person', id: `${ns}person-${i}`, name: `Person ${i}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(`${ns}source`) })),
        rel('NATIONAL_OF', `${ns}person-0`, `${ns}country-0`, `${ns}source`, { id: `${ns}nationality-0` }),
      ]);
    }
  });
  afterAll(async () => {
    await removeByPrefix(fast.db, P);
    await fast.stop();
    await reference.stop();
  });

  it('answers and stores as each field in its own transaction, on generated requests with refusals', async () => {
    // Transactions per request, counted where every request's database view opens them.
    let transactions = 0;
    const writeTransaction = Database.prototype.writeTransaction;
    Database.prototype.writeTransaction = function counted(this: Database, ...args: Parameters<Database['writeTransaction']>) {
      transactions++;
      return writeTransaction.apply(this, args) as ReturnType<Database['writeTransaction']>;
    } as Database['writeTransaction'];
    let together = 0;
    try {
      const requests = generate(new Prng(33), 60);
      for (const [i, request] of requests.entries()) {
        const fastFields = request(FAST);
        transactions = 0;
        const fastAnswer = await fast.graphql(document(fastFields).query, document(fastFields).variables);
        const fastTransactions = transactions;
        transactions = 0;
        const referenceAnswer = await reference.graphql(document(request(REFERENCE)).query, document(request(REFERENCE)).variables);
        const referenceTransactions = transactions;
        const answer = (a: typeof fastAnswer, ns: string) => neutral({ status: a.status, data: a.data ?? null, errors: (a.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.['code'] })) }, ns);
        expect(answer(fastAnswer, FAST), `request ${i}: ${document(fastFields).query}`).toEqual(answer(referenceAnswer, REFERENCE));
        if (fastTransactions === 1 && referenceTransactions > 1) together++;
        // A request with a refused field writes field by field, as the reference does (plus the attempt rolled back).
        if (fastAnswer.errors?.length) expect(fastTransactions).toBeGreaterThanOrEqual(referenceTransactions);
      }
    } finally {
      Database.prototype.writeTransaction = writeTransaction;
    }
    expect(await stored(fast.db, FAST)).toEqual(await stored(fast.db, REFERENCE));
    // The generator gives both kinds: requests written together, and requests refused or reading beyond the record.
    expect(together).toBeGreaterThan(10);
    // Every field's tally bookkeeping held in a shared transaction.
    expect(await countVictimsByNationality(fast.db)).toEqual(await recountVictimsByNationality(fast.db));
    expect(await countRecruitmentCorridors(fast.db)).toEqual(await recountRecruitmentCorridors(fast.db));
    expect(await countScamCentresByCountry(fast.db)).toEqual(await recountScamCentresByCountry(fast.db));
    const window = { since: '2031-01-10T05:30:00.000Z', until: '2031-03-02T17:45:00.000Z' };
    expect(await sumFlowsByCurrencyAndMonth(fast.db, window)).toEqual(await recountFlowsByCurrencyAndMonth(fast.db, window));
  });

  it('the mutation mix (an upsert and a link, each reading back its own fields) is one transaction', async () => {
    let transactions = 0;
    const writeTransaction = Database.prototype.writeTransaction;
    Database.prototype.writeTransaction = function counted(this: Database, ...args: Parameters<Database['writeTransaction']>) {
      transactions++;
      return writeTransaction.apply(this, args) as ReturnType<Database['writeTransaction']>;
    } as Database['writeTransaction'];
    try {
      const answer = await fast.graphql(
        `mutation Mix($person: PersonInput!, $stop: JourneyStopInput!) { upsertPerson(input: $person) { id name } linkJourneyStop(input: $stop) { id } }`,
        {
          person: { id: `${FAST}mix-person`, name: 'Mix person', roles: ['TRAFFICKING_VICTIM'], provenance: grade(`${FAST}source`) },
          stop: { id: `${FAST}mix-stop`, from: `${FAST}mix-person`, to: `${FAST}city-0`, seq: 1, stage: 'RECRUITMENT', provenance: grade(`${FAST}source`) },
        },
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ upsertPerson: { id: `${FAST}mix-person`, name: 'Mix person' }, linkJourneyStop: { id: `${FAST}mix-stop` } });
      expect(transactions).toBe(1);
      // The second field refused (its end is missing): the first stands, written on its own.
      transactions = 0;
      const refused = await fast.graphql(
        `mutation Mix($person: PersonInput!, $stop: JourneyStopInput!) { upsertPerson(input: $person) { id name } linkJourneyStop(input: $stop) { id } }`,
        {
          person: { id: `${FAST}mix-person-2`, name: 'Mix person 2', roles: ['TRAFFICKING_VICTIM'], provenance: grade(`${FAST}source`) },
          stop: { id: `${FAST}mix-stop-2`, from: `${FAST}mix-person-2`, to: `${FAST}nowhere`, seq: 1, stage: 'RECRUITMENT', provenance: grade(`${FAST}source`) },
        },
      );
      // The link is non-null: its error takes `data` with it, as it does field by field.
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.path).toEqual(['linkJourneyStop']);
      expect(transactions).toBe(3); // the attempt together, rolled back; then each field's own
      const person = await fast.db.read('MATCH (n:Entity {id: $id}) RETURN n.name AS name', { id: `${FAST}mix-person-2` });
      expect(person.records[0]?.get('name')).toBe('Mix person 2');
    } finally {
      Database.prototype.writeTransaction = writeTransaction;
    }
  });
});
