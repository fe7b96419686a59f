import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET_FILE } from '../../src/auth/index.js';
import { projectRoot, type Config } from '../../src/config/index.js';
import { Database } from '../../src/database/index.js';
import { startServer } from '../../src/server/index.js';
import { embeddedTestNeo4j, startTestApi, testConfig } from '../support/testApi.js';
import { bearer, TEST_SECRET, typename } from './support.js';

/** Runs `npm run token -- ...` as npm would, and collects stdout and stderr apart. */
function token(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'cli', 'token.ts'), ...args], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NEO4J_EMBEDDED_CDS: 'false', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const UNLINK = 'mutation { unlink(id: "test-auth-cli:none") { removed } }';

describe('npm run token', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-token-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('mints a token with AUTH_JWT_SECRET that the API accepts, with the role asked for', async () => {
    const api = await startTestApi({}, undefined, { auth: { anonymousRole: 'none', jwtSecret: TEST_SECRET } });
    try {
      const editor = await token(['--role', 'editor', '--subject', 'alice', '--ttl', '8h'], { AUTH_JWT_SECRET: TEST_SECRET });
      expect(editor.stderr).toBe('');
      expect(editor.code).toBe(0);
      expect(editor.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect((await api.graphql(UNLINK, undefined, bearer(editor.stdout.trim()))).status).toBe(200);
      const analyst = await token(['--role', 'analyst', '--subject', 'alice'], { AUTH_JWT_SECRET: TEST_SECRET });
      expect((await typename(api, bearer(analyst.stdout.trim()))).status).toBe(200);
      expect((await api.graphql(UNLINK, undefined, bearer(analyst.stdout.trim()))).status).toBe(403);
    } finally {
      await api.stop();
    }
  }, 60_000);

  it('on the embedded default, generates the signing secret beside the Neo4j password (0600), reuses it, and the API accepts its tokens', async () => {
    const env = { NEO4J_EMBEDDED_DATA_DIR: dataDir };
    const first = await token(['--role', 'investigator', '--subject', 'alice', '--ttl', '8h'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const file = path.join(dataDir, SIGNING_SECRET_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const secret = await readFile(file, 'utf8');
    expect(secret.trim()).toMatch(/^[\w-]{43}$/);
    const second = await token(['--role', 'editor', '--subject', 'bob'], env);
    expect(second.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(secret);

    // The API on the embedded default (its data folder: dataDir) reads the same file.
    const base = testConfig({}, undefined, { auth: { anonymousRole: 'none' } });
    if (base.neo4j.mode !== 'external') throw new Error('test config must be external');
    const driver = neo4j.driver(base.neo4j.uri, neo4j.auth.basic(base.neo4j.username, base.neo4j.password), { disableLosslessIntegers: true });
    const config: Config = { ...base, neo4j: embeddedTestNeo4j(dataDir, { database: base.neo4j.database }) };
    const server = await startServer({ config, db: new Database(driver, { database: base.neo4j.database, queryTimeoutMs: 15_000 }), logger: pino({ level: 'silent' }) });
    try {
      const call = (query: string, jwt: string) =>
        fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(jwt) }, body: JSON.stringify({ query }) });
      expect((await call('{ __typename }', first.stdout.trim())).status).toBe(200);
      expect((await call(UNLINK, first.stdout.trim())).status).toBe(403);
      expect((await call(UNLINK, second.stdout.trim())).status).toBe(200);
    } finally {
      await server.stop();
      await driver.close();
    }
  }, 60_000);

  it.each([
    [['--role', 'boss', '--subject', 'alice'], /--role must be one of viewer, analyst, investigator, editor, admin \(got "boss"\)/],
    [['--subject', 'alice'], /--role must be one of/],
    [['--role', 'viewer'], /--subject must name who the token is for/],
    [['--role', 'viewer', '--subject', 'alice', '--ttl', 'forever'], /--ttl must be a duration such as 30m, 8h or 7d, at most 30d \(got "forever"\)/],
    [['--role', 'viewer', '--subject', 'alice', '--ttl', '31d'], /at most 30d/],
    [['--role', 'viewer', '--subject', 'alice', '--colour', 'red'], /Unknown option '--colour'/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const result = await token(args, { AUTH_JWT_SECRET: TEST_SECRET });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Usage: npm run -s token/);
  }, 30_000);

  it('refuses to mint when tokens come from an identity provider, or when there is no secret', async () => {
    const jwks = await token(['--role', 'viewer', '--subject', 'a'], { AUTH_JWKS_URL: 'https://idp.example.org/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' });
    expect(jwks.code).toBe(2);
    expect(jwks.stderr).toMatch(/tokens come from your identity provider/);
    const external = await token(['--role', 'viewer', '--subject', 'a'], { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'x' });
    expect(external.code).toBe(2);
    expect(external.stderr).toMatch(/set AUTH_JWT_SECRET/);
  }, 30_000);
});
