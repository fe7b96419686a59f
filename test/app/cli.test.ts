import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/config/index.js';

/** Runs a CLI entry point as `npm run <script>` would, and collects its output. */
function run(script: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'cli', script), ...args], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NEO4J_EMBEDDED_CDS: 'false', NEO4J_EMBEDDED_PREPARED_STORE: 'false', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the command-line tasks', () => {
  const neo4jEnv = () => {
    const target = inject('neo4j');
    return { NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password, LOG_LEVEL: 'warn' };
  };

  it('npm run seed loads the demo story into the configured database and says how much', async () => {
    const result = await run('seed.ts', neo4jEnv());
    expect(result.output).toMatch(/Demo story loaded into bolt:\/\/127\.0\.0\.1:\d+: \d+ entities, \d+ relationships\./);
    expect(result.code).toBe(0);
  }, 120_000);

  it('npm run migrate reports that every migration is already applied', async () => {
    const result = await run('migrate.ts', neo4jEnv());
    expect(result.output).toMatch(/Migrations applied: none; already applied: \d+/);
    expect(result.code).toBe(0);
  }, 120_000);

  it('exits 2 with the variable named when the configuration is bad', async () => {
    const result = await run('seed.ts', { ...neo4jEnv(), NEO4J_QUERY_TIMEOUT_MS: 'soon' });
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/NEO4J_QUERY_TIMEOUT_MS must be a number of milliseconds/);
  }, 120_000);

  it('exits 1 with one clear line when the database cannot be reached', async () => {
    const result = await run('migrate.ts', { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'x', LOG_LEVEL: 'silent' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1/);
    expect(result.output).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('npm run import -- --initial-load builds a new embedded database, then refuses to run over it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-cli-initial-'));
    try {
      const file = path.join(dataDir, 'input.jsonl');
      await writeFile(file, [
        JSON.stringify({ kind: 'Source', id: 'cli-source', name: 'Source' }),
        JSON.stringify({ kind: 'Person', id: 'cli-p', name: 'P', provenance: [{ source: 'cli-source', reliability: 'B', credibility: 2 }] }),
        '{"kind": "Person"',
      ].join('\n'));
      const env = { NEO4J_EMBEDDED_DATA_DIR: path.join(dataDir, 'neo4j'), NEO4J_EMBEDDED_BOLT_PORT: '0', NEO4J_EMBEDDED_HEAP: '512m', NEO4J_EMBEDDED_PAGECACHE: '128m', LOG_LEVEL: 'warn' };
      const first = await run('import.ts', env, ['--initial-load', file]);
      expect(first.output).toMatch(/Building the store with Neo4j's bulk importer/);
      expect(first.output).toMatch(/input\.jsonl:3: invalid JSON/);
      expect(first.output).toMatch(/entities 2 created, 0 updated, 0 unchanged; relationships 0 created.*1 rejected/);
      expect(first.code).toBe(1);
      const again = await run('import.ts', env, ['--initial-load', file]);
      expect(again.code).toBe(1);
      expect(again.output).toMatch(/already exists; an initial load builds a new one/);
      expect(again.output).not.toMatch(/\n\s+at /);
      const external = await run('import.ts', neo4jEnv(), ['--initial-load', file]);
      expect(external.code).toBe(2);
      expect(external.output).toMatch(/NEO4J_URI points at another Neo4j/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
