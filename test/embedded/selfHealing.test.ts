import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { isAlive, waitUntil } from '../support/processes.js';
import { embeddedTestConfig } from '../support/testApi.js';

/**
 * Its own embedded Neo4j and API on a temporary folder (not the run's shared database: this test
 * kills it). A mixed read/write load runs through the HTTP API while the JVM is killed with SIGKILL.
 */
const TEST_TIMEOUT_MS = 120 * 1000;
const RECOVERY_TIMEOUT_MS = 75 * 1000;
/** While the database is down, every answer must come within this long. */
const DOWN_ANSWER_MS = 1000;
const WORKERS = 4;
const SOURCE = 'source:interpol-2025-trafficking-fraud-statement';

interface Outcome {
  kind: 'read' | 'write';
  id?: string;
  startedAt: number;
  ms: number;
  status: number;
  code?: string;
  retryAfter: string | null;
  acknowledged: boolean;
}

describe('the embedded Neo4j killed under load', () => {
  let dataDir: string;
  let app: App;
  const logLines: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-heal-'));
    const config = embeddedTestConfig(dataDir, { startTimeoutMs: 90_000 });
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
    app = await startApp(config, logger);
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, TEST_TIMEOUT_MS);

  async function post(query: string, variables: Record<string, unknown>): Promise<{ status: number; retryAfter: string | null; body: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> } }> {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as never };
  }

  async function worker(index: number, outcomes: Outcome[], running: () => boolean): Promise<void> {
    for (let n = 0; running(); n++) {
      const write = n % 2 === 0;
      const id = `person:heal-${index}-${n}`;
      const startedAt = Date.now();
      const { status, retryAfter, body } = write
        ? await post(
            `mutation ($input: PersonInput!) { upsertPerson(input: $input) { id } }`,
            { input: { id, name: `Healing test person ${index}-${n}`, illustrative: true, pseudonymous: true, roles: ['RECRUITER'], provenance: [{ source: SOURCE, reliability: 'A', credibility: 3 }] } },
          )
        : await post('query ($id: ID!) { node(id: $id) { id name } }', { id: 'person:ug-victim-1' });
      const acknowledged = status === 200 && !body.errors && (write ? (body.data?.['upsertPerson'] as { id?: string } | null)?.id === id : body.data?.['node'] != null);
      outcomes.push({ kind: write ? 'write' : 'read', id: write ? id : undefined, startedAt, ms: Date.now() - startedAt, status, code: body.errors?.[0]?.extensions?.code, retryAfter, acknowledged });
      // A client that was told to retry later waits a little, as a polite one would.
      if (!acknowledged) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('answers 503 at once while it is down, starts it again by itself, and keeps every acknowledged write', async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    const load = Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i, outcomes, () => running)));
    try {
      await waitUntil(() => outcomes.filter((o) => o.acknowledged && o.kind === 'write').length >= 20, 30_000, 'writes to succeed before the kill');

      const oldPid = app.connection.embedded?.pid ?? -1;
      expect(isAlive(oldPid)).toBe(true);
      const killedAt = Date.now();
      process.kill(oldPid, 'SIGKILL');

      // /ready says what is going on, without waiting for the database.
      await waitUntil(async () => (await fetch(`${app.url}/ready`)).status === 503, 5_000, '/ready to say unavailable');
      const ready = await fetch(`${app.url}/ready`);
      expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
      const readyBody = (await ready.json()) as { status: string; database: string; lastError?: string };
      expect(readyBody.status).toBe('unavailable');
      expect(['down', 'restarting']).toContain(readyBody.database);

      await waitUntil(async () => (await fetch(`${app.url}/ready`)).status === 200, RECOVERY_TIMEOUT_MS, 'the database to come back');
      const recoveredAt = Date.now();
      const newPid = app.connection.embedded?.pid ?? -1;
      expect(newPid).not.toBe(oldPid);
      expect(isAlive(newPid)).toBe(true);
      // Some load after the recovery: it must succeed again, reads and writes.
      await waitUntil(
        () => outcomes.filter((o) => o.startedAt > recoveredAt && o.acknowledged).length >= 2 * WORKERS,
        15_000,
        'requests to succeed after the recovery',
      );

      running = false;
      await load;

      const whileDown = outcomes.filter((o) => o.startedAt > killedAt && o.startedAt < recoveredAt && !o.acknowledged);
      expect(whileDown.length).toBeGreaterThan(0);
      for (const outcome of whileDown) {
        expect(outcome).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: expect.stringMatching(/^\d+$/) });
        expect(outcome.ms).toBeLessThan(DOWN_ANSWER_MS);
      }
      // In flight at the kill: told at once too (the driver would have retried for 30 s).
      const inFlight = outcomes.filter((o) => o.startedAt <= killedAt && o.startedAt + o.ms > killedAt && !o.acknowledged);
      for (const outcome of inFlight) expect(outcome.startedAt + outcome.ms - killedAt).toBeLessThan(DOWN_ANSWER_MS);

      const acknowledged = outcomes.filter((o) => o.kind === 'write' && o.acknowledged).map((o) => o.id);
      const { records } = await app.connection.db.read<{ found: number }>('MATCH (p:Person) WHERE p.id IN $ids RETURN count(p) AS found', { ids: acknowledged });
      expect(records[0]?.get('found')).toBe(acknowledged.length);

      const messages = logLines.map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toContain('embedded Neo4j exited unexpectedly');
      expect(messages).toContain('starting the embedded Neo4j again');
      expect(messages).toContain('database available again');
    } finally {
      running = false;
      await load;
    }
  }, TEST_TIMEOUT_MS);
});
