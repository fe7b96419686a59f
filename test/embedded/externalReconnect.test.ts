import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { DEFAULT_OPERATION_LIMITS, type Config } from '../../src/config/index.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/database/embedded/index.js';
import { waitUntil } from '../support/processes.js';

/**
 * Against an external NEO4J_URI the API cannot start the database again; it keeps asking. Here the
 * "external" Neo4j is one this test starts on a temporary folder, kills with SIGKILL, and later starts
 * again on the same folder and port, as an operator or a service manager would: the API says 503 at
 * once meanwhile, and answers again by itself when the database is back — no restart of the API.
 */
const TEST_TIMEOUT_MS = 240 * 1000;
const DOWN_ANSWER_MS = 1000;

describe('an external Neo4j that goes away and comes back', () => {
  let dataDir: string;
  let neo4j: EmbeddedNeo4j;
  let app: App;
  const logLines: string[] = [];
  const silent = pino({ level: 'silent' });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-external-'));
    neo4j = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap: '512m', pageCache: '256m', startTimeoutMs: 120_000, logger: silent });
    const config: Config = {
      http: { host: '127.0.0.1', port: 0, corsOrigins: false, introspection: true },
      logLevel: 'info',
      neo4j: { mode: 'external', uri: neo4j.uri, username: neo4j.username, password: neo4j.password, database: undefined },
      queryTimeoutMs: 15_000,
      bulkTimeoutMs: 120_000,
      requestTimeoutMs: 60_000,
      shutdownTimeoutMs: 2_000,
      lookAhead: true, oneStatementWrites: true, mutationsTogether: true,
      executor: 'compiled',
      httpPipeline: 'direct',
      auth: { anonymousRole: 'admin' },
      limits: { ...DEFAULT_OPERATION_LIMITS, costPointsPerMinute: 0 },
    };
    app = await startApp(config, pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }));
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await app?.stop();
    await neo4j?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, TEST_TIMEOUT_MS);

  async function upsert(id: string): Promise<{ status: number; ms: number; code?: string; retryAfter: string | null; ok: boolean }> {
    const started = Date.now();
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: SourceInput!) { upsertSource(input: $input) { id } }',
        variables: { input: { id, name: `Reconnect test ${id}`, defaultReliability: 'B' } },
      }),
    });
    const body = (await response.json()) as { data?: { upsertSource?: { id: string } | null } | null; errors?: Array<{ extensions?: { code?: string } }> };
    return { status: response.status, ms: Date.now() - started, code: body.errors?.[0]?.extensions?.code, retryAfter: response.headers.get('retry-after'), ok: body.data?.upsertSource?.id === id };
  }

  it('answers 503 at once while the database is gone and answers again when it is back, with the writes acknowledged before', async () => {
    const before = await upsert('source:reconnect-before');
    expect(before.ok).toBe(true);

    const port = neo4j.boltPort;
    process.kill(neo4j.pid, 'SIGKILL');

    // The first statement after the loss finds the connection gone; from then on the API knows.
    await waitUntil(async () => (await fetch(`${app.url}/ready`)).status === 503, 20_000, '/ready to say unavailable');
    const whileDown = await upsert('source:reconnect-while-down');
    expect(whileDown).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: expect.stringMatching(/^\d+$/), ok: false });
    expect(whileDown.ms).toBeLessThan(DOWN_ANSWER_MS);

    // Back on the same folder and port, started by someone else: the API notices by itself.
    neo4j = await startEmbeddedNeo4j({ dataDir, boltPort: port, heap: '512m', pageCache: '256m', startTimeoutMs: 120_000, logger: silent });
    await waitUntil(async () => (await fetch(`${app.url}/ready`)).status === 200, 90_000, 'the API to reach the database again');
    const after = await upsert('source:reconnect-after');
    expect(after.ok).toBe(true);

    const { records } = await app.connection.db.read<{ ids: string[] }>('MATCH (s:Source) WHERE s.id STARTS WITH "source:reconnect-" RETURN collect(s.id) AS ids', {});
    expect([...(records[0]?.get('ids') ?? [])].sort()).toEqual(['source:reconnect-after', 'source:reconnect-before']);
    const messages = logLines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain('database available again');
    expect(messages).not.toContain('starting the embedded Neo4j again');
  }, TEST_TIMEOUT_MS);
});
