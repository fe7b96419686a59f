import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNetwork } from '../../src/generator/index.js';
import { findSubgraph } from '../../src/graph/index.js';
import { ftmLines } from '../../src/interchange/index.js';
import { removeByPrefix, seedStory } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { ftmValidate, importValues, type FtmValidation } from './support.js';

/**
 * The FollowTheMoney export as the real followthemoney library (from PyPI) reads it (issue 15,
 * part 4): `npm run ftm:validate` installs the library into a virtual environment once and runs
 * `ftm validate`; every entity must come out whole — no property value stripped, no reference to an
 * entity missing from the file. Without Python or PyPI this fails, naming why; it does not skip.
 */
const P = 'ftmval:';
const VALIDATE_TIMEOUT_MS = 300_000;

async function validate(dir: string, name: string, lines: Iterable<string>): Promise<FtmValidation> {
  const file = path.join(dir, `${name}.ftm.jsonl`);
  await writeFile(file, [...lines].join('\n') + '\n');
  return ftmValidate(file);
}

describe('FollowTheMoney export, read by the followthemoney library', () => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    api = await startTestApi();
    dir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-ftm-validate-'));
    await seedStory(api.db);
    await removeByPrefix(api.db, P);
    await importValues(api.db, [...generateNetwork({ entities: 300, seed: 15, prefix: P })]);
  }, 120_000);
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await rm(dir, { recursive: true, force: true });
    await api.stop();
  });

  it('the demo story: every entity and link whole', async () => {
    const subgraph = (await findSubgraph(api.db, 'person:ug-victim-1', 6))!;
    const summary = await validate(dir, 'story', ftmLines(subgraph));
    expect(summary).toEqual({ entities: subgraph.nodes.length + subgraph.relationships.length, validated: summary.entities, dropped: [], stripped: [], dangling: [] });
    expect(summary.entities).toBeGreaterThan(80);
  }, VALIDATE_TIMEOUT_MS);

  it('a generated network: every entity and link whole', async () => {
    const { records } = await api.db.read<{ id: string }>('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC LIMIT 1', { prefix: P });
    const subgraph = (await findSubgraph(api.db, records[0]!.get('id'), 2))!;
    const summary = await validate(dir, 'network', ftmLines(subgraph));
    expect(summary).toEqual({ entities: subgraph.nodes.length + subgraph.relationships.length, validated: summary.entities, dropped: [], stripped: [], dangling: [] });
    expect(summary.entities).toBeGreaterThan(50);
  }, VALIDATE_TIMEOUT_MS);
});
