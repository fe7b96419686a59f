import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementDeclined, type Database, type ObservedTransaction, type StatementPiece } from '../../src/database/index.js';
import { Prng } from '../../src/generator/prng.js';
import { linkRelationship, rebuildTallies, upsertEntity, type WriteOptions } from '../../src/graph/index.js';
import { JOURNEY_STAGES, SCAM_CENTRE_STATUSES } from '../../src/model/index.js';
import { parseNativeRecord } from '../../src/validation/nativeRecord.js';
import { grade, rel, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * A mutation's write goes as one statement behind its checks (talliedWrite, src/graph/tallies.ts);
 * the stepwise path (withTallies: the lock and the rows before, then the write, then the net change)
 * is its reference. Generated writes of every kind that moves a dashboard, and refusals of every
 * kind, each run first on the reference path in a transaction rolled back, then on the one-statement
 * path, committed: the answer (or refusal), the entity or relationship as stored, its resolution
 * keys, every dashboard tally (with its revision) and the tallies' state must be the same. The
 * generated writes try the deciding statement first, auto-committed (`decides`, as a mutation
 * does), and on StatementDeclined the one statement in a transaction: a declined statement must
 * have written nothing, and a decided one what the reference writes.
 */
const P = 'test-tallied-writes:';
const SOURCE = `${P}source`;
const COUNTRY_CODES = ['VU', 'TV', 'NR'] as const;

/** Thrown to roll a transaction back once it has been looked at. */
class RollBack extends Error {
  constructor(readonly seen: unknown) {
    super('rolled back on purpose');
  }
}

/** Timestamps written by either path are `now`: everything else must match. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test's comparison of plain data
function withoutTimes(value: unknown): any {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (typeof value !== 'object' || value === null || value.constructor !== Object) return value;
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== 'createdAt' && name !== 'updatedAt').map(([name, v]) => [name, withoutTimes(v)]));
}

/** What a write left in its transaction: the written entity or relationship, its keys, every tally and the tallies' state. */
async function dump(tx: ObservedTransaction, id: string): Promise<unknown> {
  const entity = await tx.run<{ labels: string[]; properties: Record<string, unknown>; keys: string[] }>(
    `MATCH (n:Entity {id: $id})
     OPTIONAL MATCH (k:ResolutionKey {entityId: $id})
     WITH n, k ORDER BY k.key
     RETURN labels(n) AS labels, properties(n) AS properties, collect(k.key) AS keys`,
    { id },
  );
  const link = await tx.run<{ type: string; properties: Record<string, unknown> }>('MATCH ()-[r {id: $id}]->() RETURN type(r) AS type, properties(r) AS properties', { id });
  const tallies = await tx.run<{ tally: Record<string, unknown> }>('MATCH (t:DashboardTally) RETURN t {.*} AS tally ORDER BY t.board, t.key');
  const state = await tx.run<{ state: Record<string, unknown> }>("MATCH (s:DashboardTallyState {id: 'dashboards'}) RETURN s {.version, .revision, .rebuiltAt} AS state");
  return {
    entity: entity.records.map((r) => ({ labels: [...r.get('labels')].sort(), properties: withoutTimes(r.get('properties')), keys: r.get('keys') })),
    link: link.records.map((r) => ({ type: r.get('type'), properties: withoutTimes(r.get('properties')) })),
    tallies: tallies.records.map((r) => r.get('tally')),
    state: state.records[0]?.get('state'),
  };
}

interface Outcome { answer: unknown; seen: unknown }

/** One record written on one path: its answer or refusal, and the dump (inside the transaction when it wrote; after the rollback when refused). */
async function write(db: Database, record: Record<string, unknown>, options: WriteOptions, commit: boolean): Promise<Outcome> {
  const parsed = parseNativeRecord(record);
  const id = 'entity' in parsed ? parsed.entity.id : String(record['id']);
  try {
    const answer = await db.writeTransaction(async (tx) => {
      const written = 'entity' in parsed
        ? withoutTimes(await upsertEntity(tx, parsed.entity, options))
        : withoutTimes(await linkRelationship(tx, parsed.relationship, options));
      const seen = await dump(tx, id);
      if (!commit) throw new RollBack({ written, seen });
      return { written, seen };
    });
    return { answer: answer.written, seen: answer.seen };
  } catch (error) {
    if (error instanceof RollBack) {
      const { written, seen } = error.seen as { written: unknown; seen: unknown };
      return { answer: written, seen };
    }
    // A refusal: nothing of it may stay.
    const seen = await db.writeTransaction(async (tx) => dump(tx, id));
    return { answer: { refused: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) }, seen };
  }
}

