import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUND_TRIP_HEADER } from '../../src/server/index.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { mountExplorer } from '../../src/server/explorer.js';
import { ensureExplorerBuilt } from '../ui/browser.js';

const PREFIX = 'test-http:';

describe('the HTTP GraphQL endpoint', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Before the server starts: a build blocks this process, and a server that cannot answer meanwhile drops its idle sockets.
    ensureExplorerBuilt();
    api = await startTestApi({ corsOrigins: ['http://localhost:5173'] });
    await api.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n`, { prefix: PREFIX });
    await api.db.write(
      `CREATE (:Entity:Person {id: $a, name: 'Recruiter A', aliases: ['RA']}),
              (:Entity:Person {id: $b, name: 'Victim B', aliases: []}),
              (:Entity {id: $broken, name: 'has no kind label'})`,
      { a: `${PREFIX}a`, b: `${PREFIX}b`, broken: `${PREFIX}broken` },
    );
  });
  afterAll(async () => {
    await api.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n`, { prefix: PREFIX });
    await api.stop();
  });

  it('answers { __typename }', async () => {
    const response = await api.graphql('{ __typename }');
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ __typename: 'Query' });
  });

  it('reads an entity by id from Neo4j through the Entity interface and a typed fragment', async () => {
    const response = await api.graphql(
      `query ($id: ID!) { node(id: $id) { __typename id kind name ... on Person { aliases } } }`,
      { id: `${PREFIX}a` },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ node: { __typename: 'Person', id: `${PREFIX}a`, kind: 'PERSON', name: 'Recruiter A', aliases: ['RA'] } });
  });

  it('returns null for an unknown id', async () => {
    const response = await api.graphql(`{ node(id: "${PREFIX}nobody") { id } }`);
    expect(response.data).toEqual({ node: null });
  });

  it('returns nodes(ids) in the order asked, null where unknown, in one round trip', async () => {
    const response = await api.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id name } }`, {
      ids: [`${PREFIX}b`, `${PREFIX}missing`, `${PREFIX}a`],
    });
    expect(response.data).toEqual({
      nodes: [{ id: `${PREFIX}b`, name: 'Victim B' }, null, { id: `${PREFIX}a`, name: 'Recruiter A' }],
    });
    expect(response.headers.get(ROUND_TRIP_HEADER)).toBe('1');
  });

  it('refuses more than 100 ids with BAD_USER_INPUT naming the limit', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `${PREFIX}${i}`);
    const response = await api.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/at most 100 ids; got 101/);
  });

  it('masks an internal error and quotes the request id instead of a stack trace', async () => {
    const response = await api.graphql(`{ node(id: "${PREFIX}broken") { id } }`, undefined, { 'x-request-id': 'req-broken-1' });
    const error = response.errors?.[0];
    expect(error?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.extensions?.['requestId']).toBe('req-broken-1');
    expect(error?.message).toContain('req-broken-1');
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|at .*\.ts:\d+|entity labels/);
    expect(response.headers.get('x-request-id')).toBe('req-broken-1');
  });

  it('rejects a query for a field that does not exist with GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await api.graphql('{ nope }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toContain('nope');
  });

  it('rejects malformed JSON with a JSON error body that says what is expected', async () => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]?.message).toMatch(/not valid JSON/);
  });

  it('rejects a body over the size limit', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toMatch(/too large/);
  });

  it('answers CORS preflights for configured origins only', async () => {
    const allowed = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves /health, /ready, and at / the explorer (built by npm run build) with no script from elsewhere', async () => {
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'up' });
    const root = await fetch(`${api.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/explore');
    const explorer = await fetch(`${api.url}/explore`);
    const html = await explorer.text();
    expect(html).toMatch(/<script type="module"[^>]+src="\/ui\/assets\//);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    const asset = /src="(\/ui\/assets\/[^"]+)"/.exec(html)?.[1];
    const script = await fetch(`${api.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('without a built explorer, serves the offline landing page at / and says how to build the explorer', async () => {
    const app = express();
    mountExplorer(app, '/graphql', path.join(tmpdir(), 'scam-atlas-no-ui'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const landing = await fetch(`${base}/`);
      const html = await landing.text();
      expect(html).toContain('/graphql');
      expect(html).not.toMatch(/<script[^>]+src="https?:/);
      const explorer = await fetch(`${base}/explore`);
      expect(explorer.status).toBe(503);
      expect(await explorer.text()).toMatch(/npm run build/);
    } finally {
      server.close();
    }
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${api.url}/nowhere`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
