import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { descendants, freePort, isAlive, spawnApp, waitUntil, type AppProcess } from '../support/processes.js';

const START_TIMEOUT_MS = 150_000;
const TEST_TIMEOUT_MS = 240_000;

/** Apps started by a test; whatever a failed test leaves running is killed, JVM included. */
const started: AppProcess[] = [];
afterEach(() => {
  for (const app of started.splice(0)) {
    if (app.child.exitCode !== null || app.child.pid === undefined) continue;
    for (const p of descendants(app.child.pid)) if (isAlive(p.pid)) process.kill(p.pid, 'SIGKILL');
    app.child.kill('SIGKILL');
  }
});

function launch(env: Record<string, string>): AppProcess {
  const app = spawnApp(env);
  started.push(app);
  return app;
}

async function typename(port: number): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return response.json();
}

describe('npm start (src/main.ts) as a process', () => {
  it('stops with exit code 2 and names the variable when the configuration is bad', async () => {
    const app = launch({ PORT: 'eighty', NEO4J_EMBEDDED_HEAP: 'lots' });
    expect(await app.exited).toBe(2);
    expect(app.output()).toMatch(/PORT must be a whole number \(got "eighty"\)/);
    expect(app.output()).toMatch(/NEO4J_EMBEDDED_HEAP must be a size such as 512m or 4g/);
    expect(app.output()).not.toMatch(/\n\s+at /);
  }, TEST_TIMEOUT_MS);

  it('stops with one clear message when the HTTP port is already in use', async () => {
    const target = inject('neo4j');
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const app = launch({ PORT: String(port), NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password });
      expect(await app.exited).toBe(1);
      expect(app.output()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(app.output()).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, TEST_TIMEOUT_MS);

  it('uses NEO4J_URI when set and starts no JVM', async () => {
    const target = inject('neo4j');
    const port = await freePort();
    const app = launch({ PORT: String(port), NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password });
    try {
      await waitUntil(() => app.output().includes('Scam Atlas API ready'), START_TIMEOUT_MS, 'the API to be ready');
      expect(await typename(port)).toMatchObject({ data: { __typename: 'Query' } });
      expect(descendants(app.child.pid ?? -1).filter((p) => /java/.test(p.command))).toEqual([]);
      expect(app.output()).toMatch(/"mode":"external"/);
      // The demo story is never loaded into an external database by itself.
      expect(app.output()).not.toMatch(/demo story loaded/);
    } finally {
      app.child.kill('SIGTERM');
    }
    expect(await app.exited).toBe(0);
  }, TEST_TIMEOUT_MS);

  it('starts its own Neo4j by default, answers, and leaves no Java process behind after SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-lifecycle-'));
    const port = await freePort();
    const app = launch({
      PORT: String(port),
      NEO4J_EMBEDDED_DATA_DIR: dataDir,
      NEO4J_EMBEDDED_BOLT_PORT: '0',
      NEO4J_EMBEDDED_HEAP: '512m',
      NEO4J_EMBEDDED_PAGECACHE: '256m',
      // The story's victims exist for analysts and above, not for the default anonymous viewer.
      AUTH_ANONYMOUS_ROLE: 'analyst',
    });
    let javaPids: number[] = [];
    try {
      await waitUntil(() => app.output().includes('Scam Atlas API ready') || app.child.exitCode !== null, START_TIMEOUT_MS, 'the API to be ready');
      expect(app.output()).toContain('Scam Atlas API ready');
      expect(await typename(port)).toMatchObject({ data: { __typename: 'Query' } });
      // The empty embedded database got the demo story at first start.
      expect(app.output()).toMatch(/demo story loaded into the empty embedded database/);
      const story = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ node(id: "person:ug-victim-1") { ... on Person { journey { seq } } } }' }),
      });
      expect(await story.json()).toMatchObject({ data: { node: { journey: [{ seq: 1 }, { seq: 2 }, { seq: 3 }, { seq: 4 }] } } });
      javaPids = descendants(app.child.pid ?? -1).filter((p) => /java/.test(p.command)).map((p) => p.pid);
      expect(javaPids.length).toBe(1);
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
      await waitUntil(() => javaPids.every((pid) => !isAlive(pid)), 30_000, 'the JVM to exit');
    } finally {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
      for (const pid of javaPids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, TEST_TIMEOUT_MS);
});
