import net from 'node:net';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/database/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { startTestApi, testConfig, type TestApi } from '../support/testApi.js';

/** A port on which nothing listens: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('when Neo4j is unreachable', () => {
  let server: RunningServer;
  let db: Database;

  beforeAll(async () => {
    const port = await closedPort();
    const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', 'x'), {
      connectionTimeout: 1000,
      maxTransactionRetryTime: 500,
    });
    db = new Database(driver, { database: undefined, queryTimeoutMs: 1000 });
    server = await startServer({ config: testConfig(), db, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it('reports /health ok but /ready 503', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', database: 'down' });
  });

  it('answers a query with DATABASE_UNAVAILABLE, not a stack trace or a hang', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ node(id: "x") { id } }' }),
    });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.errors[0]?.message).toMatch(/retry later/);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('while the supervisor knows the database is down', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    api.db.health.markUp();
    await api.stop();
  });

  it('answers a query with 503, DATABASE_UNAVAILABLE and Retry-After at once, without waiting for the driver', async () => {
    api.db.health.markDown('the embedded Neo4j (pid 1) was killed by SIGKILL', Date.now() + 5_000);
    try {
      const started = performance.now();
      const response = await api.graphql('{ node(id: "person:ug-victim-1") { id } }');
      expect(performance.now() - started).toBeLessThan(500);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.errors?.[0]?.extensions?.['code']).toBe('DATABASE_UNAVAILABLE');
      expect(response.errors?.[0]?.message).toMatch(/retry later/);
    } finally {
      api.db.health.markUp();
    }
  });

  it('says on /ready what is being done about it, and is ready again once it is back', async () => {
    api.db.health.markDown('the embedded Neo4j (pid 1) was killed by SIGKILL', Date.now() + 3_000);
    try {
      const down = await fetch(`${api.url}/ready`);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('3');
      expect(await down.json()).toMatchObject({ status: 'unavailable', database: 'down', attempt: 0, lastError: 'the embedded Neo4j (pid 1) was killed by SIGKILL', retryAfterSeconds: 3 });
      api.db.health.markRestarting(2);
      expect(await (await fetch(`${api.url}/ready`)).json()).toMatchObject({ status: 'unavailable', database: 'restarting', attempt: 2 });
    } finally {
      api.db.health.markUp();
    }
    const up = await fetch(`${api.url}/ready`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ready', database: 'up' });
  });
});
