import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/context/index.js';
import { writeRecords, removeByPrefix, grade } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { bearer, hs256Token, refusalRecorder, TEST_SECRET } from './support.js';

const PREFIX = 'test-auth-mutations:';
const SOURCE = `${PREFIX}source`;
const LINK = `${PREFIX}link`;
const UPSERT = `mutation ($id: ID!) { upsertSource(input: { id: $id, name: "Written by a role test" }) { id } }`;
const UNLINK = `mutation ($id: ID!) { unlink(id: $id) { removed } }`;

describe('who may run mutations', () => {
  let api: TestApi;
  const refusals = refusalRecorder();
  const as = async (role: Role) => bearer(await hs256Token({ role }, { subject: `${role}-1` }));

  const entityExists = async (id: string) => {
    const { records } = await api.db.read<{ n: number }>('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id });
    return (records[0]?.get('n') ?? 0) > 0;
  };
  const linkExists = async () => {
    const { records } = await api.db.read<{ n: number }>('MATCH ()-[r {id: $id}]->() RETURN count(r) AS n', { id: LINK });
    return (records[0]?.get('n') ?? 0) > 0;
  };

  beforeAll(async () => {
    api = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET }, onRefused: refusals.onRefused });
    await removeByPrefix(api.db, PREFIX);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Role test source' },
      { kind: 'Person', id: `${PREFIX}a`, name: 'A', provenance: grade(SOURCE) },
      { kind: 'Person', id: `${PREFIX}b`, name: 'B', provenance: grade(SOURCE) },
      { type: 'ASSOCIATED_WITH', id: LINK, from: `${PREFIX}a`, to: `${PREFIX}b`, provenance: grade(SOURCE) },
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, PREFIX);
    await api.stop();
  });

  it.each(['viewer', 'analyst', 'investigator'] as const)('refuses every mutation to a %s with 403 FORBIDDEN, and writes nothing', async (role) => {
    const id = `${PREFIX}written-by-${role}`;
    const upsert = await api.graphql(UPSERT, { id }, await as(role));
    expect(upsert.status).toBe(403);
    expect(upsert.data).toBeUndefined();
    expect(upsert.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(upsert.errors?.[0]?.message).toMatch(new RegExp(`the ${role} role may not run mutations; writing needs the editor role`));
    expect(await entityExists(id)).toBe(false);

    const unlink = await api.graphql(UNLINK, { id: LINK }, await as(role));
    expect(unlink.status).toBe(403);
    expect(unlink.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await linkExists()).toBe(true);
    expect(refusals.events).toContainEqual({ requestId: unlink.headers.get('x-request-id'), status: 403, reason: 'mutation_forbidden', role, subject: `${role}-1` });
  });

  it('refuses an anonymous viewer, whose refusal has no subject', async () => {
    const response = await api.graphql(UNLINK, { id: LINK });
    expect(response.status).toBe(403);
    expect(await linkExists()).toBe(true);
    expect(refusals.events).toContainEqual({ requestId: response.headers.get('x-request-id'), status: 403, reason: 'mutation_forbidden', role: 'viewer' });
  });

  it('refuses a mutation operation as a whole: no field of it runs', async () => {
    const id = `${PREFIX}two-fields`;
    const response = await api.graphql(`mutation ($id: ID!, $link: ID!) { upsertSource(input: { id: $id, name: "x" }) { id } unlink(id: $link) { removed } }`, { id, link: LINK }, await as('analyst'));
    expect(response.status).toBe(403);
    expect(await entityExists(id)).toBe(false);
    expect(await linkExists()).toBe(true);
  });

  it('lets an editor write and unlink', async () => {
    const id = `${PREFIX}written-by-editor`;
    const upsert = await api.graphql(UPSERT, { id }, await as('editor'));
    expect(upsert.errors).toBeUndefined();
    expect(upsert.data).toEqual({ upsertSource: { id } });
    expect(await entityExists(id)).toBe(true);

    const unlink = await api.graphql(UNLINK, { id: LINK }, await as('editor'));
    expect(unlink.data).toEqual({ unlink: { removed: true } });
    expect(await linkExists()).toBe(false);
  });

  it('still lets every role read', async () => {
    for (const role of ['viewer', 'analyst', 'investigator', 'editor', 'admin'] as const) {
      const response = await api.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: SOURCE }, await as(role));
      expect({ role, data: response.data }).toEqual({ role, data: { node: { id: SOURCE } } });
    }
  });
});