/**
 * The deciding path as src/audit/auditedWrite.ts takes it: the one statement auto-committed, which
 * writes only when it decides alone; declined, the one statement in a transaction. `decided` says
 * which wrote; `beforeFallback`, what was stored when the statement declined.
 */
async function writeDeciding(db: Database, record: Record<string, unknown>, alongside: StatementPiece): Promise<Outcome & { decided: boolean; beforeFallback?: unknown; carried?: unknown }> {
  const parsed = parseNativeRecord(record);
  const id = 'entity' in parsed ? parsed.entity.id : String(record['id']);
  const options: WriteOptions = { oneStatement: true, alongside, decides: true };
  try {
    const written = await db.writeStatement(async (tx) => ('entity' in parsed ? upsertEntity(tx, parsed.entity, options) : linkRelationship(tx, parsed.relationship, options)));
    const { carried, ...answer } = written as { carried?: unknown };
    return { answer: withoutTimes(answer), seen: await db.writeTransaction(async (tx) => dump(tx, id)), decided: true, carried };
  } catch (error) {
    if (!(error instanceof StatementDeclined)) {
      const seen = await db.writeTransaction(async (tx) => dump(tx, id));
      return { answer: { refused: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) }, seen, decided: true };
    }
    const beforeFallback = await db.writeTransaction(async (tx) => dump(tx, id));
    const fallback = await write(db, record, { oneStatement: true, alongside }, true);
    const { carried, ...answer } = (fallback.answer ?? {}) as { carried?: unknown };
    return { answer, seen: fallback.seen, decided: false, beforeFallback, carried };
  }
}

