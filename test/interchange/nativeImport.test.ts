import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { projectRoot } from '../../src/config/index.js';
import { DeferredStore } from '../../src/interchange/index.js';
import { grade, rel, removeByPrefix } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { importValues } from './support.js';

const P = 't-native-import-';

async function countByPrefix(api: TestApi, prefix: string): Promise<{ nodes: number; relationships: number }> {
  const { records } = await api.db.read<{ nodes: number; relationships: number }>(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
     OPTIONAL MATCH (n)-[r]->()
     RETURN count(DISTINCT n) AS nodes, count(r) AS relationships`,
    { prefix },
  );
  return { nodes: records[0]!.get('nodes'), relationships: records[0]!.get('relationships') };
}

describe('importing line-delimited JSON', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('loads every good line of a file with bad lines in the middle and reports each bad one by number', async () => {
    const p = `${P}bad-`;
    const lines = [
      { kind: 'Source', id: `${p}source`, name: 'A source' },
      { kind: 'Person', id: `${p}recruiter`, name: 'Recruiter', roles: ['RECRUITER'], provenance: grade(`${p}source`) },
      '{"kind": "Person", "id": "broken", ',
      { kind: 'Person', id: `${p}robot`, name: 'Robot', gender: 'ROBOT', provenance: grade(`${p}source`) },
      { kind: 'ScamCentre', id: `${p}compound`, name: 'Compound', firstSeen: '2024-02-30', provenance: grade(`${p}source`) },
      { id: '', schema: 'Person', properties: { name: ['No id'] } },
      { id: `${p}payment`, schema: 'Payment', properties: { payerAccount: [`${p}a`], beneficiaryAccount: [`${p}b`], amount: ['a lot'] } },
      { kind: 'Person', name: 'Nobody', provenance: grade(`${p}source`) },
      { kind: 'Person', id: `${p}victim`, name: 'Victim', roles: ['TRAFFICKING_VICTIM'], provenance: grade(`${p}source`) },
      rel('RECRUITED', `${p}recruiter`, `${p}victim`, `${p}source`, { method: 'JOB_OFFER' }),
      rel('RECRUITED', `${p}recruiter`, `${p}nobody-here`, `${p}source`),
    ];
    const summary = await importValues(api.db, lines);
    expect(summary.rejections.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 11]);
    const reasons = Object.fromEntries(summary.rejections.map((r) => [r.line, r.reason]));
    expect(reasons[3]).toMatch(/invalid JSON/);
    expect(reasons[4]).toMatch(/gender must be one of MALE, FEMALE/);
    expect(reasons[5]).toMatch(/firstSeen must be a calendar date/);
    expect(reasons[6]).toMatch(/id is required/);
    expect(reasons[7]).toMatch(/amount must be a non-negative number \(got "a lot"\)/);
    expect(reasons[8]).toMatch(/id is required/);
    expect(reasons[11]).toMatch(/nobody-here" \(to\) is not the id of any entity/);
    expect(summary.rejected).toBe(7);
    expect(summary.entities.created).toBe(3);
    expect(summary.relationships.created).toBe(1);
    expect(await countByPrefix(api, p)).toEqual({ nodes: 3, relationships: 1 });

    const response = await api.graphql<{ node: { relationships: { edges: Array<{ other: { id: string } }> } } }>(
      `{ node(id: "${p}recruiter") { relationships(types: [RECRUITED]) { edges { other { id } } } } }`,
    );
    expect(response.data!.node.relationships.edges).toEqual([{ other: { id: `${p}victim` } }]);
  });

  it('leaves the same counts when the same file is imported twice, and reports the second run as unchanged', async () => {
    const p = `${P}twice-`;
    const lines = [
      { kind: 'Source', id: `${p}source`, name: 'A source' },
      ...Array.from({ length: 30 }, (_, i) => ({ kind: 'Account', id: `${p}account-${i}`, name: `Account ${i}`, accountType: 'CRYPTO_WALLET', identifier: `T${p}${i}`, provenance: grade(`${p}source`) })),
      ...Array.from({ length: 29 }, (_, i) => rel('TRANSFERRED', `${p}account-${i}`, `${p}account-${i + 1}`, `${p}source`, { amount: 10 + i, currency: 'USDT', at: '2025-01-01T00:00:00Z', reference: `tx-${i}` })),
      rel('HOLDS', `${p}person`, `${p}account-0`, `${p}source`),
      { kind: 'Person', id: `${p}person`, name: 'Holder', provenance: grade(`${p}source`) },
    ];
    const first = await importValues(api.db, lines, { batchSize: 7 });
    expect(first.rejections).toEqual([]);
    expect(first.entities).toEqual({ created: 32, updated: 0, unchanged: 0 });
    expect(first.relationships).toEqual({ created: 30, updated: 0, unchanged: 0 });
    const counts = await countByPrefix(api, p);
    expect(counts).toEqual({ nodes: 32, relationships: 30 });
    const before = await api.db.read<{ updatedAt: string }>('MATCH (n:Entity {id: $id}) RETURN n.updatedAt AS updatedAt', { id: `${p}account-3` });

    const second = await importValues(api.db, lines, { batchSize: 7 });
    expect(second.rejections).toEqual([]);
    expect(second.entities).toEqual({ created: 0, updated: 0, unchanged: 32 });
    expect(second.relationships).toEqual({ created: 0, updated: 0, unchanged: 30 });
    expect(await countByPrefix(api, p)).toEqual(counts);
    const after = await api.db.read<{ updatedAt: string }>('MATCH (n:Entity {id: $id}) RETURN n.updatedAt AS updatedAt', { id: `${p}account-3` });
    expect(after.records[0]!.get('updatedAt')).toBe(before.records[0]!.get('updatedAt'));

    const changed = await importValues(api.db, [{ kind: 'Account', id: `${p}account-3`, name: 'Renamed', provenance: grade(`${p}source`) }]);
    expect(changed.entities).toEqual({ created: 0, updated: 1, unchanged: 0 });
  });

  it('lets the later line of an id win even when the earlier one waited for a source or an end', async () => {
    const p = `${P}order-`;
    const filler = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'Source', id: `${p}filler-${n}-${i}`, name: 'Filler' }));
    const lines = [
      { kind: 'Source', id: `${p}source`, name: 'A source' },
      { kind: 'Person', id: `${p}b`, name: 'B', provenance: grade(`${p}source`) },
      // Waits for a source that comes at the end; its later line, in another batch, does not wait.
      { kind: 'Person', id: `${p}x`, name: 'X first', provenance: grade(`${p}late-source`) },
      // Waits for an end that comes later; so does its later line.
      { ...rel('RECRUITED', `${p}a`, `${p}b`, `${p}source`, { method: 'JOB_OFFER' }), id: `${p}recruitment` },
      ...filler(6),
      { kind: 'Person', id: `${p}x`, name: 'X later', provenance: grade(`${p}source`) },
      { kind: 'Person', id: `${p}a`, name: 'A', provenance: grade(`${p}source`) },
      ...filler(6),
      { ...rel('RECRUITED', `${p}a`, `${p}b`, `${p}source`, { method: 'SOCIAL_MEDIA' }), id: `${p}recruitment` },
      ...filler(6),
      { kind: 'Source', id: `${p}late-source`, name: 'Late source' },
    ];
    const summary = await importValues(api.db, lines, { batchSize: 3 });
    expect(summary.rejections).toEqual([]);
    const { records } = await api.db.read<{ name: string; method: string }>(
      'MATCH (x:Entity {id: $x}) MATCH ()-[r:RECRUITED {id: $r}]->() RETURN x.name AS name, r.method AS method',
      { x: `${p}x`, r: `${p}recruitment` },
    );
    expect(records[0]?.get('name')).toBe('X later');
    expect(records[0]?.get('method')).toBe('SOCIAL_MEDIA');
  });

  it('never lets an entity cite a Source of its batch that is itself refused, and says the same of an id reused as another kind in a batch or across batches', async () => {
    const p = `${P}cites-`;
    const base = `${p}base`;
    const before = await importValues(api.db, [{ kind: 'Source', id: base, name: 'Base' }, { kind: 'Person', id: `${p}taken`, name: 'Already a person', provenance: grade(base) }]);
    expect(before.rejections).toEqual([]);
    const lines = [
      { kind: 'Source', id: `${p}taken`, name: 'Not a source: the id is a person' },
      { kind: 'Person', id: `${p}cites-taken`, name: 'Cites the refused source', provenance: grade(`${p}taken`) },
      { kind: 'Source', id: `${p}waits`, name: 'Cites a source that never comes', provenance: grade(`${p}nowhere`) },
      { kind: 'Person', id: `${p}cites-waiting`, name: 'Cites the waiting source', provenance: grade(`${p}waits`) },
      // A chain of Sources in one batch, named before they are given: all accepted.
      { kind: 'Person', id: `${p}cites-chain`, name: 'Cites the end of a chain', provenance: grade(`${p}chain-2`) },
      { kind: 'Source', id: `${p}chain-2`, name: 'Chain 2', provenance: grade(`${p}chain-1`) },
      { kind: 'Source', id: `${p}chain-1`, name: 'Chain 1', provenance: grade(`${p}chain-1`) },
      // Two Sources citing each other: written together.
      { kind: 'Source', id: `${p}loop-1`, name: 'Loop 1', provenance: grade(`${p}loop-2`) },
      { kind: 'Source', id: `${p}loop-2`, name: 'Loop 2', provenance: grade(`${p}loop-1`) },
      { kind: 'Person', id: `${p}twice`, name: 'A person first', provenance: grade(base) },
      { kind: 'Organization', id: `${p}twice`, name: 'Then an organization', provenance: grade(base) },
    ];
    const summary = await importValues(api.db, lines, { batchSize: 100 });
    const reasons = Object.fromEntries(summary.rejections.map((r) => [r.id, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual([`${p}cites-taken`, `${p}cites-waiting`, `${p}taken`, `${p}twice`, `${p}waits`].sort());
    expect(reasons[`${p}taken`]).toBe(`"${p}taken" is already a Person; ids are unique across kinds, so choose another id`);
    expect(reasons[`${p}twice`]).toBe(`"${p}twice" is already a Person; ids are unique across kinds, so choose another id`);
    expect(reasons[`${p}cites-taken`]).toMatch(new RegExp(`${p}taken`));
    expect(reasons[`${p}cites-waiting`]).toMatch(new RegExp(`${p}waits`));
    // Nothing stored cites a source that is not there.
    const { records } = await api.db.read<{ id: string }>(
      `MATCH (n:Entity) WHERE n.id STARTS WITH $p
       UNWIND coalesce(n.sourceIds, []) AS sourceId
       OPTIONAL MATCH (s:Source {id: sourceId})
       WITH n, s WHERE s IS NULL
       RETURN n.id AS id`,
      { p },
    );
    expect(records.map((r) => r.get('id'))).toEqual([]);
    const stored = await countByPrefix(api, p);
    expect(stored.nodes).toBe(8); // base, taken, cites-chain, chain-1, chain-2, loop-1, loop-2, twice
  });

  it('stores imported data in the shape the API reads: provenance, identifiers, integers and sort keys', async () => {
    const p = `${P}shape-`;
    await importValues(api.db, [
      { kind: 'Source', id: `${p}source`, name: 'A source' },
      { kind: 'ScamCentre', id: `${p}compound`, name: 'Compound', estimatedWorkforce: 1200, provenance: grade(`${p}source`, 'C', 3) },
      { kind: 'Account', id: `${p}wallet`, name: 'Wallet', identifier: 'TShapeWallet', provenance: grade(`${p}source`) },
      { kind: 'Person', id: `${p}victim`, name: 'Victim', provenance: grade(`${p}source`) },
      { kind: 'Location', id: `${p}city`, name: 'City', locationType: 'CITY', provenance: grade(`${p}source`) },
      rel('TRAVELLED_TO', `${p}victim`, `${p}city`, `${p}source`, { seq: 2, stage: 'TRANSIT' }),
    ]);
    const { records } = await api.db.read(
      `MATCH (c:ScamCentre {id: $compound}), (w:Account {id: $wallet}), (:Person {id: $victim})-[r:TRAVELLED_TO]->()
       RETURN c.estimatedWorkforce AS workforce, c.grades AS grades, c.sourceIds AS sourceIds, c.createdAt IS NOT NULL AS created,
              w.identifiers AS identifiers, r.sortKey AS sortKey, r.seq AS seq, valueType(r.seq) AS seqType, valueType(c.estimatedWorkforce) AS workforceType`,
      { compound: `${p}compound`, wallet: `${p}wallet`, victim: `${p}victim` },
    );
    expect(records[0]!.toObject()).toEqual({
      workforce: 1200, grades: ['C3'], sourceIds: [`${p}source`], created: true, identifiers: ['TShapeWallet'],
      sortKey: `000002|travelled_to:${p}victim>${p}city#2`, seq: 2, seqType: 'INTEGER NOT NULL', workforceType: 'INTEGER NOT NULL',
    });
    const response = await api.graphql<{ node: { journey: Array<{ seq: number; stage: string }> } }>(`{ node(id: "${p}victim") { ... on Person { journey { seq stage } } } }`);
    expect(response.data!.node.journey).toEqual([{ seq: 2, stage: 'TRANSIT' }]);
  });

  it('spills deferred items to disk beyond its memory limit and gives them back in order', async () => {
    const store = new DeferredStore<{ n: number }>(3);
    for (let n = 0; n < 10; n++) await store.add({ n });
    expect(store.size).toBe(10);
    const back: number[] = [];
    for await (const item of store.drain()) back.push(item.n);
    expect(back).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(store.size).toBe(0);
  });

  it('exits with 1 from the command line when a line is rejected, naming the line, and 0 when all load', async () => {
    const target = inject('neo4j');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-import-cli-'));
    const p = `${P}cli-`;
    try {
      const good = [
        JSON.stringify({ kind: 'Source', id: `${p}source`, name: 'CLI source' }),
        JSON.stringify({ kind: 'Person', id: `${p}person`, name: 'Someone', provenance: grade(`${p}source`) }),
      ];
      await writeFile(path.join(dir, 'good.jsonl'), `${good.join('\n')}\n`);
      await writeFile(path.join(dir, 'bad.jsonl'), `${[...good, 'not json', JSON.stringify({ kind: 'Person', id: `${p}other`, name: 'Other', provenance: grade(`${p}source`) })].join('\n')}\n`);
      const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password, LOG_LEVEL: 'warn' };
      const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'cli', 'import.ts'), ...args], { cwd: projectRoot, env })
        .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
        .catch((error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));

      const bad = await run('--report', path.join(dir, 'report.jsonl'), path.join(dir, 'bad.jsonl'));
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/bad\.jsonl:3: invalid JSON/);
      expect(bad.stdout).toMatch(/Read 4 lines .*entities 3 created.*1 rejected/);
      const report = (await readFile(path.join(dir, 'report.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { line: number });
      expect(report.map((r) => r.line)).toEqual([3]);

      const ok = await run(path.join(dir, 'good.jsonl'));
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/entities 0 created, 0 updated, 2 unchanged.*0 rejected/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
