import { readFileSync } from 'node:fs';
import type { Database } from '../../src/database/index.js';
import { generateNetwork } from '../../src/generator/index.js';
import { importLines } from '../../src/interchange/index.js';
import { ask } from './differential.js';
import type { FuzzPools } from './generateDocument.js';
import { seedStory } from '../support/fixtures.js';

/**
 * The data the fuzzer runs on: the demo story and a small generated network (its ids prefixed so it
 * can share a database), and pools of ids, cursors and names drawn from both.
 */

export const FUZZ_NETWORK = { entities: 400, seed: 11, prefix: 'fuzz:' } as const;
/** Ids per kind in the pools, from the story and from the network: few, so documents often reach the same entity twice. */
const STORY_IDS_PER_KIND = 6;
const NETWORK_IDS_PER_KIND = 4;

type Line = Record<string, unknown>;

function storyLines(): Line[] {
  return readFileSync(new URL('../../data/demo/story.jsonl', import.meta.url), 'utf8')
    .split('\n').filter((text) => text.trim() !== '').map((text) => JSON.parse(text) as Line);
}

/** Loads the story and the network (idempotent: both write by id). */
export async function loadFuzzData(db: Database): Promise<void> {
  await seedStory(db);
  const summary = await importLines(db, (async function* () {
    for (const record of generateNetwork(FUZZ_NETWORK)) yield JSON.stringify(record);
  })());
  if (summary.rejected > 0) throw new Error(`the fuzzer's network did not load: ${summary.rejected} lines rejected`);
}

/** Pools from the loaded data; cursors are read through the API (`referenceUrl`), as clients get them. */
export async function collectPools(db: Database, referenceUrl: string): Promise<FuzzPools> {
  const story = storyLines().filter((line) => 'kind' in line);
  const network = [...generateNetwork(FUZZ_NETWORK)].filter((record) => 'kind' in record);
  const entityIds: Record<string, string[]> = {};
  for (const [entities, most] of [[story, STORY_IDS_PER_KIND], [network, NETWORK_IDS_PER_KIND]] as const) {
    const taken: Record<string, number> = {};
    for (const entity of entities) {
      const kind = String(entity['kind']);
      if ((taken[kind] = (taken[kind] ?? 0) + 1) <= most) (entityIds[kind] ??= []).push(String(entity['id']));
    }
  }
  const entities = [...story, ...network];
  const allIds = Object.values(entityIds).flat();
  const { records } = await db.read<{ id: string; from: string; to: string }>(
    'MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids RETURN r.id AS id, a.id AS from, b.id AS to ORDER BY id LIMIT 60',
    { ids: allIds },
  );
  const relationships = records.map((record) => ({ id: record.get('id'), from: record.get('from'), to: record.get('to') }));

  const relationshipCursors: string[] = [];
  for (const id of allIds.filter((_, i) => i % 3 === 0)) {
    const answer = await ask(referenceUrl, { query: 'query($id: ID!) { node(id: $id) { relationships(first: 2) { pageInfo { endCursor } } } }', variables: { id } });
    const cursor = (answer.data as { node?: { relationships: { pageInfo: { endCursor: string | null } } } } | null)?.node?.relationships.pageInfo.endCursor;
    if (cursor) relationshipCursors.push(cursor);
  }
  const listCursors: string[] = [];
  for (const list of ['people', 'scamCentres', 'accounts', 'locations', 'transfers']) {
    const answer = await ask(referenceUrl, { query: `{ ${list}(first: 2) { pageInfo { endCursor } } }`, variables: {} });
    const cursor = (answer.data as Record<string, { pageInfo: { endCursor: string | null } }> | null)?.[list]?.pageInfo.endCursor;
    if (cursor) listCursors.push(cursor);
  }
  const names = entities.slice(0, 40).map((entity) => String(entity['name'])).filter((name) => name.length > 2);
  return { entityIds, relationships, relationshipCursors, listCursors, names };
}
