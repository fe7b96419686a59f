import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/seed/index.js';
import { RELATIONSHIPS, type RelationshipType } from '../../src/model/domain.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * `timeline(id)` through HTTP on the demo story, against a reference built from the entity's
 * `relationships` (every one, with its stored properties): the dated ones, sorted by date then id.
 */
const UG_VICTIM = 'person:ug-victim-1';
const COMPOUND = 'scamcentre:mm-myawaddy-1';

interface Event { at: string; direction: string; node: { id: string; type: string }; other: { id: string } }
interface Page { edges: Array<Event & { cursor: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } }

describe('timeline', () => {
  let api: TestApi;
  let viewer: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    viewer = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } });
    await seedDemoData(api.db);
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), viewer?.stop()]);
  });

  const timeline = async (on: TestApi, id: string, first = 100, after: string | null = null) => {
    const answer = await on.graphql<{ timeline: Page | null }>(
      `query ($id: ID!, $first: Int, $after: String) { timeline(id: $id, first: $first, after: $after) {
        edges { cursor at direction node { id type } other { id } } pageInfo { hasNextPage endCursor } } }`,
      { id, first, after },
    );
    return answer;
  };

  /** The reference: the entity's relationships read plainly, the dated ones in (date, id) order. */
  const reference = async (id: string): Promise<Event[]> => {
    const { records } = await api.db.read(
      `MATCH (n:Entity {id: $id})-[r]-(m:Entity) RETURN type(r) AS type, properties(r) AS p, startNode(r) = n AS outgoing, m.id AS other`,
      { id },
    );
    return records
      .map((record) => {
        const type = record.get('type') as RelationshipType;
        const p = record.get('p') as Record<string, unknown>;
        const dateProperty = RELATIONSHIPS[type].dateProperty;
        const at = dateProperty ? p[dateProperty] : undefined;
        return { at: typeof at === 'string' ? at : '', direction: record.get('outgoing') ? 'OUTGOING' : 'INCOMING', node: { id: String(p['id']), type }, other: { id: record.get('other') as string } };
      })
      .filter((event) => event.at !== '')
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
  };

  it('lists a victim\'s recruitment, journey and confinement in time order, as the reference does', async () => {
    const answer = await timeline(api, UG_VICTIM);
    expect(answer.errors).toBeUndefined();
    const events = answer.data!.timeline!.edges.map(({ cursor: _cursor, ...event }) => event);
    expect(events).toEqual(await reference(UG_VICTIM));
    expect(events.map((e) => e.node.type)).toEqual(expect.arrayContaining(['RECRUITED', 'TRAVELLED_TO', 'HELD_AT']));
    expect(events.find((e) => e.node.type === 'RECRUITED')?.direction).toBe('INCOMING');
    expect(answer.data!.timeline!.pageInfo.hasNextPage).toBe(false);
  });

  it('pages by cursor: pages of 1, 2 and 3 give the whole timeline once, in order', async () => {
    for (const id of [UG_VICTIM, COMPOUND, 'account:scam-wallet-w1', 'operation:interpol-2025-trafficking-fraud']) {
      const whole = (await timeline(api, id)).data!.timeline!.edges.map((e) => e.node.id);
      expect(whole.length, id).toBeGreaterThan(0);
      for (const size of [1, 2, 3]) {
        const read: string[] = [];
        let after: string | null = null;
        for (let guard = 0; guard < 100; guard++) {
          const page: Page = (await timeline(api, id, size, after)).data!.timeline!;
          read.push(...page.edges.map((e) => e.node.id));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(read, `${id} in pages of ${size}`).toEqual(whole);
      }
    }
  });

  it('for a viewer: a victim has no timeline, and a compound\'s leaves its victims out', async () => {
    expect((await timeline(viewer, UG_VICTIM)).data!.timeline).toBeNull();
    const compound = (await timeline(viewer, COMPOUND)).data!.timeline!.edges;
    expect(compound.map((e) => e.node.type)).not.toContain('HELD_AT');
    const full = (await timeline(api, COMPOUND)).data!.timeline!.edges;
    expect(full.map((e) => e.node.type)).toContain('HELD_AT');
  });

  it('gives an entity without dated events an empty timeline, not null', async () => {
    const answer = await timeline(api, 'location:ae');
    expect(answer.data!.timeline).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('answers null for an unknown id, and refuses a cursor of another list', async () => {
    expect((await timeline(api, 'person:no-such-timeline')).data!.timeline).toBeNull();
    const other = await api.graphql<{ people: { pageInfo: { endCursor: string } } }>('{ people(first: 1) { pageInfo { endCursor } } }');
    const answer = await timeline(api, UG_VICTIM, 2, other.data!.people.pageInfo.endCursor);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toMatch(/after/);
  });
});
