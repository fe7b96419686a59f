import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrate } from '../database/index.js';
import { fileLines, IMPORT_BATCH_SIZE, IMPORT_FORMATS, importNumberedLines, type ImportFormat, type ImportSummary, type NumberedLine, type Rejection } from '../interchange/index.js';
import { RELIABILITIES } from '../model/index.js';
import { runInitialLoadCommand } from './initialLoadCommand.js';
import { formatDuration, Progress } from './progress.js';
import { withDatabase } from './withDatabase.js';

/** Rejections printed on the terminal; all of them go to --report. */
const PRINTED_REJECTIONS = 20;
/** FollowTheMoney carries no grades: by default its facts are "reliability cannot be judged, truth cannot be judged". */
const DEFAULT_FTM_RELIABILITY = 'F';
const DEFAULT_FTM_CREDIBILITY = 6;

const USAGE = `Usage: npm run import -- [options] [FILE ...]   (no FILE, or "-": standard input)

Loads line-delimited JSON: Scam Atlas records ({"kind": ...} / {"type": ...}) and FollowTheMoney
entities ({"id", "schema", "properties"}), decided per line unless --format says otherwise.

  --format auto|native|ftm   how to read lines (default auto: "schema" → FtM, "kind"/"type" → native)
  --dataset NAME             name of the Source FtM facts are attributed to (default: the file name)
  --reliability A-F          grade of FtM facts: source reliability (default ${DEFAULT_FTM_RELIABILITY})
  --credibility 1-6          grade of FtM facts: information credibility (default ${DEFAULT_FTM_CREDIBILITY})
  --report FILE              write every rejected line to FILE (JSON lines: line, id, reason)
  --batch-size N             items per write transaction (default ${IMPORT_BATCH_SIZE})
  --initial-load             build a new embedded database from this input with Neo4j's bulk
                             importer (many times faster; the database must not exist yet; one
                             input; NEO4J_URI not set). Same checks, same graph as without it.

Exit code: 0 everything loaded, 1 some lines were rejected (the rest loaded) or the import failed,
2 bad arguments or configuration.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'auto' },
        dataset: { type: 'string' },
        reliability: { type: 'string', default: DEFAULT_FTM_RELIABILITY },
        credibility: { type: 'string', default: String(DEFAULT_FTM_CREDIBILITY) },
        report: { type: 'string' },
        'batch-size': { type: 'string', default: String(IMPORT_BATCH_SIZE) },
        'initial-load': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const format = values.format as ImportFormat;
if (!(IMPORT_FORMATS as readonly string[]).includes(format)) fail(`--format must be one of ${IMPORT_FORMATS.join(', ')} (got "${values.format}")`);
if (!(RELIABILITIES as readonly string[]).includes(values.reliability)) fail(`--reliability must be one of ${RELIABILITIES.join(', ')} (got "${values.reliability}")`);
const credibility = Number(values.credibility);
if (!Number.isInteger(credibility) || credibility < 1 || credibility > 6) fail(`--credibility must be a whole number from 1 to 6 (got "${values.credibility}")`);
const batchSize = Number(values['batch-size']);
if (!Number.isInteger(batchSize) || batchSize < 1) fail(`--batch-size must be a positive whole number (got "${values['batch-size']}")`);
const files = positionals.length === 0 ? ['-'] : positionals;
if (values['initial-load'] && files.length > 1) fail('--initial-load reads one input: concatenate the files first (cat a.jsonl b.jsonl | npm run import -- --initial-load -)');
const sizes = await Promise.all(files.map(async (file) => {
  if (file === '-') return undefined;
  try {
    return (await stat(file)).size;
  } catch {
    return fail(`Cannot read ${file}: no such file`);
  }
}));

/** A dataset name fit for an id: letters, digits, dots and dashes. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'dataset';
}

/** A Source id fit for FollowTheMoney facts of this input. */
function ftmDataset(file: string) {
  const dataset = values.dataset ?? (file === '-' ? 'stdin' : path.basename(file).replace(/\.[^.]*$/, ''));
  return { sourceId: `source:ftm-${slug(dataset)}`, sourceName: `FollowTheMoney dataset "${dataset}"`, reliability: values.reliability, credibility };
}

if (values['initial-load']) {
  process.exitCode = await initialLoadOf(files[0]!);
} else {
  process.exitCode = await transactionalImport();
}

async function initialLoadOf(file: string): Promise<number> {
  const input = file === '-' ? process.stdin : createReadStream(file);
  const report = values.report ? createWriteStream(values.report) : undefined;
  const progress = new Progress('lines', sizes[0]);
  let printed = 0;
  let linesRead = 0;
  async function* lines(): AsyncGenerator<NumberedLine> {
    for await (const numbered of fileLines(input as AsyncIterable<Uint8Array>)) {
      linesRead = numbered.line;
      progress.update((input as { bytesRead?: number }).bytesRead ?? 0, linesRead);
      yield numbered;
    }
  }
  const name = file === '-' ? 'stdin' : file;
  const { code, summary } = await runInitialLoadCommand(lines(), {
    format,
    // For the transactional pass over what the bulk importer cannot take.
    batchSize,
    ftm: ftmDataset(file),
    progress,
    onReject: (rejection) => {
      report?.write(`${JSON.stringify({ file: name, ...rejection })}\n`);
      if (printed++ < PRINTED_REJECTIONS) {
        progress.finish();
        process.stderr.write(`${name}:${rejection.line}${rejection.id ? ` (${rejection.id})` : ''}: ${rejection.reason}\n`);
      }
    },
  });
  if (report) await new Promise<void>((resolve) => report.end(() => resolve()));
  if (summary) printSummary(summary, printed);
  return code;
}

function printSummary(totals: ImportSummary, printed: number): void {
  if (printed > PRINTED_REJECTIONS) process.stderr.write(`... and ${printed - PRINTED_REJECTIONS} more rejected${values.report ? ` (all in ${values.report})` : ' (use --report FILE to keep them all)'}\n`);
  const unknown = Object.entries(totals.unknownSchemata).map(([schema, n]) => `${schema} ×${n}`).join(', ');
  process.stdout.write(
    `Read ${totals.lines} lines in ${totals.seconds.toFixed(1)} s (${formatDuration(totals.seconds)}): ` +
      `entities ${totals.entities.created} created, ${totals.entities.updated} updated, ${totals.entities.unchanged} unchanged; ` +
      `relationships ${totals.relationships.created} created, ${totals.relationships.updated} updated, ${totals.relationships.unchanged} unchanged; ` +
      `${totals.rejected} rejected.${unknown ? ` FollowTheMoney schemata not imported (skipped): ${unknown}.` : ''}\n`,
  );
}

async function transactionalImport(): Promise<number> {
  return withDatabase(async (connection, logger) => {
    await migrate(connection.db, logger);
    const report = values.report ? createWriteStream(values.report) : undefined;
    const total = sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a + b, 0) : undefined;
    const progress = new Progress('lines', total);
    let printed = 0;
    let bytesBefore = 0;
    let linesBefore = 0;
    const totals: ImportSummary = { lines: 0, entities: { created: 0, updated: 0, unchanged: 0 }, relationships: { created: 0, updated: 0, unchanged: 0 }, rejected: 0, unknownSchemata: {}, seconds: 0 };
    const onReject = (file: string) => (rejection: Rejection) => {
      report?.write(`${JSON.stringify({ file, ...rejection })}\n`);
      if (printed++ < PRINTED_REJECTIONS) {
        progress.finish();
        process.stderr.write(`${file}:${rejection.line}${rejection.id ? ` (${rejection.id})` : ''}: ${rejection.reason}\n`);
      }
    };

    try {
      for (const file of files) {
        const input = file === '-' ? process.stdin : createReadStream(file);
        let linesRead = 0;
        async function* lines(): AsyncGenerator<NumberedLine> {
          for await (const numbered of fileLines(input as AsyncIterable<Uint8Array>)) {
            linesRead = numbered.line;
            progress.update(bytesBefore + ((input as { bytesRead?: number }).bytesRead ?? 0), linesBefore + linesRead);
            yield numbered;
          }
        }
        const summary = await importNumberedLines(connection.bulk, lines(), {
          format,
          batchSize,
          ftm: ftmDataset(file),
          onReject: onReject(file === '-' ? 'stdin' : file),
        });
        bytesBefore += sizes[files.indexOf(file)] ?? 0;
        linesBefore += linesRead;
        add(totals, summary);
      }
    } catch (error) {
      progress.finish();
      process.stderr.write(`Import stopped: ${error instanceof Error ? error.message : String(error)}\nBatches written before the failure stay written; importing the file again is safe (everything is upserted by id).\n`);
      return 1;
    } finally {
      if (report) await new Promise<void>((resolve) => report.end(() => resolve()));
    }
    progress.finish();
    printSummary(totals, printed);
    return totals.rejected > 0 ? 1 : 0;
  });
}

function add(totals: ImportSummary, summary: ImportSummary): void {
  totals.lines += summary.lines;
  totals.rejected += summary.rejected;
  totals.seconds += summary.seconds;
  for (const key of ['created', 'updated', 'unchanged'] as const) {
    totals.entities[key] += summary.entities[key];
    totals.relationships[key] += summary.relationships[key];
  }
  for (const [schema, n] of Object.entries(summary.unknownSchemata)) totals.unknownSchemata[schema] = (totals.unknownSchemata[schema] ?? 0) + n;
}
