import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/config/index.js';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { importValues } from './support.js';

/**
 * An export is a file outside the access control: protected fields (phones, document numbers, legal
 * names, birth dates) stay out unless asked for with --include-protected, and the command says so
 * (issue 15, part 4: GraphML wrote phones and document numbers in clear for anyone who ran it).
 */
const P = 'test-export-protected:';

describe('exports and protected fields', () => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    api = await startTestApi();
    dir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-export-protected-'));
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: `${P}source`, name: 'Export protected source' },
      {
        kind: 'Person', id: `${P}person`, name: 'Pseudonym P-1', legalName: 'Real Name Withheld', birthDate: '1990-02-03',
        phones: ['+60 12-345 6789'], documentNumbers: ['K7654321'], provenance: grade(`${P}source`),
      },
    ]);
    // From FollowTheMoney, identity properties we do not model (a partial birth date, an e-mail) are
    // kept in the entity's `ftm` record: protected as well.
    await importValues(api.db, [{ id: `${P}ftm-person`, schema: 'Person', properties: { name: ['Pseudonym P-2'], birthDate: ['1987'], email: ['someone@example.org'] } }], {
      ftm: { sourceId: `${P}ftm-source`, sourceName: 'Export protected FtM', reliability: 'F', credibility: 6 },
    });
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await removeByPrefix(api.db, `source:${P}`);
    await rm(dir, { recursive: true, force: true });
    await api.stop();
  });

  async function exportPerson(format: string, extra: string[] = []): Promise<{ text: string; stderr: string }> {
    const target = inject('neo4j');
    const out = path.join(dir, `${format}-${extra.length}.out`);
    const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password, LOG_LEVEL: 'warn' };
    const run = async (from: string, suffix: string) => {
      const file = `${out}.${suffix}`;
      const { stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'cli', 'export.ts'), '--from', from, '--depth', '0', '--format', format, '--out', file, ...extra], { cwd: projectRoot, env });
      return { text: await readFile(file, 'utf8'), stderr };
    };
    const [own, imported] = [await run(`${P}person`, 'own'), await run(`${P}ftm-person`, 'ftm')];
    return { text: own.text + imported.text, stderr: own.stderr + imported.stderr };
  }

  for (const format of ['graphml', 'native', 'ftm']) {
    it(`${format}: leaves them out and says so; puts them in with --include-protected`, async () => {
      const plain = await exportPerson(format);
      for (const value of ['345 6789', 'K7654321', 'Real Name Withheld', '1990-02-03', '1987', 'someone@example.org']) expect(plain.text, value).not.toContain(value);
      expect(plain.text).toContain('Pseudonym P-1');
      expect(plain.text).toContain('Pseudonym P-2');
      expect(plain.stderr).toMatch(/Protected fields .* of 1 entity were left out; --include-protected puts them in/);
      const full = await exportPerson(format, ['--include-protected']);
      for (const value of ['K7654321', 'Real Name Withheld', 'someone@example.org']) expect(full.text, value).toContain(value);
      expect(full.stderr).toMatch(/Protected fields included/);
    }, 60_000);
  }
});
