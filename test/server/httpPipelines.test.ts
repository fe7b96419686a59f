import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS, DEFAULT_ROLE_CLAIM, MAX_REQUEST_BODY_BYTES } from '../../src/config/index.js';
import { mintToken } from '../../src/auth/mintToken.js';
import { carriedDirectly } from '../../src/server/directGraphQL.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * The direct path (HTTP_PIPELINE=direct, the default) against Express, the reference: the same
 * generated requests — good and bad bodies, media types, charsets, encodings, tokens, origins,
 * accept headers, limits, sizes, paths — sent to both servers, one after the other, must get the
 * same status, headers and bytes. Each request carries its own X-Request-Id, so the ids match too.
 */

const P = 'test-http-pipelines:';
const SECRET = 'http-pipelines-test-secret-0123456789abcdef';
const ORIGIN = 'http://localhost:5173';
/** Headers that differ between any two answers (the clock, the socket). */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive']);

interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** Send without Content-Length (Node then sends the body chunked). */
  chunked?: boolean;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

function send(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const url = new URL(request.path, baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined && !request.chunked) headers['content-length'] = request.body.length;
    const req = http.request(url, { method: request.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const kept: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !PER_CONNECTION.has(name)) kept[name] = value;
        resolve({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** A small deterministic generator (mulberry32), so a failure names a seed that replays it. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a GraphQL POST on the direct path and on Express', () => {
  let direct: TestApi;
  let reference: TestApi;
  let tokens: { viewer: string; editor: string; expired: string };

  beforeAll(async () => {
    // No rate limit here: a budget refills by the millisecond, so what is left of it differs between
    // two servers asked a moment apart (the refusal is compared on its own, below).
    const options = { auth: { anonymousRole: 'viewer' as const, jwtSecret: SECRET } };
    direct = await startTestApi({ corsOrigins: [ORIGIN] }, undefined, { ...options, httpPipeline: 'direct' });
    reference = await startTestApi({ corsOrigins: [ORIGIN] }, undefined, { ...options, httpPipeline: 'express' });
    await direct.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n`, { prefix: P });
    await direct.db.write(`CREATE (:Entity:Person {id: $a, name: 'Pipeline Person', aliases: ['PP']})`, { a: `${P}a` });
    const mint = (role: 'viewer' | 'editor', ttlSeconds: number) => mintToken({ secret: SECRET, role, subject: `pipelines-${role}`, ttlSeconds, roleClaim: DEFAULT_ROLE_CLAIM });
    tokens = { viewer: await mint('viewer', 600), editor: await mint('editor', 600), expired: await mint('viewer', -60) };
  });
  afterAll(async () => {
    await direct?.db.write(`MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n`, { prefix: P });
    await direct?.stop();
    await reference?.stop();
  });

  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const bodies: Array<[string, () => Buffer]> = [
    ['a query', () => json({ query: `{ __typename }` })],
    ['a query with variables', () => json({ query: `query ($id: ID!) { node(id: $id) { __typename id name ... on Person { aliases } } }`, variables: { id: `${P}a` } })],
    ['variables as a string', () => json({ query: `query ($id: ID!) { node(id: $id) { id } }`, variables: JSON.stringify({ id: `${P}a` }) })],
    ['a named operation of two', () => json({ query: `query A { __typename } query B { node(id: "${P}a") { id } }`, operationName: 'B' })],
    ['no operation chosen of two', () => json({ query: `query A { __typename } query B { __typename }` })],
    ['a mutation', () => json({ query: `mutation { upsertPerson(input: { id: "${P}m", name: "No" }) { id } }` })],
    ['a syntax error', () => json({ query: `{ node(id: "x") { id ` })],
    ['an unknown field', () => json({ query: `{ nope }` })],
    ['a wrong variable', () => json({ query: `query ($id: ID!) { node(id: $id) { id } }`, variables: { id: { not: 'an id' } } })],
    ['too deep', () => json({ query: `{ node(id: "x") { ... on Person { ${'recruited { edges { node { '.repeat(12)}id${' } } }'.repeat(12)} } } }` })],
    ['too many tokens', () => json({ query: `{ ${'__typename '.repeat(20_000)}}` })],
    ['a subscription', () => json({ query: `subscription { __typename }` })],
    ['no query', () => json({ variables: {} })],
    ['an empty object', () => Buffer.from('{}')],
    ['an array', () => json([{ query: `{ __typename }` }])],
    ['a string', () => Buffer.from('"{ __typename }"')],
    ['a number after spaces', () => Buffer.from('  \n 42')],
    ['broken JSON', () => Buffer.from('{"query": "{ __typename }"')],
    ['leading whitespace', () => Buffer.from(` \t\r\n${JSON.stringify({ query: '{ __typename }' })}`)],
    ['a byte-order mark', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json({ query: '{ __typename }' })])],
    ['invalid UTF-8', () => Buffer.concat([Buffer.from('{"query": "{ __typename }", "x": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])],
    ['non-ASCII text', () => json({ query: `query ($id: ID!) { node(id: $id) { id } }`, variables: { id: 'Ñandú 名前 🐍' } })],
    ['empty', () => Buffer.alloc(0)],
    ['over the size limit', () => json({ query: `{ __typename }`, variables: { pad: 'x'.repeat(MAX_REQUEST_BODY_BYTES) } })],
  ];
  const contentTypes: Array<string | undefined> = [
    'application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8', 'application/json; charset="utf-8"',
    'application/json; charset=latin1', 'application/json; charset=utf-16', 'text/plain', 'application/graphql-response+json', undefined,
  ];
  const accepts: Array<string | undefined> = [undefined, 'application/json', 'application/graphql-response+json', 'application/graphql-response+json, application/json;q=0.9', 'text/html', '*/*'];
  const authorizations = (): Array<string | undefined> => [undefined, `Bearer ${tokens.viewer}`, `Bearer ${tokens.editor}`, `Bearer ${tokens.expired}`, 'Bearer not.a.token', 'Basic dXNlcjpwYXNz'];
  const origins: Array<string | undefined> = [undefined, ORIGIN, 'https://elsewhere.example'];
  const paths = ['/graphql', '/graphql', '/graphql', '/graphql?x=1', '/graphql/'];

  it('gives the same status, headers and body for every generated request', async () => {
    const next = random(20261204);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
    const requests: Array<{ label: string; request: RawRequest }> = [];
    // Every body once as a plain client sends it, then random combinations of everything.
    for (const [name, body] of bodies) requests.push({ label: name, request: { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: body() } });
    for (let index = 0; requests.length < 260; index += 1) {
      const [name, body] = pick(bodies);
      const headers: Record<string, string> = {};
      const type = pick(contentTypes);
      const accept = pick(accepts);
      const authorization = pick(authorizations());
      const origin = pick(origins);
      if (type !== undefined) headers['content-type'] = type;
      if (accept !== undefined) headers['accept'] = accept;
      if (authorization !== undefined) headers['authorization'] = authorization;
      if (origin !== undefined) headers['origin'] = origin;
      let payload = body();
      if (next() < 0.08) {
        headers['content-encoding'] = 'gzip';
        payload = gzipSync(payload);
      }
      const chunked = next() < 0.08;
      requests.push({ label: `${name}, ${JSON.stringify(headers)}${chunked ? ', chunked' : ''}`, request: { method: 'POST', path: pick(paths), headers, body: payload, chunked } });
    }
    // The generator must reach the direct path often, and Express's other doors too.
    const direct_ = requests.filter(({ request }) => carriedDirectly(request.method, request.path, request.chunked ? { ...request.headers, 'transfer-encoding': 'chunked' } : { ...request.headers, 'content-length': String(request.body?.length ?? 0) }));
    expect(direct_.length).toBeGreaterThan(requests.length / 4);
    expect(direct_.length).toBeLessThan(requests.length);

    for (const [index, { label, request }] of requests.entries()) {
      const withId = { ...request, headers: { ...request.headers, 'x-request-id': `pipelines-${index}` } };
      const fromDirect = await send(direct.url, withId);
      const fromReference = await send(reference.url, withId);
      expect(fromDirect, `request ${index}: ${label}`).toEqual(fromReference);
    }
  }, 120_000);

  it('refuses a request over the budget alike', async () => {
    // One point a minute: the first request spends it, the second waits a minute on either path.
    const options = { auth: { anonymousRole: 'viewer' as const, jwtSecret: SECRET }, limits: { ...DEFAULT_OPERATION_LIMITS, costPointsPerMinute: 1 } };
    const servers = [await startTestApi({}, undefined, { ...options, httpPipeline: 'direct' }), await startTestApi({}, undefined, { ...options, httpPipeline: 'express' })];
    try {
      const answers: RawAnswer[][] = [];
      for (const server of servers) {
        const request = (id: string): RawRequest => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'x-request-id': id }, body: json({ query: '{ __typename }' }) });
        answers.push([await send(server.url, request('budget-1')), await send(server.url, request('budget-2'))]);
      }
      expect(answers[0]![1]!.status).toBe(429);
      expect(answers[0]).toEqual(answers[1]);
    } finally {
      for (const server of servers) await server.stop();
    }
  });

  it('sends the direct path only the requests it can carry exactly', () => {
    const plain = { 'content-type': 'application/json', 'content-length': '20' };
    expect(carriedDirectly('POST', '/graphql', plain)).toBe(true);
    expect(carriedDirectly('POST', '/graphql', { ...plain, 'content-type': 'application/json; charset=UTF-8' })).toBe(true);
    expect(carriedDirectly('GET', '/graphql', plain)).toBe(false);
    expect(carriedDirectly('POST', '/graphql?x=1', plain)).toBe(false);
    expect(carriedDirectly('POST', '/graphql', { ...plain, 'content-type': 'application/json; charset=latin1' })).toBe(false);
    expect(carriedDirectly('POST', '/graphql', { ...plain, 'content-encoding': 'gzip' })).toBe(false);
    expect(carriedDirectly('POST', '/graphql', { ...plain, 'content-length': '0' })).toBe(false);
    expect(carriedDirectly('POST', '/graphql', { ...plain, 'content-length': String(MAX_REQUEST_BODY_BYTES + 1) })).toBe(false);
    expect(carriedDirectly('POST', '/graphql', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })).toBe(false);
  });
});
