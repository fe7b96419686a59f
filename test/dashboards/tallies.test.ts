import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/index.js';
import { Prng } from '../../src/generator/prng.js';
import {
  countRecruitmentCorridors, countScamCentresByCountry, countVictimsByNationality, deleteEntities, rebuildTallies, recountFlowsByCurrencyAndMonth,
  recountRecruitmentCorridors, recountScamCentresByCountry, recountVictimsByNationality, sumFlowsByCurrencyAndMonth, unlinkRelationship,
  type TimeWindow,
} from '../../src/graph/index.js';
import { JOURNEY_STAGES, SCAM_CENTRE_STATUSES } from '../../src/model/index.js';
import { currentTallies, readDerivedBoard, type StoredTally } from '../../src/graph/tallies.js';
import { importValues } from '../interchange/support.js';
import { grade, rel, removeByPrefix, seedStory, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * The dashboards read tallies that every write keeps current (src/graph/tallies.ts). Here generated
 * writes of every kind — mutations' graph functions, imports, unlinks, deletions, concurrent writers —
 * run against the story, and after each round every dashboard read from its tallies must equal the
 * reference: the same aggregate recounted from the whole graph. Test files run one after another, so
 * while this file runs nothing else writes.
 */
const P = 'test-tallies:';
const SOURCE = `${P}source`;
const COUNTRY_CODES = ['VU', 'TV', 'NR', 'KI'] as const;
const CURRENCIES = ['TSTA', 'TSTB', 'TSTC'] as const;

/** Every dashboard as its read gives it (twice: read from the tallies, then from what is held for that revision) against the recount. */
async function expectExact(db: Database, windows: TimeWindow[]): Promise<void> {
  for (let read = 0; read < 2; read++) {
    expect(await countVictimsByNationality(db)).toEqual(await recountVictimsByNationality(db));
    expect(await countRecruitmentCorridors(db)).toEqual(await recountRecruitmentCorridors(db));
    expect(await countScamCentresByCountry(db)).toEqual(await recountScamCentresByCountry(db));
  }
  // Flows twice too: computed, then kept for the revision (a kept answer a write should have let go fails here).
  for (let read = 0; read < 2; read++) {
    for (const window of windows) expect(await sumFlowsByCurrencyAndMonth(db, window), JSON.stringify(window)).toEqual(await recountFlowsByCurrencyAndMonth(db, window));
  }
  // Sums stay integers (a float would drift): a count or amount written back as a float is a bug even while it still adds up.
  const { records } = await db.read<{ floats: number }>(
    `MATCH (t:DashboardTally)
     WHERE any(name IN ['count', 'amountWhole', 'amountNanos', 'amountUsdWhole', 'amountUsdNanos'] WHERE t[name] IS NOT NULL AND NOT valueType(t[name]) STARTS WITH 'INTEGER')
     RETURN count(t) AS floats`,
  );
  expect(records[0]?.get('floats')).toBe(0);
}

/** Writes that move every dashboard: people, journeys, nationalities, centres and their places, transfers. */
class Writes {
  private readonly prng: Prng;
  private serial = 0;
  readonly persons: string[] = [];
  readonly centres: string[] = [];
  readonly accounts: string[] = [];
  readonly cities: string[] = [];
  readonly countries: string[] = [];
  readonly relationships: string[] = [];

  constructor(seed: number) {
    this.prng = new Prng(seed);
  }

  private next(kind: string): string {
    return `${P}${kind}-${++this.serial}`;
  }

  places(): Array<Record<string, unknown>> {
    const records: Array<Record<string, unknown>> = [];
    for (const code of COUNTRY_CODES) {
      const id = `${P}country-${code}`;
      this.countries.push(id);
      records.push({ kind: 'Location', id, name: `Country ${code}`, locationType: 'COUNTRY', countryCode: code, provenance: grade(SOURCE) });
    }
    for (let i = 0; i < 5; i++) {
      const id = this.next('city');
      this.cities.push(id);
      records.push({ kind: 'Location', id, name: `City ${i}`, locationType: 'CITY', countryCode: this.prng.pick(COUNTRY_CODES), provenance: grade(SOURCE) });
    }
    return records;
  }

  /** A batch of records: new entities (unless `existingOnly`), updates to earlier ones, relationships old and new. */
  batch(size: number, existingOnly = false): Array<Record<string, unknown>> {
    const p = this.prng;
    const records: Array<Record<string, unknown>> = [];
    for (let i = 0; i < size; i++) {
      const roll = p.next();
      if (roll < 0.2 || this.persons.length === 0) {
        const id = (existingOnly || p.next() < 0.2) && this.persons.length > 0 ? p.pick(this.persons) : this.next('person');
        if (!this.persons.includes(id)) this.persons.push(id);
        // Some without roles: an upsert that gives none keeps the stored ones and moves no bucket (writes.ts entitySubjects).
        const roles = p.next() < 0.25 ? {} : { roles: p.next() < 0.6 ? ['TRAFFICKING_VICTIM'] : ['RECRUITER'] };
        records.push({ kind: 'Person', id, name: `Person ${id}`, ...roles, provenance: grade(SOURCE) });
      } else if (roll < 0.3) {
        // Its own id: concurrent writers never create the same relationship (that race is not the tallies').
        const id = this.next('nationality');
        this.relationships.push(id);
        records.push(rel('NATIONAL_OF', p.pick(this.persons), p.pick(this.countries), SOURCE, { id }));
      } else if (roll < 0.45) {
        // Equal seqs happen: the journey order must still be one order.
        const id = this.next('stop');
        this.relationships.push(id);
        records.push(rel('TRAVELLED_TO', p.pick(this.persons), p.pick([...this.cities, ...this.countries]), SOURCE, { id, seq: 1 + p.int(4), stage: p.pick(JOURNEY_STAGES) }));
      } else if (roll < 0.55) {
        const id = (existingOnly || p.next() < 0.3) && this.centres.length > 0 ? p.pick(this.centres) : this.next('centre');
        if (!this.centres.includes(id)) this.centres.push(id);
        records.push({ kind: 'ScamCentre', id, name: `Centre ${id}`, status: p.pick(SCAM_CENTRE_STATUSES), provenance: grade(SOURCE) });
      } else if (roll < 0.62 && this.centres.length > 0) {
        const id = this.next('placement');
        this.relationships.push(id);
        records.push(rel('LOCATED_IN', p.pick(this.centres), p.pick(this.cities), SOURCE, { id }));
      } else if (roll < 0.66) {
        // A city moves country: every corridor and centre through it moves with it.
        records.push({ kind: 'Location', id: p.pick(this.cities), name: 'Moved city', locationType: 'CITY', countryCode: p.pick(COUNTRY_CODES), provenance: grade(SOURCE) });
      } else if ((roll < 0.72 && !existingOnly) || this.accounts.length < 2) {
        const id = this.next('account');
        this.accounts.push(id);
        records.push({ kind: 'Account', id, name: `Account ${id}`, accountType: 'CRYPTO_WALLET', provenance: grade(SOURCE) });
      } else {
        // New transfers, and updates that move one to another month, currency or amount (concurrent
        // writers update only transfers written before they started: two creating one id is another race).
        const known = (existingOnly ? this.written : this.relationships).filter((r) => r.includes('transfer'));
        const id = p.next() < 0.25 && known.length > 0 ? p.pick(known) : this.next('transfer');
        const [from, to] = this.transferEnds(id);
        if (!this.relationships.includes(id)) this.relationships.push(id);
        const month = 1 + p.int(6);
        // Days crowd at each month's start, where the windows below cut most often.
        const at = p.next() < 0.1 ? undefined : new Date(Date.UTC(2030, month - 1, 1 + p.int(p.chance(0.7) ? 3 : 28), p.int(24), p.int(60), p.int(60), p.int(1000))).toISOString();
        records.push(rel('TRANSFERRED', from, to, SOURCE, {
          id, currency: p.pick(CURRENCIES), amount: Math.round(p.next() * 1e12) / 1e6, amountUsd: Math.round(p.next() * 1e9) / 1e4, ...(at ? { at } : {}),
        }));
      }
    }
    return records;
  }

  /** A transfer's ends never change (an id names one link): remember them. */
  private readonly ends = new Map<string, [string, string]>();
  private transferEnds(id: string): [string, string] {
    let ends = this.ends.get(id);
    if (!ends) {
      const from = this.prng.pick(this.accounts);
      let to = this.prng.pick(this.accounts);
      while (to === from) to = this.prng.pick(this.accounts);
      ends = [from, to];
      this.ends.set(id, ends);
    }
    return ends;
  }

  /** Relationships written so far (concurrent writers update only these). */
  private written: string[] = [];
  settle(): void {
    this.written = [...this.relationships];
  }

  pickRelationship(): string | undefined {
    return this.relationships.length === 0 ? undefined : this.relationships.splice(this.prng.int(this.relationships.length), 1)[0];
  }

  /** An entity to delete: gone from every pool, with the transfers its deletion takes along. */
  pickEntity(): string {
    const pool = this.prng.pick([this.persons, this.centres, this.cities, this.accounts].filter((l) => l.length > 1));
    const id = pool.splice(this.prng.int(pool.length), 1)[0]!;
    for (const [transfer, ends] of this.ends) {
      if (!ends.includes(id)) continue;
      this.ends.delete(transfer);
      const at = this.relationships.indexOf(transfer);
      if (at >= 0) this.relationships.splice(at, 1);
    }
    return id;
  }

  /** Windows of every shape: open ends, whole months, cut months, cut days and hours, one month, one day, one hour, instants at a boundary. */
  windows(count: number): TimeWindow[] {
    const p = this.prng;
    const instant = () => new Date(Date.UTC(2030, p.int(7), 1 + p.int(p.chance(0.7) ? 3 : 28), p.int(24), p.int(60))).toISOString();
    const monthStart = () => new Date(Date.UTC(2030, p.int(7), 1)).toISOString();
    const dayStart = () => new Date(Date.UTC(2030, p.int(7), 1 + p.int(28))).toISOString();
    const hourStart = () => new Date(Date.UTC(2030, p.int(7), 1 + p.int(3), p.int(24))).toISOString();
    const any = () => p.pick([instant, monthStart, dayStart, hourStart])();
    // Narrow windows too: within one day or one hour, or across a midnight (cut hours at both ends).
    const near = (from: string) => new Date(Date.parse(from) + p.pick([p.int(60), p.int(24 * 60), p.int(30 * 60)]) * 60_000 + p.int(60) * 1000).toISOString();
    const windows: TimeWindow[] = [{ since: null, until: null }, { since: '2030-02-01T00:00:00.000Z', until: '2030-05-01T00:00:00.000Z' }, { since: '2030-03-05T00:00:00.000Z', until: '2030-03-20T00:00:00.000Z' }];
    while (windows.length < count) {
      const a = any();
      const b = p.chance(0.4) ? near(a) : any();
      const [since, until] = a < b ? [a, b] : [b, a];
      windows.push({ since: p.next() < 0.15 ? null : since, until: p.next() < 0.15 ? null : until });
    }
    return windows;
  }
}

describe('dashboard tallies stay exact', () => {
  let api: TestApi;
  const writes = new Writes(20261201);

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await seedStory(api.db);
    await writeRecords(api.db, [{ kind: 'Source', id: SOURCE, name: 'Tallies test source' }]);
    // Earlier test files write bare Cypher (fixtures outside the graph layer): start from a fresh build.
    await rebuildTallies(api.db, { force: true });
    await writeRecords(api.db, writes.places());
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('after the story and a rebuild, every dashboard equals its recount', async () => {
    await expectExact(api.db, writes.windows(12));
  });

  it('after writes one at a time (as mutations write), every dashboard equals its recount', async () => {
    for (let round = 0; round < 4; round++) {
      for (const record of writes.batch(25)) {
        await writeRecords(api.db, [record]);
        // In the first round, the boards held updated for each write's moved buckets (not ranked whole) after every write.
        if (round === 0) {
          expect(await countRecruitmentCorridors(api.db)).toEqual(await recountRecruitmentCorridors(api.db));
          expect(await countScamCentresByCountry(api.db)).toEqual(await recountScamCentresByCountry(api.db));
        }
      }
      await expectExact(api.db, writes.windows(12));
    }
  });

  it('after imports (batched writes, repeats and updates in one batch), every dashboard equals its recount', async () => {
    for (let round = 0; round < 3; round++) {
      const summary = await importValues(api.db, writes.batch(120), { batchSize: 17 });
      expect(summary.rejections).toEqual([]);
      await expectExact(api.db, writes.windows(12));
    }
  });

  it('after unlinks and deletions, every dashboard equals its recount', async () => {
    for (let i = 0; i < 15; i++) {
      const id = writes.pickRelationship();
      if (id) await api.db.writeTransaction((tx) => unlinkRelationship(tx, id));
    }
    await expectExact(api.db, writes.windows(10));
    await api.db.writeTransaction((tx) => deleteEntities(tx, [writes.pickEntity(), writes.pickEntity(), writes.pickEntity(), ...writes.countries.slice(0, 1)]));
    writes.countries.splice(0, 1);
    await expectExact(api.db, writes.windows(10));
  });

  it('after concurrent writers on the same people and transfers, every dashboard equals its recount', async () => {
    // Entities the writers share exist already; four writers change them at once, in rounds.
    for (let round = 0; round < 3; round++) {
      writes.settle();
      const batches = [writes.batch(30, true), writes.batch(30, true), writes.batch(30, true), writes.batch(30, true)];
      const written = await Promise.allSettled(batches.map((batch, i) => (i % 2 === 0 ? writeRecords(api.db, batch) : importValues(api.db, batch, { batchSize: 7 }))));
      expect(written.filter((w) => w.status === 'rejected')).toEqual([]);
      await expectExact(api.db, writes.windows(10));
    }
  });

  it('after a force rebuild the tallies are what they were', async () => {
    const before = await countRecruitmentCorridors(api.db);
    await rebuildTallies(api.db, { force: true });
    expect(await countRecruitmentCorridors(api.db)).toEqual(before);
  });
  it('a board held from before a write catches up by revision: a bucket emptied goes, a rebuild is read whole', async () => {
    const country = `${P}country-solo`;
    const victims = [`${P}solo-victim-1`, `${P}solo-victim-2`];
    await writeRecords(api.db, [
      { kind: 'Location', id: country, name: 'Solo country', locationType: 'COUNTRY', countryCode: 'TO', provenance: grade(SOURCE) },
      ...victims.map((id) => ({ kind: 'Person', id, name: `Solo ${id}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) })),
      ...victims.map((id) => rel('NATIONAL_OF', id, country, SOURCE)),
    ]);
    const bucketOf = async () => (await countVictimsByNationality(api.db)).find((bucket) => bucket.countryId === country)?.victims ?? null;
    expect(await bucketOf()).toBe(2);
    // The bucket's last victim deleted: the held board reads the tally at zero, and the bucket goes.
    await api.db.writeTransaction((tx) => deleteEntities(tx, [victims[0]!]));
    expect(await bucketOf()).toBe(1);
    await api.db.writeTransaction((tx) => deleteEntities(tx, [victims[1]!]));
    expect(await bucketOf()).toBeNull();
    expect(await countVictimsByNationality(api.db)).toEqual(await recountVictimsByNationality(api.db));
    // The catching-up read and the whole read agree.
    const whole = await readDerivedBoard(api.db, 'victimsByNationality', async (rows) => rows.length, undefined, { full: true });
    expect(whole).toBe((await recountVictimsByNationality(api.db)).length);

    // A change no write's tallies saw (written around them), then a rebuild: the board held from
    // before it is read whole — its tallies were all replaced, none stamped by a write since.
    await writeRecords(api.db, [{ kind: 'Person', id: `${P}rebuild-victim`, name: 'Rebuild victim', roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) }]);
    await countVictimsByNationality(api.db);
    await api.db.write('MATCH (p:Entity {id: $id}) REMOVE p:TraffickingVictim', { id: `${P}rebuild-victim` });
    expect(await countVictimsByNationality(api.db)).not.toEqual(await recountVictimsByNationality(api.db));
    await rebuildTallies(api.db, { force: true });
    expect(await countVictimsByNationality(api.db)).toEqual(await recountVictimsByNationality(api.db));
  });

  it('requests that miss a board together share one read of it, and read again after a write', async () => {
    let derived = 0;
    const derive = async (rows: StoredTally[]) => {
      derived++;
      return rows.length;
    };
    for (let write = 0; write < 2; write++) {
      const before = (await currentTallies(api.db)).revision;
      await writeRecords(api.db, [{ kind: 'Person', id: `${P}shared-read-${write}`, name: `Shared read ${write}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) }]);
      expect((await currentTallies(api.db)).revision).toBeGreaterThan(before);
      derived = 0;
      const counts = await Promise.all(Array.from({ length: 8 }, () => readDerivedBoard(api.db, 'victimsByNationality', derive)));
      expect(derived).toBe(1);
      expect(new Set(counts).size).toBe(1);
      // Then from the cache of that revision.
      await readDerivedBoard(api.db, 'victimsByNationality', derive);
      expect(derived).toBe(1);
    }
  });
});
