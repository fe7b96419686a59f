/**
 * `npm run bench:dashboards -- [--scale 100k] [--writes 10]`: how long the first dashboard read takes
 * after a write that moves it — recruitmentCorridors (10,000 buckets at 100k, 30,000 at 1M) and
 * victimsByNationality, boards held warm before each write, as a serving process holds them. A
 * benchmark, not a test: it prints figures. The people it writes are deleted through the graph layer
 * afterwards, so the store's tallies stay exact.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Database } from '../src/database/index.js';
import { migrate } from '../src/database/migrations.js';
import { countRecruitmentCorridors, countVictimsByNationality, deleteEntities } from '../src/graph/index.js';
import { grade, rel, writeRecords } from '../test/support/fixtures.js';
import { openBenchDatabase } from './lib/dataset.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '100k' }, writes: { type: 'string', default: '10' }, seed: { type: 'string', default: '42' } } });
const entities = Math.round(Number(values.scale.replace(/[km]$/i, '')) * (/m$/i.test(values.scale) ? 1e6 : /k$/i.test(values.scale) ? 1e3 : 1));
const writes = Number(values.writes);
const database = await openBenchDatabase(entities, Number(values.seed), (line) => process.stdout.write(`${line}\n`));
const db = new Database(database.driver, { database: undefined, queryTimeoutMs: 600_000 });
const PREFIX = 'bench:after-write-';
try {
  await migrate(db, pino({ level: 'silent' }));
  const cities = (await db.read<{ id: string }>("MATCH (l:Location) WHERE l.locationType = 'CITY' RETURN l.id AS id LIMIT 3")).records.map((r) => r.get('id'));
  const source = (await db.read<{ id: string }>('MATCH (s:Source) RETURN s.id AS id LIMIT 1')).records[0]!.get('id');
  // Warm: the boards held, the JVM past its first statements.
  for (let i = 0; i < 3; i++) {
    await countRecruitmentCorridors(db);
    await countVictimsByNationality(db);
  }
  const corridors = (await countRecruitmentCorridors(db)).length;
  const timings: Array<{ corridors: number; victims: number }> = [];
  for (let i = 0; i < writes; i++) {
    const id = `${PREFIX}${Date.now()}-${i}`;
    await writeRecords(db, [
      { kind: 'Person', id, name: `After write ${i}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(source) },
      rel('TRAVELLED_TO', id, cities[i % cities.length]!, source, { seq: 1, stage: 'RECRUITMENT' }),
    ]);
    const start = performance.now();
    await countRecruitmentCorridors(db);
    const between = performance.now();
    await countVictimsByNationality(db);
    timings.push({ corridors: between - start, victims: performance.now() - between });
  }
  const written = (await db.read<{ id: string }>('MATCH (p:Entity) WHERE p.id STARTS WITH $prefix RETURN p.id AS id', { prefix: PREFIX })).records.map((r) => r.get('id'));
  await db.writeTransaction((tx) => deleteEntities(tx, written));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const both = timings.map((t) => t.corridors + t.victims);
  process.stdout.write(
    `${entities} entities, ${corridors} corridors: first read after a write (median of ${writes}) ` +
      `recruitmentCorridors ${median(timings.map((t) => t.corridors)).toFixed(1)} ms, victimsByNationality ${median(timings.map((t) => t.victims)).toFixed(1)} ms, ` +
      `both ${median(both).toFixed(1)} ms (max ${Math.max(...both).toFixed(1)} ms)\n`,
  );
} finally {
  await database.stop();
}
