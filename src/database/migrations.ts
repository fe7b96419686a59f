import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { projectRoot } from '../config/index.js';
import type { Database } from './database.js';

/** Versioned Cypher files: `NNNN_what_it_does.cypher`, statements separated by `;`. */
export const MIGRATIONS_DIR = path.join(projectRoot, 'neo4j', 'migrations');
const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.cypher$/;
/** Index population on a large store can take minutes; the app is not ready before it is done. */
const AWAIT_INDEXES_SECONDS = 600;
/** A migration statement (a backfill in batches, a constraint over a large graph) may run longer than an API request may. */
const MIGRATION_STATEMENT_TIMEOUT_MS = 30 * 60 * 1000;
/** db.awaitIndexes gets its own bound; its transaction a little more. */
const AWAIT_INDEXES_MARGIN_SECONDS = 30;

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cypher')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) throw new Error(`Migration file "${file}" must be named NNNN_snake_case_name.cypher`);
    const text = await readFile(path.join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? file,
      checksum: createHash('sha256').update(text).digest('hex'),
      statements: splitStatements(text),
    });
  }
  return migrations;
}

/** Splits on `;` at line ends and drops `//` comment lines (our files never put `;` inside strings). */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Applies every migration not yet recorded in the graph, in order. Each statement is itself
 * idempotent (`IF NOT EXISTS`), so two API instances starting together cannot break anything; the
 * (:SchemaMigration) record only saves work at the next start.
 */
export async function migrate(db: Database, logger: Logger, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const migrations = await loadMigrations(dir);
  const { records } = await db.read<{ version: number }>(
    'MATCH (m:SchemaMigration) RETURN m.version AS version',
  );
  const done = new Set(records.map((r) => Number(r.get('version'))));
  const report: MigrationReport = { applied: [], alreadyApplied: [] };

  for (const migration of migrations) {
    const label = `${String(migration.version).padStart(4, '0')}_${migration.name}`;
    if (done.has(migration.version)) {
      report.alreadyApplied.push(label);
      continue;
    }
    // Schema changes cannot share a transaction with data writes: one statement per transaction,
    // each with the long timeout: over a large graph (an initial load) building a constraint's
    // index or a batched backfill takes longer than a request's timeout.
    for (const statement of migration.statements) await db.runAutoCommit(statement, {}, MIGRATION_STATEMENT_TIMEOUT_MS);
    await db.write(
      `MERGE (m:SchemaMigration {version: $version})
       SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`,
      { version: migration.version, name: migration.name, checksum: migration.checksum },
    );
    report.applied.push(label);
    logger.info({ migration: label }, 'migration applied');
  }
  await awaitIndexesOnline(db);
  return report;
}

/** Waits until every index is online (populating after a migration or an initial load), bounded. */
export async function awaitIndexesOnline(db: Database): Promise<void> {
  await db.runAutoCommit('CALL db.awaitIndexes($seconds)', { seconds: AWAIT_INDEXES_SECONDS }, (AWAIT_INDEXES_SECONDS + AWAIT_INDEXES_MARGIN_SECONDS) * 1000);
}