/** Writes of every kind that moves a dashboard, updates of earlier ones, and refusals of every kind. */
function generate(prng: Prng, count: number): Array<Record<string, unknown>> {
  const persons: string[] = [];
  const centres: string[] = [];
  const accounts: string[] = [];
  const places = [...COUNTRY_CODES.map((code) => `${P}country-${code}`), `${P}city-1`, `${P}city-2`];
  const links: string[] = [];
  const confinements: string[] = [];
  const records: Array<Record<string, unknown>> = [];
  let serial = 0;
  const next = (kind: string) => `${P}${kind}-${++serial}`;
  const pickOrNew = (pool: string[], kind: string) => (pool.length > 0 && prng.chance(0.35) ? prng.pick(pool) : (pool.push(next(kind)), pool[pool.length - 1]!));
  while (records.length < count) {
    const roll = prng.next();
    if (roll < 0.15) {
      const id = pickOrNew(persons, 'person');
      records.push({ kind: 'Person', id, name: `Person ${id}`, aliases: prng.chance(0.3) ? [`Alias ${serial}`] : [], roles: prng.chance(0.6) ? ['TRAFFICKING_VICTIM'] : ['RECRUITER'], provenance: grade(SOURCE) });
    } else if (roll < 0.25 && persons.length > 0) {
      records.push(rel('NATIONAL_OF', prng.pick(persons), prng.pick(places.slice(0, 3)), SOURCE, { id: next('nationality') }));
    } else if (roll < 0.42 && persons.length > 0) {
      // New stops and updates of earlier ones (seq and stage move the corridor).
      const id = links.length > 0 && prng.chance(0.3) ? prng.pick(links.filter((l) => l.includes('stop')).concat(next('stop'))) : next('stop');
      links.push(id);
      records.push(rel('TRAVELLED_TO', persons[0]!, prng.pick(places), SOURCE, { id, seq: 1 + prng.int(4), stage: prng.pick(JOURNEY_STAGES) }));
    } else if (roll < 0.47 && persons.length > 1) {
      // Recruitments sort by date: one without a date keeps the stored one (the stepwise path on both sides).
      const id = links.some((l) => l.includes('recruitment')) && prng.chance(0.4) ? prng.pick(links.filter((l) => l.includes('recruitment'))) : next('recruitment');
      links.push(id);
      records.push(rel('RECRUITED', persons[1]!, persons[0]!, SOURCE, { id, ...(prng.chance(0.6) ? { date: `2029-0${1 + prng.int(9)}-1${prng.int(10)}` } : {}) }));
    } else if (roll < 0.52) {
      const id = pickOrNew(centres, 'centre');
      records.push({ kind: 'ScamCentre', id, name: `Centre ${id}`, status: prng.pick(SCAM_CENTRE_STATUSES), provenance: grade(SOURCE) });
    } else if (roll < 0.6 && centres.length > 0) {
      records.push(rel('LOCATED_IN', prng.pick(centres), prng.pick(places), SOURCE, { id: next('placement') }));
    } else if (roll < 0.68 || accounts.length < 2) {
      const id = pickOrNew(accounts, 'account');
      records.push({ kind: 'Account', id, name: `Account ${id}`, accountType: 'CRYPTO_WALLET', provenance: grade(SOURCE) });
    } else if (roll < 0.8) {
      const [from, to] = [accounts[0]!, accounts[1]!];
      const id = links.some((l) => l.includes('transfer')) && prng.chance(0.3) ? prng.pick(links.filter((l) => l.includes('transfer'))) : next('transfer');
      links.push(id);
      records.push(rel('TRANSFERRED', from, to, SOURCE, { id, currency: prng.pick(['TSTA', 'TSTB']), amount: Math.round(prng.next() * 1e9) / 1e3, at: new Date(Date.UTC(2030, prng.int(4), 1 + prng.int(28))).toISOString() }));
    } else if (roll < 0.82) {
      records.push({ kind: 'Organization', id: next('group'), name: 'A group', provenance: grade(SOURCE) });
    } else if (roll < 0.88 && persons.length > 0 && centres.length > 0) {
      // Confinements with their dates, updates moving one end (in order), and a start moved after
      // the stored end: refused only once the stored end is read.
      if (confinements.length > 0 && prng.chance(0.3)) {
        records.push(rel('HELD_AT', persons[0]!, centres[0]!, SOURCE, { id: prng.pick(confinements), heldFrom: '2029-12-01' }));
        continue;
      }
      const id = confinements.length > 0 && prng.chance(0.4) ? prng.pick(confinements) : next('confinement');
      if (!confinements.includes(id)) confinements.push(id);
      records.push(rel('HELD_AT', persons[0]!, centres[0]!, SOURCE, { id, ...(prng.chance(0.5) ? { heldFrom: '2029-02-01' } : {}), heldUntil: `2029-0${3 + prng.int(6)}-01` }));
    } else {
      // Refusals: another kind under the id, a missing source, a missing end, ends of the wrong kind, an id naming another link.
      const refusals: Array<() => Record<string, unknown> | undefined> = [
        () => (centres.length > 0 ? { kind: 'Person', id: prng.pick(centres), name: 'Not a person', provenance: grade(SOURCE) } : undefined),
        () => ({ kind: 'Person', id: next('person-unsourced'), name: 'Unsourced', provenance: grade(`${P}no-such-source`) }),
        () => (persons.length > 0 ? rel('NATIONAL_OF', prng.pick(persons), `${P}no-such-place`, SOURCE, { id: next('nationality') }) : undefined),
        () => (persons.length > 0 && centres.length > 0 ? rel('NATIONAL_OF', prng.pick(persons), prng.pick(centres), SOURCE, { id: next('nationality') }) : undefined),
        () => (links.length > 0 && accounts.length > 1 ? rel('TRANSFERRED', accounts[1]!, accounts[0]!, SOURCE, { id: prng.pick(links), currency: 'TSTA', amount: 1, at: '2030-01-01T00:00:00.000Z' }) : undefined),
        // A nationality in a city (a location of the wrong type).
        () => (persons.length > 0 ? rel('NATIONAL_OF', prng.pick(persons), `${P}city-1`, SOURCE, { id: next('nationality') }) : undefined),
      ];
      const record = prng.pick(refusals)();
      if (record) records.push(record);
    }
  }
  return records;
}

