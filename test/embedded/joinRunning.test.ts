import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { projectRoot } from '../../src/config/index.js';
import { findRunningEmbeddedNeo4j } from '../../src/database/embedded/index.js';
import { embeddedTestConfig } from '../support/testApi.js';

/**
 * `npm run import` and `npm run export` while the API runs on the embedded default (issue 15, part 7):
 * they find the API's database through the record it keeps in the data folder and use it, instead
 * of failing on the folder's lock; a record left by a JVM that is gone is ignored.
 */
const TEST_TIMEOUT_MS = 180 * 1000;
const P = 'test-join-running:';

interface CliResult { code: number; stdout: string; stderr: string }

function cli(script: string, args: string[], dataDir: string): Promise<CliResult> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NEO4J_EMBEDDED_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  return promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'cli', script), ...args], { cwd: projectRoot, env })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));
}

describe('commands next to a running API', () => {
  let dataDir: string;
  let app: App;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-join-'));
    app = await startApp(embeddedTestConfig(dataDir, { startTimeoutMs: 90_000 }), pino({ level: 'silent' }));
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, TEST_TIMEOUT_MS);

  it('import writes into the running API\u2019s database and export reads it back', async () => {
    const file = path.join(dataDir, 'records.jsonl');
    await writeFile(file, [
      { kind: 'Source', id: `${P}source`, name: 'Joined source' },
      { kind: 'Person', id: `${P}person`, name: 'Imported while the API ran', provenance: [{ source: `${P}source`, reliability: 'B', credibility: 2 }] },
    ].map((record) => JSON.stringify(record)).join('\n') + '\n');
    const imported = await cli('import.ts', [file], dataDir);
    expect(imported.stderr).not.toMatch(/in use|locked/i);
    expect(imported.code, imported.stderr).toBe(0);
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ node(id: "${P}person") { name } }` }),
    });
    expect(((await response.json()) as { data: { node: { name: string } } }).data.node.name).toBe('Imported while the API ran');

    const out = path.join(dataDir, 'export.jsonl');
    const exported = await cli('export.ts', ['--from', `${P}person`, '--depth', '0', '--out', out], dataDir);
    expect(exported.code, exported.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toContain(`${P}person`);
  }, TEST_TIMEOUT_MS);

  it('ignores a record whose JVM is gone, and the record goes when the API stops', async () => {
    const running = await findRunningEmbeddedNeo4j(dataDir);
    expect(running?.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-join-stale-'));
    try {
      await writeFile(path.join(elsewhere, '.scam-atlas-running.json'), JSON.stringify({ uri: 'bolt://127.0.0.1:1', jvmPid: 2 ** 22 + 12345, ownerPid: 1 }));
      await writeFile(path.join(elsewhere, '.scam-atlas-password'), 'not-a-password\n');
      expect(await findRunningEmbeddedNeo4j(elsewhere)).toBeUndefined();
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
    await app.stop();
    await expect(stat(path.join(dataDir, '.scam-atlas-running.json'))).rejects.toThrow(/ENOENT/);
    expect(await findRunningEmbeddedNeo4j(dataDir)).toBeUndefined();
  }, TEST_TIMEOUT_MS);
});
