import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';

/** graphql-http's server audit has 23 SHOULDs; two may fail (see the README's "Endpoints"). */
const SHOULD_TOTAL = 23;
const SHOULD_MIN_PASSING = 21;

describe('GraphQL over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  const post = async (body: unknown, accept: string) => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
    return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
  };

  it('passes every MUST and at least 21 of the 23 SHOULDs of graphql-http\'s auditServer', async () => {
    const results = await auditServer({ url: `${api.url}/graphql` });
    const failures = await Promise.all(
      results.filter((result) => result.status !== 'ok').map(async (result) => `${result.name} [${result.id}]: ${'reason' in result ? result.reason : ''} (HTTP ${'response' in result ? result.response.status : '?'})`),
    );
    const musts = results.filter((result) => result.name.startsWith('MUST'));
    const shoulds = results.filter((result) => result.name.startsWith('SHOULD'));
    const failing = (list: typeof results) => list.filter((result) => result.status !== 'ok').map((result) => result.name);
    const report = `\n${failures.join('\n')}`;
    if (process.env['AUDIT_REPORT']) process.stdout.write(`auditServer: ${results.length} audits; not ok:${report}\n`);
    expect(musts.length, report).toBeGreaterThan(0);
    expect(failing(musts), report).toEqual([]);
    expect(shoulds.length, report).toBe(SHOULD_TOTAL);
    expect(shoulds.filter((result) => result.status === 'ok').length, report).toBeGreaterThanOrEqual(SHOULD_MIN_PASSING);
  });

  it.each([
    ['a parse failure', { query: '{' }, 'GRAPHQL_PARSE_FAILED'],
    ['a validation failure', { query: '{ noSuchField }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a variable-coercion failure', { query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id: { not: 'an id' } } }, 'BAD_USER_INPUT'],
    ['an operation over a limit', { query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ')} }` }, 'QUERY_TOO_COMPLEX'],
  ])('answers %s 200 with errors to a client that accepts only application/json, 400 otherwise', async (_what, body, code) => {
    const json = await post(body, 'application/json');
    expect(json.status).toBe(200);
    expect(json.contentType).toMatch(/^application\/json/);
    expect(json.body.data).toBeUndefined();
    expect(json.body.errors?.[0]?.extensions?.code).toBe(code);
    for (const accept of ['application/graphql-response+json', 'application/graphql-response+json, application/json', '*/*']) {
      expect({ accept, status: (await post(body, accept)).status }).toEqual({ accept, status: 400 });
    }
  });

  it('keeps 400 for a request that is not GraphQL at all, whatever the client accepts', async () => {
    expect((await post({ variables: {} }, 'application/json')).status).toBe(400);
  });
});
