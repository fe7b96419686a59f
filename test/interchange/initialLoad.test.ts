import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkImportError, bulkImportIntoNewDatabase, embeddedDatabaseExists, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/database/embedded/index.js';
import { Database } from '../../src/database/index.js';
import { networkLines } from '../../src/generator/index.js';
import { ARRAY_DELIMITER, countryLocationId, initialLoad, stageInitialLoad, type InitialLoadSummary, type NumberedLine, type Rejection } from '../../src/interchange/index.js';
import { grade, rel, removeByPrefix } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { dumpByPrefix, importValues } from './support.js';

const P = 't-initial-load-';
const logger = pino({ level: 'warn' });
/** A country only this test names (FollowTheMoney nationalities create country Locations outside the prefix; removed after). */
const FTM_COUNTRY = 'nu';
const ftmDataset = { sourceId: `${P}source:ftm`, sourceName: 'FtM test dataset', reliability: 'F', credibility: 6 };

/**
 * A generated network, then every case the initial load must hand to the transactional pass or
 * reject exactly as the transactional import does.
 */
function inputLines(): string[] {
  const s = `${P}source`;
  const cases: unknown[] = [
    // A relationship before its ends, an entity before its source.
    rel('RECRUITED', `${P}recruiter`, `${P}victim`, s, { method: 'JOB_OFFER', date: '2024-03-01' }),
    { kind: 'Person', id: `${P}recruiter`, name: 'Recruiter "The Agent", Sr.', aliases: ['R; One', 'Агент'], roles: ['RECRUITER'], provenance: grade(`${P}late-source`) },
    { kind: 'Source', id: `${P}late-source`, name: 'A source that comes later', defaultReliability: 'C' },
    { kind: 'Source', id: s, name: 'The source' },
    { kind: 'Person', id: `${P}victim`, name: 'Victim', roles: ['FRAUD_VICTIM'], provenance: grade(s) },
    // A repeat: the later line updates the first, and now makes her a trafficking victim.
    { kind: 'Person', id: `${P}victim`, name: 'Victim (renamed)', roles: ['FRAUD_VICTIM', 'TRAFFICKING_VICTIM'], provenance: grade(s) },
    // A repeat of an id as another kind: refused.
    { kind: 'ScamCentre', id: `${P}victim`, name: 'Not a person', provenance: grade(s) },
    // Text the bulk importer's CSV cannot carry: a line break, the array delimiter.
    { kind: 'ScamCentre', id: `${P}compound`, name: 'Compound', description: 'Line one\nline two', status: 'ACTIVE', estimatedWorkforce: 1200, provenance: grade(s) },
    { kind: 'Organization', id: `${P}group`, name: 'Group', aliases: [`odd${ARRAY_DELIMITER}alias`], provenance: grade(s) },
    { kind: 'Location', id: `${P}country`, name: 'Tuvalu', locationType: 'COUNTRY', countryCode: 'TV', provenance: grade(s) },
    { kind: 'Location', id: `${P}city`, name: 'Funafuti', locationType: 'CITY', countryCode: 'TV', latitude: -8.52, longitude: 179.19, provenance: grade(s) },
    { kind: 'Account', id: `${P}wallet`, name: 'Wallet', accountType: 'CRYPTO_WALLET', identifier: 'TWallet0001', provenance: grade(s), ftm: { schema: 'CryptoWallet', properties: { note: ['kept "as is"'] } } },
    rel('HELD_AT', `${P}victim`, `${P}compound`, s, { heldFrom: '2024-03-10' }),
    rel('OPERATES', `${P}group`, `${P}compound`, s),
    rel('NATIONAL_OF', `${P}victim`, `${P}country`, s),
    rel('HOLDS', `${P}recruiter`, `${P}wallet`, s),
    // A relationship repeated by id with a change.
    { ...rel('RECRUITED', `${P}recruiter`, `${P}victim`, s, { method: 'SOCIAL_MEDIA', date: '2024-03-01' }), id: `${P}recruitment` },
    { ...rel('RECRUITED', `${P}recruiter`, `${P}victim`, s, { method: 'JOB_OFFER', date: '2024-03-02' }), id: `${P}recruitment` },
    // Refused: a missing end, a wrong kind of end, a nationality that is a city, bad lines.
    rel('RECRUITED', `${P}recruiter`, `${P}nobody`, s),
    rel('HELD_AT', `${P}city`, `${P}compound`, s),
    rel('NATIONAL_OF', `${P}recruiter`, `${P}city`, s),
    '{"kind": "Person", "id": "broken", ',
    { kind: 'Person', id: `${P}robot`, name: 'Robot', gender: 'ROBOT', provenance: grade(s) },
    { kind: 'Person', id: `${P}unsourced`, name: 'Unsourced', provenance: grade(`${P}no-such-source`) },
    // FollowTheMoney: an entity, a link to one of ours, a schema we do not import.
    { id: `${P}ftm-person`, schema: 'Person', properties: { name: ['FtM Person'], nationality: [FTM_COUNTRY] } },
    { id: `${P}ftm-membership`, schema: 'Membership', properties: { member: [`${P}ftm-person`], organization: [`${P}group`] } },
    { id: `${P}ftm-vessel`, schema: 'Vessel', properties: { name: ['Boat'] } },
    // A native relationship to an entity that came from FollowTheMoney.
    rel('MEMBER_OF', `${P}recruiter`, `${P}group`, s),
    rel('RECRUITED', `${P}ftm-person`, `${P}victim`, s),
    // A FollowTheMoney link between our entities, then a native line of the same id: the later one wins.
    { id: `${P}ftm-membership-2`, schema: 'Membership', properties: { member: [`${P}victim`], organization: [`${P}group`], role: ['cook'] } },
    { ...rel('MEMBER_OF', `${P}victim`, `${P}group`, s, { role: 'driver' }), id: `${P}ftm-membership-2` },
    // A Location repeated with another type: relationships after it are checked against the new one.
    { kind: 'Location', id: `${P}place`, name: 'Somewhere', locationType: 'CITY', countryCode: 'TV', provenance: grade(s) },
    { kind: 'Location', id: `${P}place`, name: 'Somewhere', locationType: 'COUNTRY', countryCode: 'TV', provenance: grade(s) },
    rel('NATIONAL_OF', `${P}victim`, `${P}place`, s),
    // Sources that cite sources arriving later, in a chain; a person citing itself as a source (refused).
    { kind: 'Person', id: `${P}cited`, name: 'Cited', provenance: grade(`${P}chain-1`) },
    { kind: 'Source', id: `${P}chain-1`, name: 'Chain 1', provenance: grade(`${P}chain-2`) },
    { kind: 'Source', id: `${P}chain-2`, name: 'Chain 2' },
    { kind: 'Person', id: `${P}self-cited`, name: 'Self', provenance: grade(`${P}self-cited`) },
    // Citing a Source that is itself refused (its id is a Person's; it cites a source never given): refused too.
    { kind: 'Source', id: `${P}victim`, name: 'Not a source: the id is a person' },
    { kind: 'Person', id: `${P}cites-refused`, name: 'Cites a refused source', provenance: grade(`${P}victim`) },
    { kind: 'Source', id: `${P}waiting-source`, name: 'Cites a source never given', provenance: grade(`${P}never-given`) },
    { kind: 'Person', id: `${P}cites-waiting`, name: 'Cites the waiting source', provenance: grade(`${P}waiting-source`) },
    // Sources citing each other in a loop, each before the next is given, and a person citing the loop: all written.
    { kind: 'Person', id: `${P}cites-loop`, name: 'Cites a loop', provenance: grade(`${P}loop-3`) },
    ...[1, 2, 3, 4, 5].map((n) => ({ kind: 'Source', id: `${P}loop-${n}`, name: `Loop ${n}`, provenance: grade(`${P}loop-${(n % 5) + 1}`) })),
    // A loop that also cites a source never given: refused, with whatever cites it.
    { kind: 'Source', id: `${P}bad-loop-1`, name: 'Bad loop 1', provenance: [...grade(`${P}bad-loop-2`), ...grade(`${P}never-given`)] },
    { kind: 'Source', id: `${P}bad-loop-2`, name: 'Bad loop 2', provenance: grade(`${P}bad-loop-1`) },
    { kind: 'Person', id: `${P}cites-bad-loop`, name: 'Cites the bad loop', provenance: grade(`${P}bad-loop-2`) },
    '',
  ];
  return [...networkLines({ entities: 300, seed: 11, prefix: `${P}gen:` }), ...cases.map((c) => (typeof c === 'string' ? c : JSON.stringify(c)))];
}

