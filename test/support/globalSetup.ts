import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/database/embedded/index.js';
import { Database, migrate } from '../../src/database/index.js';
import { projectRoot } from '../../src/config/index.js';

/** How the tests reach their Neo4j; handed to every test file through `inject('neo4j')`. */
export interface TestNeo4j {
  uri: string;
  username: string;
  password: string;
  database: string | undefined;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

/**
 * Starts a real Neo4j for the run: the embedded one on a free port in a temporary folder, or the
 * server named by NEO4J_URI. Applies the migrations once. No database mocks anywhere.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'warn' });
  let embedded: EmbeddedNeo4j | undefined;
  let dataDir: string | undefined;
  let target: TestNeo4j;

  if (process.env['NEO4J_URI']) {
    target = {
      uri: process.env['NEO4J_URI'],
      username: process.env['NEO4J_USERNAME'] ?? 'neo4j',
      password: process.env['NEO4J_PASSWORD'] ?? '',
      database: process.env['NEO4J_DATABASE'],
    };
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-test-neo4j-'));
    embedded = await startEmbeddedNeo4j({
      dataDir,
      boltPort: 0,
      heap: '1g',
      pageCache: '512m',
      startTimeoutMs: 180_000,
      logger,
    });
    target = { uri: embedded.uri, username: embedded.username, password: embedded.password, database: undefined };
  }

  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), { disableLosslessIntegers: true });
  try {
    await migrate(new Database(driver, { database: target.database, queryTimeoutMs: 60_000 }), logger);
  } finally {
    await driver.close();
  }
  project.provide('neo4j', target);
  // The followthemoney library (PyPI) that export tests check with: installed once here, on a fresh
  // clone, so that whichever test file uses it first does not spend its time limit on pip.
  const ftm = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'ftm-validate.mjs'), '--install'], { encoding: 'utf8' });
  if (ftm.status !== 0) logger.warn({ stderr: ftm.stderr }, 'the followthemoney library could not be installed; the tests that check exports with it will say so');

  return async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
