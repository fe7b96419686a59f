import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Requests built to hurt (issue 12): each is refused cleanly — a 4xx with a coded error, never a
 * 5xx — in well under a second, and the server answers a normal query afterwards. Documents are
 * built from the schema's own cycles (an entity's relationships lead to entities with relationships).
 */
const PREFIX = 'test-hostile:';
const REFUSED_WITHIN_MS = 1000;

interface Answer {
  status: number;
  ms: number;
  headers: Headers;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
}

describe('hostile requests', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await api.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n`, { prefix: PREFIX });
    // A small dense cluster: every request below would fan out through it if it were run.
    await api.db.write(
      `UNWIND range(0, 9) AS i CREATE (:Entity:Person {id: $prefix + i, name: 'P' + i, aliases: [], roles: [], sourceIds: []})
       WITH count(*) AS made
       MATCH (a:Person), (b:Person) WHERE a.id STARTS WITH $prefix AND b.id STARTS WITH $prefix AND a.id < b.id
       CREATE (a)-[:ASSOCIATED_WITH {id: a.id + '>' + b.id, sourceIds: []}]->(b)`,
      { prefix: PREFIX },
    );
  });
  afterAll(async () => {
    await api.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n`, { prefix: PREFIX });
    await api.stop();
  });

  async function send(init: RequestInit & { path?: string }): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(`${api.url}${init.path ?? '/graphql'}`, init);
    const text = await response.text();
    const ms = performance.now() - started;
    let body: Answer['body'];
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      throw new Error(`not JSON (status ${response.status}): ${text.slice(0, 200)}`);
    }
    return { status: response.status, ms, headers: response.headers, body };
  }
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  /** Refused: a 4xx, the expected code, quickly — and the server still answers. */
  async function expectRefused(answer: Answer, status: number, code: string): Promise<void> {
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body.errors?.[0]?.extensions?.['code'], JSON.stringify(answer.body)).toBe(code);
    expect(answer.ms).toBeLessThan(REFUSED_WITHIN_MS);
    const after = await post({ query: `{ node(id: "${PREFIX}0") { id } }` });
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual({ node: { id: `${PREFIX}0` } });
  }

  function nested(levels: number, first = 2): string {
    let selection = '{ id }';
    for (let i = 0; i < levels; i++) selection = `{ id relationships(first: ${first}) { edges { other ${selection} } } }`;
    return `{ node(id: "${PREFIX}0") ${selection} }`;
  }

  it('refuses relationships nested 20 deep with QUERY_TOO_COMPLEX naming the depth and the cost', async () => {
    const answer = await post({ query: nested(20) });
    await expectRefused(answer, 400, 'QUERY_TOO_COMPLEX');
    const error = answer.body.errors![0]!;
    expect(error.extensions).toMatchObject({ limit: 'depth', max: 20 });
    expect(error.message).toMatch(/depth is \d+, the limit is 20 \(estimated cost \d+\)/);
  });

  it('refuses pages of 100 nested four deep on their cost, though shallow enough', async () => {
    const query = `{ people(first: 100) { edges { node { relationships(first: 100) { edges { other { relationships(first: 100) { edges { other { id } } } } } } } } } }`;
    const answer = await post({ query });
    await expectRefused(answer, 400, 'QUERY_TOO_COMPLEX');
    expect(answer.body.errors![0]!.extensions).toMatchObject({ limit: 'cost', max: 200_000 });
    expect(answer.body.errors![0]!.extensions!['value']).toBeGreaterThan(1_000_000);
  });

  it('refuses page sizes given as variables on their cost', async () => {
    const query = `query ($n: Int) { people(first: $n) { edges { node { relationships(first: $n) { edges { other { relationships(first: $n) { edges { other { id } } } } } } } } } }`;
    await expectRefused(await post({ query, variables: { n: 100 } }), 400, 'QUERY_TOO_COMPLEX');
    const small = await post({ query, variables: { n: 2 } });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
  });

  it('refuses an alias flood of 500 node lookups', async () => {
    const query = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: node(id: "${PREFIX}${i % 10}") { id }`).join(' ')} }`;
    const answer = await post({ query });
    await expectRefused(answer, 400, 'QUERY_TOO_COMPLEX');
    expect(answer.body.errors![0]!.extensions!['limit']).toMatch(/tokens|aliases/);
  });

  it('refuses 31 aliases under the token limit, naming the aliases limit', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: node(id: "x") { id }`).join(' ')} }`;
    const answer = await post({ query });
    await expectRefused(answer, 400, 'QUERY_TOO_COMPLEX');
    expect(answer.body.errors![0]!.extensions).toMatchObject({ limit: 'aliases', value: 31, max: 30 });
  });

  it('refuses 100 aliased neighbourhoods', async () => {
    const query = `{ ${Array.from({ length: 100 }, (_, i) => `n${i}: neighbourhood(id: "${PREFIX}0", limit: 500) { nodes { id } }`).join(' ')} }`;
    await expectRefused(await post({ query }), 400, 'QUERY_TOO_COMPLEX');
  });

  it('refuses more root fields than the limit, even through fragments', async () => {
    const fields = Array.from({ length: 21 }, () => `__typename`).join(' ');
    const answer = await post({ query: `{ ...F } fragment F on Query { ${fields} }` });
    await expectRefused(answer, 400, 'QUERY_TOO_COMPLEX');
    expect(answer.body.errors![0]!.extensions).toMatchObject({ limit: 'rootFields', value: 21 });
  });

  it('answers a few duplicated fields (they merge) and refuses a flood of them in validation', async () => {
    const few = await post({ query: `{ node(id: "${PREFIX}0") { ${'id '.repeat(100)} } }` });
    expect(few.status, JSON.stringify(few.body)).toBe(200);
    expect(few.body.data).toEqual({ node: { id: `${PREFIX}0` } });
    // graphql-js meters its field-merging check and gives up ("Validation aborted.") rather than go quadratic.
    const flood = await post({ query: `{ node(id: "${PREFIX}0") { ${'id '.repeat(1500)} } }` });
    await expectRefused(flood, 400, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses duplicated nested selections on the token limit before validation gets slow', async () => {
    const answer = await post({ query: `{ node(id: "${PREFIX}0") { ${'relationships { edges { other { id } } } '.repeat(400)} } }` });
    await expectRefused(answer, 400, 'QUERY_TOO_COMPLEX');
    expect(answer.body.errors![0]!.extensions).toMatchObject({ limit: 'tokens', max: 2000 });
  });

  it('refuses a fragment cycle with a validation error', async () => {
    const answer = await post({ query: `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }` });
    await expectRefused(answer, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors![0]!.message).toMatch(/within itself/);
  });

  it('measures a fragment that spreads another twice, ten levels down, without expanding it', async () => {
    const fragments = Array.from({ length: 10 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const answer = await post({ query: `{ ...F0 } ${fragments} fragment F10 on Query { node(id: "x") { id } }` });
    await expectRefused(answer, 400, 'QUERY_TOO_COMPLEX');
    expect(answer.body.errors![0]!.extensions).toMatchObject({ limit: 'rootFields', value: 1024 });
  });

  it('refuses a directive flood', async () => {
    const answer = await post({ query: `{ __typename ${'@include(if: true) '.repeat(60)} }` });
    await expectRefused(answer, 400, 'QUERY_TOO_COMPLEX');
    expect(answer.body.errors![0]!.extensions).toMatchObject({ limit: 'directives', value: 60 });
  });

  it('refuses a token flood naming the token limit', async () => {
    const answer = await post({ query: `{ __typename ${'__typename '.repeat(5000)} }` });
    await expectRefused(answer, 400, 'QUERY_TOO_COMPLEX');
    expect(answer.body.errors![0]!.message).toMatch(/more than 2000 tokens/);
  });

  it('refuses a batched array with BAD_REQUEST saying to send one operation', async () => {
    const answer = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    await expectRefused(answer, 400, 'BAD_REQUEST');
    expect(answer.body.errors![0]!.message).toMatch(/Batched requests .* not accepted.*Send one operation/);
  });

  it('refuses a missing or non-string query with BAD_REQUEST', async () => {
    const missing = await post({ variables: {} });
    await expectRefused(missing, 400, 'BAD_REQUEST');
    expect(missing.body.errors![0]!.message).toMatch(/no `query`/);
    const number = await post({ query: 42 });
    await expectRefused(number, 400, 'BAD_REQUEST');
    expect(number.body.errors![0]!.message).toMatch(/`query` must be a string/);
    const object = await post({ query: { kind: 'Document' } });
    await expectRefused(object, 400, 'BAD_REQUEST');
  });

  it('refuses an unknown operationName with BAD_REQUEST', async () => {
    const answer = await post({ query: 'query A { __typename } query B { __typename }', operationName: 'C' });
    await expectRefused(answer, 400, 'BAD_REQUEST');
    expect(answer.body.errors![0]!.message).toMatch(/Unknown operation named "C".*operationName that the document defines/);
  });

  it('refuses an oversized body with 413 and BAD_REQUEST', async () => {
    const answer = await post({ query: '{ __typename }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    await expectRefused(answer, 413, 'BAD_REQUEST');
  });

  it('refuses an invalid UTF-8 body with 400 instead of running it with U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"query":"{ node(id: \\"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\\") { id } }"}')]);
    const answer = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await expectRefused(answer, 400, 'BAD_REQUEST');
    expect(answer.body.errors![0]!.message).toMatch(/not valid UTF-8/);
  });

  it('refuses CSRF-style simple requests with BAD_REQUEST saying which header to send', async () => {
    const form = await send({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    const get = await send({ method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}` });
    await expectRefused(get, 400, 'BAD_REQUEST');
    expect(get.body.errors![0]!.message).toMatch(/Cross-Site Request Forgery.*apollo-require-preflight: true/);
  });

  it('answers a GET query that shows it is not a simple request', async () => {
    const url = `/graphql?query=${encodeURIComponent(`query ($id: ID!) { node(id: $id) { id } }`)}&variables=${encodeURIComponent(JSON.stringify({ id: `${PREFIX}1` }))}`;
    const answer = await send({ method: 'GET', path: url, headers: { 'apollo-require-preflight': 'true' } });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ node: { id: `${PREFIX}1` } });
    const json = await send({ method: 'GET', path: url, headers: { 'content-type': 'application/json' } });
    expect(json.body.data).toEqual({ node: { id: `${PREFIX}1` } });
  });

  it('refuses type-confused variables with BAD_USER_INPUT', async () => {
    const query = 'query ($first: Int, $ids: [ID!]!) { nodes(ids: $ids) { id } people(first: $first) { totalCount } }';
    for (const variables of [{ first: 'many', ids: [] }, { first: { $gt: 1 }, ids: [] }, { first: 1e12, ids: [] }, { first: 1, ids: [{}] }]) {
      const answer = await post({ query, variables });
      expect(answer.status, JSON.stringify(variables)).toBeLessThan(500);
      expect(answer.status, JSON.stringify(variables)).toBeGreaterThanOrEqual(400);
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(answer.ms).toBeLessThan(REFUSED_WITHIN_MS);
    }
    const nonObject = await post({ query, variables: '[1,2]' });
    expect(nonObject.status).toBe(400);
  });

  it('reports what an allowed request cost in extensions.cost', async () => {
    const answer = await post({ query: `{ node(id: "${PREFIX}0") { id relationships(first: 5) { edges { other { id } } } } }` });
    expect(answer.status).toBe(200);
    expect(answer.body.extensions?.['cost']).toEqual({ requested: 11, limit: 200_000 });
  });

  it('puts security headers and Cache-Control: no-store on answers, and a strict policy on the explorer\'s pages', async () => {
    const answer = await post({ query: '{ __typename }' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    // The explorer's pages allow module workers from 'self' (its layout, GraphiQL's editor), nothing else.
    const explorer = await fetch(`${api.url}/explore`);
    const policy = explorer.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/worker-src 'self'(;|$)/);
    expect(policy).toMatch(/connect-src 'self'/);
    expect(policy).not.toMatch(/https?:|unsafe-eval/);
  });
});

describe('field suggestions', () => {
  it('are given with introspection on and withheld with it off', async () => {
    const open = await startTestApi({ introspection: true });
    const closed = await startTestApi({ introspection: false });
    try {
      const withHints = await open.graphql('{ nod(id: "x") { id } }');
      expect(withHints.errors?.[0]?.message).toMatch(/Did you mean/);
      const without = await closed.graphql('{ nod(id: "x") { id } }');
      expect(without.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(without.errors?.[0]?.message).not.toMatch(/Did you mean/);
    } finally {
      await open.stop();
      await closed.stop();
    }
  });
});

describe('the per-client cost budget', () => {
  it('answers 429 with Retry-After and RATE_LIMITED once a client has spent its points, and reports what is left', async () => {
    const api = await startTestApi({}, undefined, { limits: { ...(await import('../../src/config/index.js')).DEFAULT_OPERATION_LIMITS, costPointsPerMinute: 100 } });
    try {
      const query = '{ people(first: 20) { totalCount } }'; // cost 20
      const first = await api.graphql(query);
      expect(first.status).toBe(200);
      const body = first as unknown as { extensions?: Record<string, unknown> };
      expect(body.extensions?.['cost']).toEqual({ requested: 20, limit: 200_000, pointsPerMinute: 100, remaining: 80 });
      let refused;
      for (let i = 0; i < 10 && !refused; i++) {
        const answer = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        if (answer.status === 429) refused = answer;
      }
      expect(refused).toBeDefined();
      expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const error = ((await refused!.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> }).errors[0]!;
      expect(error.extensions['code']).toBe('RATE_LIMITED');
      expect(error.message).toMatch(/costs 20 points.*retry after \d+ s/);
    } finally {
      await api.stop();
    }
  });
});