const numbered = (lines: string[]): NumberedLine[] => lines.map((text, i) => ({ line: i + 1, text }));

const byLine = (rejections: Rejection[]) => [...rejections].sort((a, b) => a.line - b.line || (a.id ?? '').localeCompare(b.id ?? ''));

describe('the initial load (Neo4j bulk importer)', () => {
  let api: TestApi;
  let dataDir: string;
  let embedded: EmbeddedNeo4j | undefined;
  let driverClose: (() => Promise<void>) | undefined;
  let bulkDb: Database;
  let summary: InitialLoadSummary;
  const rejections: Rejection[] = [];
  /** The same input through the transactional import (default batch size), into the test API's graph. */
  let transactional: Awaited<ReturnType<typeof importValues>>;

  beforeAll(async () => {
    api = await startTestApi();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-initial-load-'));
    summary = await initialLoad(numbered(inputLines()), {
      dataDir,
      importerHeap: '512m',
      logger,
      ftm: ftmDataset,
      onReject: (r) => rejections.push(r),
      // The transactional pass one line per transaction: the outcome does not depend on it.
      batchSize: 1,
      openDatabase: async () => {
        embedded = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap: '1g', pageCache: '256m', startTimeoutMs: 180_000, logger });
        const driver = neo4j.driver(embedded.uri, neo4j.auth.basic(embedded.username, embedded.password), { disableLosslessIntegers: true });
        driverClose = () => driver.close();
        bulkDb = new Database(driver, { database: undefined, queryTimeoutMs: 60_000 });
        // Kept open after the load, for the comparison.
        return { db: bulkDb, close: async () => undefined };
      },
    });
    transactional = await importValues(api.db, inputLines(), { ftm: ftmDataset });
  }, 300_000);

  afterAll(async () => {
    await driverClose?.();
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await removeByPrefix(api.db, P);
    await api.db.write('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: countryLocationId(FTM_COUNTRY) });
    await api.stop();
  });

  it('gives the graph, the counts and the rejections the transactional import gives', async () => {
    const [expected, actual] = [await dumpByPrefix(api.db, P), await dumpByPrefix(bulkDb, P)];
    expect(actual.nodes.length).toBeGreaterThan(300);
    expect(actual.relationships.length).toBeGreaterThan(500);
    expect(actual.nodes).toEqual(expected.nodes);
    expect(actual.relationships).toEqual(expected.relationships);
    expect(byLine(rejections)).toEqual(byLine(transactional.rejections));
    // Created counts agree; "updated" may not: the transactional import folds repeats that fall in
    // one batch into one write (counted as created only), the initial load updates what it bulk-loaded.
    expect(summary.entities.created).toBe(transactional.entities.created);
    expect(summary.relationships.created).toBe(transactional.relationships.created);
    expect(summary.unknownSchemata).toEqual({ Vessel: 1 });
    // The bulk importer took most of it; the cases above went through the transactional pass.
    expect(summary.transactionalLines).toBeGreaterThan(5);
    expect(summary.transactionalLines).toBeLessThan(40);
  });

  it('wrote every Source of a loop and what cites it, and refused a loop that cites a source never given, on both paths', async () => {
    for (const db of [api.db, bulkDb]) {
      const { records } = await db.read<{ id: string }>('MATCH (n:Entity) WHERE n.id STARTS WITH $loop OR n.id = $cites RETURN n.id AS id ORDER BY id', { loop: `${P}loop-`, cites: `${P}cites-loop` });
      expect(records.map((r) => r.get('id'))).toEqual([`${P}cites-loop`, ...[1, 2, 3, 4, 5].map((n) => `${P}loop-${n}`)]);
    }
    const refused = byLine(rejections).filter((r) => r.id?.includes('bad-loop')).map((r) => r.id);
    expect(refused).toEqual([`${P}bad-loop-1`, `${P}bad-loop-2`, `${P}cites-bad-loop`]);
  });

  it('refuses the same bad input with the same rule text from a mutation, an import line and the initial load', async () => {
    const provenance = grade(`${P}source`);
    const cases = [
      { id: `${P}victim`, mutation: 'upsertScamCentre(input: {id: $id, name: "Not a person", provenance: $provenance})', field: 'input.id' },
      { id: `${P}unsourced`, mutation: `upsertPerson(input: {id: $id, name: "Unsourced", provenance: [{source: "${P}no-such-source", reliability: B, credibility: 2}]})`, field: 'input.provenance' },
      { id: `recruited:${P}recruiter>${P}nobody`, mutation: `linkRecruitment(input: {from: "${P}recruiter", to: "${P}nobody", provenance: $provenance})`, field: 'input.to' },
      { id: `held_at:${P}city>${P}compound`, mutation: `linkConfinement(input: {from: "${P}city", to: "${P}compound", provenance: $provenance})`, field: 'input.from' },
      { id: `national_of:${P}recruiter>${P}city`, mutation: `linkNationality(input: {from: "${P}recruiter", to: "${P}city", provenance: $provenance})`, field: 'input.to' },
    ];
    for (const { id, mutation, field } of cases) {
      const imported = transactional.rejections.find((r) => r.id === id);
      const loaded = rejections.find((r) => r.id === id);
      expect(imported, id).toBeDefined();
      expect(loaded?.reason, id).toBe(imported!.reason);
      const variables = [mutation.includes('$id') && '$id: ID!', mutation.includes('$provenance') && '$provenance: [ProvenanceInput!]!'].filter(Boolean).join(', ');
      const response = await api.graphql(`mutation (${variables}) { ${mutation} { id } }`, { id, provenance });
      expect(response.errors?.[0]?.extensions?.['code'], JSON.stringify(response.errors)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toBe(`${field} ${imported!.reason}`);
    }
  });

  it('built the store the API reads: constraints online, derived labels, fulltext search', async () => {
    const { records } = await bulkDb.read<{ name: string }>("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name");
    expect(records.map((r) => r.get('name'))).toEqual(expect.arrayContaining(['entity_id_unique', 'recruited_id_unique', 'entity_search']));
    const victims = await bulkDb.read<{ victim: boolean }>('MATCH (p:Entity {id: $id}) RETURN p:TraffickingVictim AS victim', { id: `${P}victim` });
    expect(victims.records[0]?.get('victim')).toBe(true);
    const found = await bulkDb.read<{ id: string }>("CALL db.index.fulltext.queryNodes('entity_search', 'TWallet0001') YIELD node RETURN node.id AS id");
    expect(found.records.map((r) => r.get('id'))).toContain(`${P}wallet`);
  });

  it('refuses to run over a database that exists, and changes nothing', async () => {
    const before = await bulkDb.read<{ n: number }>('MATCH (n) RETURN count(n) AS n');
    const attempt = initialLoad(numbered(['{"kind": "Source", "id": "x", "name": "X"}']), {
      dataDir, importerHeap: '512m', logger, openDatabase: async () => ({ db: bulkDb, close: async () => undefined }),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'DATABASE_EXISTS', message: expect.stringMatching(/already exists.*without --initial-load/s) });
    const after = await bulkDb.read<{ n: number }>('MATCH (n) RETURN count(n) AS n');
    expect(after.records[0]?.get('n')).toBe(before.records[0]?.get('n'));
  });

  it('stages the same files on worker threads as on one thread', async () => {
    const [a, b] = [await mkdtemp(path.join(os.tmpdir(), 'stage-a-')), await mkdtemp(path.join(os.tmpdir(), 'stage-b-'))];
    try {
      const now = '2026-01-01T00:00:00.000Z';
      const one = await stageInitialLoad(numbered(inputLines()), a, { now, workers: 0, ftm: ftmDataset });
      const two = await stageInitialLoad(numbered(inputLines()), b, { now, workers: 2, ftm: ftmDataset });
      expect(two.lines).toBe(one.lines);
      expect(two.rejected).toBe(one.rejected);
      const files = (await readdir(a)).sort();
      expect((await readdir(b)).sort()).toEqual(files);
      for (const file of files) expect(await readFile(path.join(b, file), 'utf8')).toBe(await readFile(path.join(a, file), 'utf8'));
    } finally {
      await rm(a, { recursive: true, force: true });
      await rm(b, { recursive: true, force: true });
    }
  });

  it('keeps nothing when the bulk importer fails', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-bulk-fail-'));
    try {
      const file = path.join(home, 'nodes.csv');
      // The same id twice: the importer refuses the input.
      await writeFile(file, 'id:ID(Entity),name\n"a","A"\n"a","Again"\n');
      const attempt = bulkImportIntoNewDatabase({ nodes: [{ labels: ['Entity', 'Source'], file }], relationships: [], arrayDelimiter: ARRAY_DELIMITER }, { dataDir: home, heap: '512m', workDir: home, logger });
      await expect(attempt).rejects.toBeInstanceOf(BulkImportError);
      await expect(attempt).rejects.toMatchObject({ code: 'IMPORT_FAILED', message: expect.stringMatching(/bulk importer failed.*nothing was kept/s) });
      expect(embeddedDatabaseExists(home)).toBe(false);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }, 120_000);
});
