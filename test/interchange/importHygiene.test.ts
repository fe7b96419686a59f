import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_IMPORT_NESTING } from '../../src/config/limits.js';
import { projectRoot } from '../../src/config/index.js';
import { fileLines, importNumberedLines, IMPORT_BATCH_SIZE, type Rejection } from '../../src/interchange/index.js';
import { grade, rel, removeByPrefix } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { dumpByPrefix, importValues } from './support.js';

const P = 't-import-hygiene-';
const json = (value: unknown) => JSON.stringify(value);

describe('import hygiene: what a file holds, not how it is read, decides what loads', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  /** Imports the bytes of a file, read as the command line reads it. */
  async function importBytes(bytes: Buffer) {
    const rejections: Rejection[] = [];
    // Cut into small chunks, so lines (and characters) straddle them.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    const summary = await importNumberedLines(api.db, fileLines(Readable.from(chunks)), { onReject: (r) => rejections.push(r) });
    return { ...summary, rejections };
  }

  it('refuses a line that is not valid UTF-8 by its number, stores no U+FFFD, and loads the rest', async () => {
    const p = `${P}utf8-`;
    const bytes = Buffer.concat([
      Buffer.from(`${json({ kind: 'Source', id: `${p}source`, name: 'Source' })}\n`),
      // "Café" in Latin-1: 0xE9 is not UTF-8.
      Buffer.from(`{"kind": "Person", "id": "${p}latin1", "name": "Caf`), Buffer.from([0xe9]), Buffer.from(`", "provenance": ${json(grade(`${p}source`))}}\r\n`),
      Buffer.from(`${json({ kind: 'Person', id: `${p}utf8`, name: 'Café Ωμέγα', provenance: grade(`${p}source`) })}\n`),
    ]);
    const summary = await importBytes(bytes);
    expect(summary.rejections).toEqual([{ line: 2, id: `${p}latin1`, reason: expect.stringMatching(/^line is not valid UTF-8 text \(the first bad byte is at character \d+\); save the file as UTF-8$/) }]);
    expect(summary.entities.created).toBe(2);
    const { records } = await api.db.read<{ id: string; name: string }>('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n.id AS id, n.name AS name ORDER BY id', { p });
    expect(records.map((r) => r.toObject())).toEqual([{ id: `${p}source`, name: 'Source' }, { id: `${p}utf8`, name: 'Café Ωμέγα' }]);
  });

  it('accepts a UTF-8 byte-order mark at the start of the file, read from bytes or given as text', async () => {
    const p = `${P}bom-`;
    const line = json({ kind: 'Source', id: `${p}source`, name: 'Saved with a BOM' });
    const fromBytes = await importBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${line}\n`)]));
    expect(fromBytes.rejections).toEqual([]);
    expect(fromBytes.entities.created).toBe(1);
    const fromText = await importValues(api.db, [`\uFEFF${json({ kind: 'Source', id: `${p}text`, name: 'BOM as text' })}`]);
    expect(fromText.rejections).toEqual([]);
    expect(fromText.entities.created).toBe(1);
  });

  it('refuses fields named like Object.prototype members as it refuses any unknown field', async () => {
    const p = `${P}proto-`;
    const names = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];
    const lines = [
      json({ kind: 'Source', id: `${p}source`, name: 'Source' }),
      json({ kind: 'Person', id: `${p}a`, name: 'A', provenance: grade(`${p}source`) }),
      json({ kind: 'Person', id: `${p}b`, name: 'B', provenance: grade(`${p}source`) }),
      // Raw text: JSON.stringify of an object literal would not keep an own `__proto__` key.
      ...names.map((name, i) => `{"kind": "Person", "id": "${p}entity-${i}", "name": "X", "${name}": "x", "provenance": ${json(grade(`${p}source`))}}`),
      ...names.map((name, i) => `{"type": "RECRUITED", "id": "${p}rel-${i}", "from": "${p}a", "to": "${p}b", "${name}": {"x": 1}, "provenance": ${json(grade(`${p}source`))}}`),
    ];
    const summary = await importValues(api.db, lines);
    expect(summary.rejections.map((r) => r.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    summary.rejections.forEach((r, i) => {
      const name = names[i % names.length]!;
      expect(r.reason).toBe(i < names.length
        ? `record.${name} is not a field of Person; expected one of id, name, aliases, provenance, description, illustrative, topics, roles, gender, ageBand, pseudonymous, legalName, birthDate, phones, documentNumbers`
        : `record.${name} is not a property of RECRUITED; expected one of id, from, to, provenance, date, method, channel, promisedJob, promisedMonthlyPayUsd, illustrative`);
    });
    expect(summary.entities.created).toBe(3);
    expect(summary.relationships.created).toBe(0);
  });

  it('keeps FollowTheMoney properties named like Object.prototype members as properties, never as the prototype', async () => {
    const p = `${P}ftm-proto-`;
    const line = `{"id": "${p}person", "schema": "Person", "properties": {"name": ["FtM person"], "__proto__": ["kept"], "constructor": ["kept too"]}}`;
    const summary = await importValues(api.db, [line]);
    expect(summary.rejections).toEqual([]);
    const { records } = await api.db.read<{ name: string; ftm: string }>('MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.ftm AS ftm', { id: `${p}person` });
    expect(records[0]?.get('name')).toBe('FtM person');
    const kept = JSON.parse(records[0]!.get('ftm')) as { properties: Record<string, unknown> };
    expect(Object.entries(kept.properties)).toEqual(expect.arrayContaining([['__proto__', ['kept']], ['constructor', ['kept too']]]));
  });

  it('refuses a line nested deeper than the limit with a clear message, and loads the rest', async () => {
    const p = `${P}deep-`;
    const deep = (levels: number) => `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;
    const lines = [
      json({ kind: 'Source', id: `${p}source`, name: 'Source' }),
      `{"kind": "Person", "id": "${p}deep", "name": "Deep", "aliases": ${deep(50_000)}, "provenance": ${json(grade(`${p}source`))}}`,
      `{"id": "${p}ftm-deep", "schema": "Person", "properties": {"name": ${deep(50_000)}}}`,
      // Brackets inside a string do not count.
      json({ kind: 'Person', id: `${p}brackets`, name: '[[[['.repeat(60), provenance: grade(`${p}source`) }),
    ];
    const summary = await importValues(api.db, lines);
    const reason = `line is nested more than ${MAX_IMPORT_NESTING} levels deep (arrays and objects within each other); a record is at most a few levels deep`;
    expect(summary.rejections).toEqual([{ line: 2, id: `${p}deep`, reason }, { line: 3, id: `${p}ftm-deep`, reason }]);
    expect(summary.entities.created).toBe(2);
  });

  it('gives the same graph and the same rejections with batch sizes 1, 7 and the default', async () => {
    const p = `${P}batches-`;
    const s = `${p}source`;
    const cases = [
      // A loop of five Sources, each citing the next, given before it; a person citing the loop.
      { kind: 'Person', id: `${p}cites-loop`, name: 'Cites the loop', provenance: grade(`${p}loop-3`) },
      ...[1, 2, 3, 4, 5].map((n) => ({ kind: 'Source', id: `${p}loop-${n}`, name: `Loop ${n}`, provenance: grade(`${p}loop-${(n % 5) + 1}`) })),
      // A loop that also cites a source never given: refused, with what cites it.
      { kind: 'Source', id: `${p}bad-loop-1`, name: 'Bad loop 1', provenance: [...grade(`${p}bad-loop-2`), ...grade(`${p}never`)] },
      { kind: 'Source', id: `${p}bad-loop-2`, name: 'Bad loop 2', provenance: grade(`${p}bad-loop-1`) },
      rel('RECRUITED', `${p}cites-loop`, `${p}late`, `${p}bad-loop-2`),
      // A chain given backwards, an end given late, a repeat that changes a waiting line, an id reused.
      { kind: 'Person', id: `${p}chained`, name: 'Chained', provenance: grade(`${p}chain-1`) },
      { kind: 'Source', id: `${p}chain-1`, name: 'Chain 1', provenance: grade(`${p}chain-2`) },
      { kind: 'Source', id: `${p}chain-2`, name: 'Chain 2', provenance: grade(s) },
      rel('RECRUITED', `${p}chained`, `${p}late`, `${p}loop-1`, { method: 'JOB_OFFER' }),
      { kind: 'Person', id: `${p}late`, name: 'Late', roles: ['FRAUD_VICTIM'], provenance: grade(`${p}loop-2`) },
      { kind: 'Person', id: `${p}late`, name: 'Late (renamed)', roles: ['TRAFFICKING_VICTIM'], provenance: grade(s) },
      { kind: 'Organization', id: `${p}late`, name: 'Not a person', provenance: grade(s) },
      // The same id twice: first waiting for a source given later, then ready at once (file order must win).
      { kind: 'Source', id: `${p}plain`, name: 'A plain source' },
      { kind: 'Person', id: `${p}repeat`, name: 'Repeat, waits', provenance: grade(s) },
      { kind: 'Person', id: `${p}repeat`, name: 'Repeat, ready', provenance: grade(`${p}plain`) },
      { kind: 'Source', id: s, name: 'The source, last' },
    ];
    // Accounts and transfers that wait for sources given later, so that every batch size cuts through waiting lines.
    const filler = [
      ...Array.from({ length: 12 }, (_, i) => ({ kind: 'Account', id: `${p}account-${i}`, name: `Account ${i}`, accountType: 'CRYPTO_WALLET', provenance: grade(i % 2 ? s : `${p}chain-2`) })),
      ...Array.from({ length: 11 }, (_, i) => rel('TRANSFERRED', `${p}account-${i}`, `${p}account-${i + 1}`, i % 3 ? s : `${p}loop-4`, { amount: i + 1, currency: 'USDT', at: '2025-01-01T00:00:00Z', reference: `tx-${i}` })),
    ];
    const lines = [...filler, ...cases].map(json);
    const outcomes = [];
    for (const batchSize of [1, 7, IMPORT_BATCH_SIZE]) {
      await removeByPrefix(api.db, p);
      const summary = await importValues(api.db, lines, { batchSize });
      outcomes.push({ batchSize, graph: await dumpByPrefix(api.db, p), rejections: [...summary.rejections].sort((a, b) => a.line - b.line) });
    }
    const [one, seven, byDefault] = outcomes;
    expect(byDefault!.graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([`${p}cites-loop`, `${p}loop-1`, `${p}loop-5`, `${p}chained`, `${p}late`]));
    expect(byDefault!.rejections.map((r) => r.id)).toEqual([`${p}bad-loop-1`, `${p}bad-loop-2`, `recruited:${p}cites-loop>${p}late`, `${p}late`]);
    // A later line for the same id is applied after the waiting one, whatever the batch: the file's last word stands.
    expect(byDefault!.graph.nodes.find((n) => n.id === `${p}repeat`)?.properties).toMatchObject({ name: 'Repeat, ready' });
    for (const other of [one!, seven!]) {
      expect(other.graph, `batch size ${other.batchSize}`).toEqual(byDefault!.graph);
      expect(other.rejections, `batch size ${other.batchSize}`).toEqual(byDefault!.rejections);
    }
  }, 180_000);

  it('refuses an invalid UTF-8 line and accepts a BOM from the command line', async () => {
    const target = inject('neo4j');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-import-hygiene-'));
    const p = `${P}cli-`;
    try {
      const file = path.join(dir, 'input.jsonl');
      await writeFile(file, Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${json({ kind: 'Source', id: `${p}source`, name: 'CLI source' })}\n`),
        Buffer.from(`{"kind": "Person", "id": "${p}bad", "name": "`), Buffer.from([0xc3, 0x28]), Buffer.from(`", "provenance": ${json(grade(`${p}source`))}}\n`),
        Buffer.from(`${json({ kind: 'Person', id: `${p}good`, name: 'Good', provenance: grade(`${p}source`) })}\n`),
      ]));
      const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password, LOG_LEVEL: 'warn' };
      const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'cli', 'import.ts'), '--batch-size', '1', file], { cwd: projectRoot, env })
        .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
        .catch((error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`input\\.jsonl:2 \\(${p}bad\\): line is not valid UTF-8 text`));
      expect(result.stdout).toMatch(/Read 3 lines .*entities 2 created.*1 rejected/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
