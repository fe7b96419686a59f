import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/seed/index.js';
import { deleteEntities } from '../../src/graph/index.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * The questions the demo story answers, asked the way a newcomer would ask them: GraphQL over real
 * HTTP, against the story loaded into the run's Neo4j by the seed loader.
 */

// Ids of the story (data/demo/story.jsonl).
const MYANMAR_COMPOUND = 'scamcentre:mm-myawaddy-1';
const PERU_COMPOUND = 'scamcentre:pe-1';
const UGANDAN_VICTIMS = ['person:ug-victim-1', 'person:ug-victim-2', 'person:ug-victim-3'];
const MALAYSIAN_VICTIMS = ['person:my-victim-1', 'person:my-victim-2', 'person:my-victim-3'];
const SCAM_WALLET = 'account:scam-wallet-w1';
const CHINESE_NATIONALS_ACCOUNT = 'account:cn-holder-exchange';
/** 1,250,000 + 980,000 + 1,420,000 USDT, valued at par. */
const TOTAL_FROM_SCAM_WALLET_USD = 3_650_000;

type Line = Record<string, unknown>;
const storyLines = readFileSync(new URL('../../data/demo/story.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((text) => text.trim() !== '')
  .map((text) => JSON.parse(text) as Line);
const storyEntityIds = storyLines.filter((line) => 'kind' in line).map((line) => String(line['id']));
const storyRelationshipIds = storyLines.filter((line) => 'type' in line).map((line) => String(line['id']));
const inStory = (id: string): boolean => storyEntityIds.includes(id);

interface Connection<N> {
  totalCount?: number;
  edges: Array<{ node: N }>;
}
interface RelationshipPage<R, O> {
  totalCount?: number;
  edges: Array<{ node: R; other: O }>;
}
interface Stop {
  seq: number;
  stage: string | null;
  location: { name: string; countryCode: string | null };
}
interface TransferNode {
  id: string;
  amount: number | null;
  currency: string | null;
  amountUsd: number | null;
  at: string | null;
  reference: string | null;
  sources: Array<{ id: string; name: string; publisher: string | null }>;
  grades: Array<{ code: string }>;
}

async function countGraph(api: TestApi): Promise<{ nodes: number; relationships: number }> {
  const nodes = await api.db.read('MATCH (n:Entity) RETURN count(n) AS n');
  const relationships = await api.db.read('MATCH ()-[r]->() RETURN count(r) AS n');
  return { nodes: Number(nodes.records[0]?.get('n')), relationships: Number(relationships.records[0]?.get('n')) };
}

describe('the demo story answers its questions through the API', () => {
  let api: TestApi;
  let firstSeed: { entities: number; relationships: number };

  beforeAll(async () => {
    api = await startTestApi();
    firstSeed = await seedDemoData(api.db);
  });
  afterAll(async () => {
    await api.db.writeTransaction((tx) => deleteEntities(tx, storyEntityIds));
    await api.stop();
  });

  it('reports loading every entity and relationship of the story file', () => {
    expect(firstSeed).toEqual({ entities: storyEntityIds.length, relationships: storyRelationshipIds.length });
  });

  it('changes no counts when the story is seeded a second time', async () => {
    const before = await countGraph(api);
    await seedDemoData(api.db);
    expect(await countGraph(api)).toEqual(before);
    const story = await api.db.read(
      `MATCH (n:Entity) WHERE n.id IN $entityIds
       WITH count(n) AS entities
       OPTIONAL MATCH ()-[r]->() WHERE r.id IN $relationshipIds
       RETURN entities, count(r) AS relationships`,
      { entityIds: storyEntityIds, relationshipIds: storyRelationshipIds },
    );
    expect(Number(story.records[0]?.get('entities'))).toBe(storyEntityIds.length);
    expect(Number(story.records[0]?.get('relationships'))).toBe(storyRelationshipIds.length);
  });

  it('answers which nationalities are held in Myanmar compounds: Ugandans', async () => {
    const response = await api.graphql<{
      scamCentres: Connection<{
        id: string;
        name: string;
        relationships: RelationshipPage<{ id: string }, { id?: string; nationalities?: Array<{ countryCode: string }> }>;
      }>;
    }>(
      `query HeldInMyanmar {
        scamCentres(filter: { country: MM }, first: 100) {
          edges {
            node {
              id
              name
              relationships(direction: INCOMING, types: [HELD_AT], first: 100) {
                edges {
                  node { id }
                  other { ... on Person { id nationalities { countryCode } } }
                }
              }
            }
          }
        }
      }`,
    );
    expect(response.errors).toBeUndefined();
    const compounds = (response.data?.scamCentres.edges ?? []).map((edge) => edge.node).filter((node) => inStory(node.id));
    expect(compounds.map((compound) => compound.id)).toEqual([MYANMAR_COMPOUND]);
    const held = compounds.flatMap((compound) => compound.relationships.edges.map((edge) => edge.other));
    expect(held.map((person) => person.id).sort()).toEqual([...UGANDAN_VICTIMS].sort());
    const nationalities = new Set(held.flatMap((person) => (person.nationalities ?? []).map((country) => country.countryCode)));
    expect([...nationalities]).toEqual(['UG']);
  });

  it('answers the route of the Ugandan victims, in order: Uganda, Dubai, Thailand, Myanmar', async () => {
    const response = await api.graphql<{ nodes: Array<{ id: string; name: string; journey?: Stop[] } | null> }>(
      `query UgandanRoutes($ids: [ID!]!) {
        nodes(ids: $ids) {
          id
          name
          ... on Person { journey { seq stage location { name countryCode } } }
        }
      }`,
      { ids: UGANDAN_VICTIMS },
    );
    expect(response.errors).toBeUndefined();
    const people = response.data?.nodes ?? [];
    expect(people.map((person) => person?.id)).toEqual(UGANDAN_VICTIMS);
    for (const person of people) {
      expect(person?.journey).toEqual([
        { seq: 1, stage: 'RECRUITMENT', location: { name: 'Uganda', countryCode: 'UG' } },
        { seq: 2, stage: 'TRANSIT', location: { name: 'Dubai', countryCode: 'AE' } },
        { seq: 3, stage: 'TRANSIT', location: { name: 'Thailand', countryCode: 'TH' } },
        { seq: 4, stage: 'EXPLOITATION', location: { name: 'Myanmar', countryCode: 'MM' } },
      ]);
    }
  });

  it('answers where Malaysian trafficking victims were lured: Peru, where they were held', async () => {
    const response = await api.graphql<{
      people: Connection<{
        id: string;
        journey: Stop[];
        relationships: RelationshipPage<{ id: string }, { id: string; name: string }>;
      }>;
    }>(
      `query MalaysiansLured {
        people(filter: { nationality: MY, roles: [TRAFFICKING_VICTIM] }, first: 100) {
          edges {
            node {
              id
              journey { seq stage location { name countryCode } }
              relationships(direction: OUTGOING, types: [HELD_AT]) { edges { node { id } other { id name } } }
            }
          }
        }
      }`,
    );
    expect(response.errors).toBeUndefined();
    const malaysians = (response.data?.people.edges ?? []).map((edge) => edge.node).filter((node) => inStory(node.id));
    expect(malaysians.map((person) => person.id).sort()).toEqual([...MALAYSIAN_VICTIMS].sort());
    for (const person of malaysians) {
      const exploitation = person.journey.filter((stop) => stop.stage === 'EXPLOITATION');
      expect(exploitation.map((stop) => stop.location.countryCode)).toEqual(['PE']);
      expect(person.journey[0]).toMatchObject({ seq: 1, stage: 'RECRUITMENT', location: { countryCode: 'MY' } });
      expect(person.relationships.edges.map((edge) => edge.other.id)).toEqual([PERU_COMPOUND]);
    }
  });

  it('answers which accounts received money from the scam-linked wallet, with amounts and graded sources', async () => {
    const response = await api.graphql<{
      node: {
        id: string;
        flagged: boolean;
        relationships: RelationshipPage<TransferNode, { id: string; name: string }>;
      } | null;
    }>(
      `query ScamWalletOutflows($wallet: ID!) {
        node(id: $wallet) {
          id
          ... on Account {
            flagged
            relationships(direction: OUTGOING, types: [TRANSFERRED], first: 100) {
              totalCount
              edges {
                node {
                  ... on Transfer {
                    id amount currency amountUsd at reference
                    sources { id name publisher }
                    grades { code }
                  }
                }
                other { id name }
              }
            }
          }
        }
      }`,
      { wallet: SCAM_WALLET },
    );
    expect(response.errors).toBeUndefined();
    const wallet = response.data?.node;
    expect(wallet?.flagged).toBe(true);
    const edges = wallet?.relationships.edges ?? [];
    expect(edges).toHaveLength(3);
    expect(wallet?.relationships.totalCount).toBe(3);
    expect(new Set(edges.map((edge) => edge.other.id))).toEqual(new Set([CHINESE_NATIONALS_ACCOUNT]));
    const total = edges.reduce((sum, edge) => sum + (edge.node.amountUsd ?? 0), 0);
    expect(total).toBe(TOTAL_FROM_SCAM_WALLET_USD);
    for (const { node } of edges) {
      expect(node.currency).toBe('USDT');
      expect(node.reference).toEqual(expect.any(String));
      expect(node.sources.length).toBeGreaterThanOrEqual(1);
      expect(node.sources.map((source) => source.publisher)).toContain('Reuters');
      expect(node.grades.length).toBe(node.sources.length);
      for (const grade of node.grades) expect(grade.code).toMatch(/^[A-F][1-6]$/);
    }
    // Ordered by date: the edges come in chronological order.
    const times = edges.map((edge) => edge.node.at ?? '');
    expect(times).toEqual([...times].sort());
  });

  it('lists the same transfers through the transfers root field, filtered by the paying account', async () => {
    const response = await api.graphql<{
      transfers: Connection<{ id: string; amountUsd: number | null; at: string | null; to: { id: string } }>;
    }>(
      `query TransfersFromWallet($wallet: ID!) {
        transfers(filter: { from: $wallet }, orderBy: { field: AT, direction: ASC }, first: 100) {
          totalCount
          edges { node { id amountUsd at to { id } } }
        }
      }`,
      { wallet: SCAM_WALLET },
    );
    expect(response.errors).toBeUndefined();
    const transfers = (response.data?.transfers.edges ?? []).map((edge) => edge.node);
    expect(response.data?.transfers.totalCount).toBe(3);
    expect(transfers.map((transfer) => transfer.to.id)).toEqual([CHINESE_NATIONALS_ACCOUNT, CHINESE_NATIONALS_ACCOUNT, CHINESE_NATIONALS_ACCOUNT]);
    expect(transfers.reduce((sum, transfer) => sum + (transfer.amountUsd ?? 0), 0)).toBe(TOTAL_FROM_SCAM_WALLET_USD);
    const times = transfers.map((transfer) => Date.parse(transfer.at ?? ''));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