describe('a write in one statement writes what the stepwise path writes', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Tallied writes test source' },
      ...COUNTRY_CODES.map((code) => ({ kind: 'Location', id: `${P}country-${code}`, name: `Country ${code}`, locationType: 'COUNTRY', countryCode: code, provenance: grade(SOURCE) })),
      { kind: 'Location', id: `${P}city-1`, name: 'City 1', locationType: 'CITY', countryCode: 'VU', provenance: grade(SOURCE) },
      { kind: 'Location', id: `${P}city-2`, name: 'City 2', locationType: 'CITY', provenance: grade(SOURCE) },
    ]);
    // Earlier test files write bare Cypher: the tallies start exact.
    await rebuildTallies(api.db, { force: true });
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('a victim upserted as a recruiter leaves the victims by nationality (the subject has no rows after the write)', async () => {
    // The case an earlier one-statement plan got wrong: with no rows after the write, an aggregation
    // grouped by the rows before gave no row at all, so nothing was taken out.
    const victim = `${P}turned`;
    const country = `${P}country-NR`;
    const bucket = async () => {
      const { records } = await api.db.read<{ count: number | null }>(
        "OPTIONAL MATCH (t:DashboardTally {board: 'victimsByNationality', key: $country}) RETURN t.count AS count", { country });
      return records[0]?.get('count') ?? 0;
    };
    const records = [
      { kind: 'Person', id: victim, name: 'Turned', roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) },
      rel('NATIONAL_OF', victim, country, SOURCE, { id: `${P}turned-nationality` }),
      { kind: 'Person', id: victim, name: 'Turned', roles: ['RECRUITER'], provenance: grade(SOURCE) },
      { kind: 'Person', id: victim, name: 'Turned', roles: ['RECRUITER', 'TRAFFICKING_VICTIM'], provenance: grade(SOURCE) },
      { kind: 'Person', id: victim, name: 'Turned', roles: ['RECRUITER'], provenance: grade(SOURCE) },
    ];
    const counts: number[] = [];
    for (const [i, record] of records.entries()) {
      const reference = await write(api.db, record, { oneStatement: false }, false);
      const fast = await write(api.db, record, { oneStatement: true }, true);
      expect(fast, `write ${i}: ${JSON.stringify(record)}`).toEqual(reference);
      counts.push(await bucket());
    }
    const start = counts[0]!;
    expect(counts).toEqual([start, start + 1, start, start + 1, start]);
  });

  it('generated writes and refusals: same answers, same stored records, keys and tallies', async () => {
    const records = generate(new Prng(20261202), 110);
    let refused = 0;
    let carried = 0;
    let decided = 0;
    let declined = 0;
    for (const [i, record] of records.entries()) {
      const reference = await write(api.db, record, { oneStatement: false }, false);
      // A piece of Cypher goes alongside the fast path's write (as the audit append does): its value
      // comes back whenever the write was one statement, and the answer is otherwise the same.
      const alongside: StatementPiece = { cypher: 'RETURN $probe AS probeValue', params: { probe: `probe-${i}` }, columns: ['probeValue'] };
      const before = await api.db.writeTransaction(async (tx) => dump(tx, String(record['id'])));
      const fast = await writeDeciding(api.db, record, alongside);
      if (fast.carried !== undefined) {
        expect(fast.carried).toEqual({ probeValue: `probe-${i}` });
        carried++;
      }
      if (fast.decided && !(typeof fast.answer === 'object' && fast.answer !== null && 'refused' in fast.answer)) decided++;
      if (!fast.decided) {
        declined++;
        expect(fast.beforeFallback, `write ${i}: the declined statement wrote`).toEqual(before);
      }
      expect({ answer: fast.answer, seen: fast.seen }, `write ${i}: ${JSON.stringify(record)}`).toEqual(reference);
      if (typeof reference.answer === 'object' && reference.answer !== null && 'refused' in reference.answer) refused++;
    }
    // The generator reached every kind of outcome, and most writes were one statement.
    expect(refused).toBeGreaterThan(3);
    expect(refused).toBeLessThan(records.length / 2);
    expect(carried).toBeGreaterThan(records.length / 2);
    expect(decided).toBeGreaterThan(records.length / 5);
    expect(declined).toBeGreaterThan(records.length / 5);
  }, 180_000);
});
