import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { migrate } from '../database/index.js';
import { MIN_ENTITIES, networkLines, planNetwork, type PlantedPair } from '../generator/index.js';
import { importLines } from '../interchange/index.js';
import { runInitialLoadCommand } from './initialLoadCommand.js';
import { Progress } from './progress.js';
import { withDatabase } from './withDatabase.js';

/** Lines joined per write: fewer, larger writes to the file. */
const WRITE_CHUNK_LINES = 1_000;

const USAGE = `Usage: npm run generate -- --entities N --seed S [--out FILE | --load [--initial-load]] [--prefix P] [--duplicates N --truth FILE]

Writes a deterministic synthetic network (same seed, same bytes) in Scam Atlas's import format:
recruiters, victims and their journeys, compounds, criminal groups, accounts and transfers with
laundering shapes, fraud victims, operations, graded sources. Every entity is illustrative.

  --entities N   how many entities (at least ${MIN_ENTITIES})
  --seed S       a whole number; the same seed gives the same file
  --out FILE     write to FILE (default: standard output)
  --load         import it straight into the configured Neo4j instead of writing it
  --initial-load with --load: build a new embedded database with Neo4j's bulk importer (the
                 fast first load; the database must not exist yet, NEO4J_URI not set)
  --prefix P     prefix of every id (default "gen:")
  --duplicates N plant N known duplicate pairs after the network (people, accounts, front companies
                 recorded twice with typos, reordered or transliterated names, shared wallets, IBANs,
                 phones, websites; and look-alikes that are not duplicates), for measuring entity
                 resolution. Without it the output is the network alone, unchanged
  --truth FILE   with --duplicates: where to write the planted pairs as JSON (default: FILE.truth.json
                 beside --out; required with --load)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { entities: { type: 'string' }, seed: { type: 'string', default: '1' }, out: { type: 'string' }, load: { type: 'boolean' }, 'initial-load': { type: 'boolean' }, prefix: { type: 'string', default: 'gen:' }, duplicates: { type: 'string' }, truth: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const entities = Number(values.entities);
if (!Number.isInteger(entities) || entities < MIN_ENTITIES) fail(`--entities must be a whole number of at least ${MIN_ENTITIES} (got "${values.entities ?? ''}")`);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number (got "${values.seed}")`);
if (values.load && values.out) fail('give either --out or --load, not both');
if (values['initial-load'] && !values.load) fail('--initial-load goes with --load');
const duplicates = values.duplicates === undefined ? 0 : Number(values.duplicates);
if (!Number.isInteger(duplicates) || duplicates < 0) fail(`--duplicates must be a whole number (got "${values.duplicates ?? ''}")`);
const truthFile = values.truth ?? (values.out ? `${values.out}.truth.json` : undefined);
if (duplicates > 0 && !truthFile) fail('--duplicates needs --truth FILE (or --out FILE, beside which the truth is written)');
if (values.truth && duplicates === 0) fail('--truth goes with --duplicates');
const options = { entities, seed, prefix: values.prefix };
const truth: PlantedPair[] = [];
const planted = duplicates > 0 ? { count: duplicates, truth } : undefined;
/** The planted pairs, once the lines are written. */
const writeTruth = () => {
  if (!planted || !truthFile) return;
  writeFileSync(truthFile, `${JSON.stringify({ entities, seed, prefix: values.prefix, duplicates, pairs: truth }, null, 1)}\n`);
  process.stderr.write(`Planted ${truth.length} duplicate pairs; truth in ${truthFile}.\n`);
};
const plan = planNetwork(entities);

if (values.load && values['initial-load']) {
  const progress = new Progress('records', undefined);
  let n = 0;
  const { code, summary } = await runInitialLoadCommand((function* () {
    for (const text of networkLines(options, planted)) {
      progress.update(++n, n);
      yield { line: n, text };
    }
  })(), {
    progress,
    onReject: (rejection) => process.stderr.write(`line ${rejection.line}${rejection.id ? ` (${rejection.id})` : ''}: ${rejection.reason}\n`),
  });
  progress.finish();
  writeTruth();
  if (summary) process.stdout.write(`Loaded ${entities} entities (${summary.entities.created} created) and ${summary.relationships.created + summary.relationships.updated + summary.relationships.unchanged} relationships in ${summary.seconds.toFixed(1)} s; ${summary.rejected} rejected.\n`);
  process.exitCode = code;
} else if (values.load) {
  process.exitCode = await withDatabase(async (connection, logger) => {
    await migrate(connection.db, logger);
    const progress = new Progress('records', undefined);
    let n = 0;
    const summary = await importLines(connection.bulk, (async function* () {
      for (const line of networkLines(options, planted)) {
        progress.update(++n, n);
        yield line;
      }
    })());
    progress.finish();
    writeTruth();
    process.stdout.write(`Loaded ${entities} entities (${summary.entities.created} created) and ${summary.relationships.created + summary.relationships.updated + summary.relationships.unchanged} relationships in ${summary.seconds.toFixed(1)} s; ${summary.rejected} rejected.\n`);
    return summary.rejected > 0 ? 1 : 0;
  });
} else {
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  let chunk: string[] = [];
  let records = 0;
  for (const line of networkLines(options, planted)) {
    chunk.push(line);
    records++;
    if (chunk.length >= WRITE_CHUNK_LINES) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`);
  if (out !== process.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
  writeTruth();
  process.stderr.write(`Wrote ${records} records: ${entities} entities (${plan.victims} trafficking victims, ${plan.recruiters} recruiters, ${plan.compounds} compounds, ${plan.accounts} accounts, ${plan.fraudVictims} fraud victims) and ${records - entities} relationships (${plan.transfers}+ transfers).\n`);
}
