import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/seed/index.js';
import { removeByPrefix } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

describe('the demo seed', () => {
  let api: TestApi;
  let dir: string;

  beforeAll(async () => {
    api = await startTestApi();
    dir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-seed-'));
  });
  afterAll(async () => {
    await removeByPrefix(api.db, 'seedtest:');
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes nothing and names the line when a record cites a source that does not exist', async () => {
    const file = path.join(dir, 'bad.jsonl');
    const lines = [
      { kind: 'Source', id: 'seedtest:source', name: 'A source', publisher: 'Test', defaultReliability: 'B' },
      { kind: 'Person', id: 'seedtest:person', name: 'A person', illustrative: true, pseudonymous: true, provenance: [{ source: 'seedtest:missing', reliability: 'B', credibility: 2 }] },
    ];
    await writeFile(file, lines.map((line) => JSON.stringify(line)).join('\n'));
    await expect(seedDemoData(api.db, file)).rejects.toThrow(/bad\.jsonl line 2: cites sources that do not exist: seedtest:missing/);
    const { records } = await api.db.read('MATCH (n:Entity) WHERE n.id STARTS WITH "seedtest:" RETURN count(n) AS n');
    expect(records[0]?.get('n')).toBe(0);
  });
});
