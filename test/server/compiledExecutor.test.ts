import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvers } from '../../src/resolvers/index.js';
import { loadTypeDefs } from '../../src/schema/index.js';
import { COMPILED_FIELDS_MAX, compiledExecutorGateway, expandedFieldCount } from '../../src/server/compiledExecutor.js';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * The compiled executor (graphql-jit, src/server/compiledExecutor.ts) against graphql-js on the same
 * data, where they could part: the order of fields under `@skip`/`@include`, errors raised in
 * resolvers (mapped to our codes), variables of the wrong type, an unknown operation, mutations run
 * one after another. The differential fuzzer compares them on generated documents; these are the
 * cases it found or that a generated document reaches rarely.
 */
const P = 'test-compiled-executor:';
const SOURCE = `${P}source`;

describe('the compiled executor', () => {
  let compiled: TestApi;
  let reference: TestApi;
  beforeAll(async () => {
    compiled = await startTestApi({}, undefined, { executor: 'compiled' });
    reference = await startTestApi({}, undefined, { executor: 'graphql-js' });
    await removeByPrefix(compiled.db, P);
    await writeRecords(compiled.db, [
      { kind: 'Source', id: SOURCE, name: 'Compiled executor test source' },
      { kind: 'ScamCentre', id: `${P}centre`, name: 'Executor Park', provenance: grade(SOURCE) },
      ...['a', 'b', 'c'].map((name) => ({ kind: 'Person', id: `${P}${name}`, name: `Person ${name}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) })),
      ...['a', 'b', 'c'].map((name) => ({ type: 'HELD_AT', id: `${P}held-${name}`, from: `${P}${name}`, to: `${P}centre`, provenance: grade(SOURCE) })),
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(compiled.db, P);
    await Promise.all([compiled?.stop(), reference?.stop()]);
  });

  /** Both servers' answers to one request, as raw text (key order included) and status. */
  const both = async (body: Record<string, unknown>) =>
    Promise.all(
      [compiled, reference].map(async (api) => {
        const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: response.status, text: await response.text() };
      }),
    );

  it('places a field where it is first included, not where a skipped occurrence stands (the fuzzer\'s find)', async () => {
    const query = `query Q($skip: Boolean!) { node(id: "${P}centre") { relationships { totalCount @skip(if: $skip) edges { direction } totalCount } } }`;
    const [fast, slow] = await both({ query, variables: { skip: true } });
    expect(fast).toEqual(slow);
    expect(fast!.text.indexOf('"edges"')).toBeLessThan(fast!.text.indexOf('"totalCount"'));
  });

  it('answers aliases, fragments on interfaces and nested pages as graphql-js does, byte for byte', async () => {
    const query = `{ c: node(id: "${P}centre") { __typename id ... on ScamCentre { name } held: relationships(types: [HELD_AT], first: 2) { totalCount edges { other { id ... on Person { name } } } pageInfo { hasNextPage } } } missing: node(id: "${P}nobody") { id } }`;
    const [fast, slow] = await both({ query });
    expect(fast!.status).toBe(200);
    expect(fast).toEqual(slow);
    expect(JSON.parse(fast!.text).data.c.held.totalCount).toBe(3);
  });

  it('gives a resolver\'s input error its code and field, as graphql-js does', async () => {
    const query = `{ scamCentres(first: 5, after: "not-a-cursor") { edges { node { id } } } }`;
    const [fast, slow] = await both({ query });
    expect(fast).toEqual(slow);
    expect(JSON.parse(fast!.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('runs a mutation\'s fields one after another: the last write of an entity wins', async () => {
    const upsert = (alias: string, name: string) => `${alias}: upsertScamCentre(input: { id: "${P}serial", name: "${name}", provenance: [{ source: "${SOURCE}", reliability: B, credibility: 2 }] }) { name }`;
    const response = await compiled.graphql<Record<string, { name: string }>>(`mutation { ${Array.from({ length: 6 }, (_, i) => upsert(`w${i}`, `Serial ${i}`)).join(' ')} }`);
    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data!).map((centre) => centre.name)).toEqual(Array.from({ length: 6 }, (_, i) => `Serial ${i}`));
    const read = await compiled.graphql<{ node: { name: string } }>(`{ node(id: "${P}serial") { name } }`);
    expect(read.data?.node.name).toBe('Serial 5');
  });

  it('compiles a query\'s interface selection once when every kind resolves it alike, and answers as graphql-js does', async () => {
    const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
    const count = (query: string, shareCases: boolean) => expandedFieldCount(schema, parse(query), undefined, COMPILED_FIELDS_MAX, shareCases);
    const fourLevelTree = readFileSync('bench/queries/fourLevelTree.graphql', 'utf8');
    // The benchmark's four-level tree: 56 MB of generated code, a case per kind at every level; one
    // case for all kinds where they resolve its fields alike (a query).
    expect(count(fourLevelTree, false)).toBeGreaterThan(COMPILED_FIELDS_MAX);
    expect(count(fourLevelTree, true)).toBeLessThan(100);
    expect(count(readFileSync('bench/queries/centreOperators.graphql', 'utf8'), false)).toBeLessThan(COMPILED_FIELDS_MAX);
    const level = (inner: string) => `relationships(first: 2) { edges { other { id name ${inner} } } }`;
    let deep = '';
    for (let i = 0; i < 6; i++) deep = level(deep);
    expect(count(`{ node(id: "${P}centre") { id ${deep} } }`, true)).toBeLessThan(100);
    const [fast, slow] = await both({ query: `{ node(id: "${P}centre") { id ${deep} } }` });
    expect(fast).toEqual(slow);
    expect(JSON.parse(fast!.text).data.node.relationships.edges).toHaveLength(2);
  });

  it('leaves a document whose interfaces multiply to graphql-js, and answers it as graphql-js does', async () => {
    const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
    const count = (query: string) => expandedFieldCount(schema, parse(query), undefined, COMPILED_FIELDS_MAX, true);
    // A fragment on one kind at every level: the kinds no longer compile alike, and multiply.
    const level = (inner: string) => `relationships(first: 2) { edges { other { id ... on Person { name } ${inner} } } }`;
    let deep = '';
    for (let i = 0; i < 6; i++) deep = level(deep);
    const query = `{ node(id: "${P}centre") { id ${deep} } }`;
    // Counting stops past the maximum: a deeper document costs no more to count.
    expect(count(query)).toBe(COMPILED_FIELDS_MAX + 1);
    const started = performance.now();
    const [fast, slow] = await both({ query });
    expect(fast).toEqual(slow);
    expect(JSON.parse(fast!.text).data.node.id).toBe(`${P}centre`);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('answers a non-null violation in a shared case on graphql-js, which names the object\'s own type', async () => {
    // Two kinds that resolve \`name\` alike; the second's value is null.
    const sharedName = { resolve: (thing: { name: string | null }) => thing.name };
    const schema = makeExecutableSchema({
      typeDefs: 'interface Thing { name: String! } type A implements Thing { name: String! } type B implements Thing { name: String! } type Query { things: [Thing] }',
      resolvers: {
        Thing: { __resolveType: (thing: { kind: string }) => thing.kind },
        A: { name: sharedName },
        B: { name: sharedName },
        Query: { things: () => [{ kind: 'A', name: 'first' }, { kind: 'B', name: null }] },
      },
    });
    const document = parse('{ things { name } }');
    expect(expandedFieldCount(schema, document, undefined, COMPILED_FIELDS_MAX, true)).toBe(2);
    const { executor } = await compiledExecutorGateway(schema).load({ apollo: {} as never });
    const run = executor as unknown as (request: { document: typeof document; context: object; request: object }) => Promise<{ data?: unknown; errors?: readonly { message: string }[] }>;
    const result = await run({ document, context: {}, request: {} });
    expect(result.data).toEqual({ things: [{ name: 'first' }, null] });
    expect(result.errors?.map((error) => error.message)).toEqual(['Cannot return null for non-nullable field B.name.']);
  });

  it('refuses variables of the wrong type and an unknown operation in graphql-js\'s words', async () => {
    for (const body of [
      { query: 'query Q($id: ID!) { node(id: $id) { id } }', variables: { id: { nested: true } } },
      { query: 'query A { __typename } query B { __typename }', operationName: 'C' },
    ]) {
      const [fast, slow] = await both(body);
      expect(fast!.status).toBeGreaterThanOrEqual(400);
      // The request id differs between the two servers; everything else is the same.
      const withoutIds = (text: string) => text.replace(/"requestId":"[^"]*"/g, '"requestId":"…"').replace(/request id [\w-]+/g, 'request id …');
      expect(withoutIds(fast!.text)).toBe(withoutIds(slow!.text));
    }
  });
});
