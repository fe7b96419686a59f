import { Writable } from 'node:stream';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/database/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { testConfig } from '../support/testApi.js';

/** A client's mistake is logged at info, without a stack; "error" is kept for our own faults. */
describe('logs of client mistakes', () => {
  const lines: Array<Record<string, unknown>> = [];
  let server: RunningServer;
  let db: Database;

  beforeAll(async () => {
    const config = testConfig();
    if (config.neo4j.mode !== 'external') throw new Error('test config must be external');
    const driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.username, config.neo4j.password), { disableLosslessIntegers: true });
    db = new Database(driver, { database: config.neo4j.database, queryTimeoutMs: config.queryTimeoutMs });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    server = await startServer({ config, db, logger: pino({ level: 'info' }, sink) });
  });
  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it('logs batched arrays, missing queries, unknown operations, CSRF refusals and bad bodies at info, never at error', async () => {
    const post = (body: string, contentType = 'application/json') => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const answers = await Promise.all([
      post(JSON.stringify([{ query: '{ __typename }' }])),
      post(JSON.stringify({ variables: {} })),
      post(JSON.stringify({ query: 'query A { __typename }', operationName: 'B' })),
      post(JSON.stringify({ query: '{ __typename }' }), 'text/plain'),
      post('{"query": '),
      fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`),
    ]);
    for (const answer of answers) expect(answer.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const PINO_ERROR = 50;
    expect(lines.filter((line) => Number(line['level']) >= PINO_ERROR)).toEqual([]);
    const badRequests = lines.filter((line) => line['msg'] === 'bad request');
    expect(badRequests.length).toBeGreaterThanOrEqual(6);
    for (const line of badRequests) {
      expect(line['level']).toBe(30);
      expect(JSON.stringify(line)).not.toMatch(/"stack"/);
    }
  });
});
