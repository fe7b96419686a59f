import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/database/index.js';
import { Prng } from '../../src/generator/index.js';
import { identifierTextExpression } from '../../src/graph/identifierText.js';
import { identifierKey, identifierText, type EntityLabel } from '../../src/model/index.js';
import { bearer, hs256Token, TEST_SECRET } from '../auth/support.js';
import { grade, removeByPrefix, seedStory, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Identifier search by fragment (issue 15, part 1): the first or last characters of a wallet or an
 * IBAN, a part of a URL, a phone typed with other spaces find the entity, exact matches first;
 * protected identifiers only for the roles that read them.
 */
const P = 'test-identifier-search:';
const SOURCE = `${P}source`;
const IBAN = `${P}iban`;
const LONGER = `${P}iban-longer`;
const WALLET = `${P}wallet`;
const PERSON = `${P}person`;
const SEARCH = 'query ($text: String!, $first: Int) { search(text: $text, first: $first) { entity { id } match score } }';

type Hits = { search: Array<{ entity: { id: string }; match: string; score: number }> };

describe('identifier search by fragment', () => {
  let api: TestApi;
  const as = async (role: string) => bearer(await hs256Token({ role }, { subject: `${role}-1` }));
  const search = async (text: string, role = 'analyst') => {
    const answer = await api.graphql<Hits>(SEARCH, { text, first: 20 }, await as(role));
    expect(answer.errors).toBeUndefined();
    return answer.data!.search.filter((hit) => hit.entity.id.startsWith(P) || hit.entity.id.startsWith('account:'));
  };

  beforeAll(async () => {
    api = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET } });
    await seedStory(api.db);
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Identifier search source', url: 'https://www.Scam-Example.org/jobs/apply?ref=1' },
      { kind: 'Account', id: IBAN, name: 'Mule account', accountType: 'BANK_ACCOUNT', identifier: 'DE89 3704 0044 0532 0130 00', provenance: grade(SOURCE) },
      { kind: 'Account', id: LONGER, name: 'Other mule account', accountType: 'BANK_ACCOUNT', identifier: 'DE89370400440532013000 77', provenance: grade(SOURCE) },
      { kind: 'Account', id: WALLET, name: 'Hex wallet', accountType: 'CRYPTO_WALLET', identifier: '0xAbCdEf0123456789abcdef0123456789ABCDEF01', provenance: grade(SOURCE) },
      { kind: 'Person', id: PERSON, name: 'Pseudonymous recruiter', roles: ['RECRUITER'], phones: ['+60 12-345 6789'], documentNumbers: ['K1234567'], provenance: grade(SOURCE) },
    ]);
  }, 120_000);
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('finds the story\u2019s scam-linked wallet by its first characters, its last, a part, and pasted in another case with spaces', async () => {
    const wallet = 'account:scam-wallet-w1';
    expect((await search('TDemoScamLin'))[0]).toMatchObject({ entity: { id: wallet }, match: 'IDENTIFIER_START' });
    expect((await search('TDemoScamLinked'))[0]).toMatchObject({ entity: { id: wallet }, match: 'IDENTIFIER_START' });
    expect((await search('Illustrative1'))[0]).toMatchObject({ entity: { id: wallet }, match: 'IDENTIFIER_END' });
    expect((await search('LinkedWallet'))[0]).toMatchObject({ entity: { id: wallet }, match: 'IDENTIFIER_PART' });
    expect((await search('tdemo scam linked wallet illustrative 1'))[0]).toMatchObject({ entity: { id: wallet }, match: 'IDENTIFIER', score: 1 });
  });

  it('ranks the exact IBAN first, then the one it starts, and finds either by its end or a part', async () => {
    const pasted = await search('de89 3704 0044 0532 0130 00');
    expect(pasted.slice(0, 2).map((hit) => [hit.entity.id, hit.match])).toEqual([[IBAN, 'IDENTIFIER'], [LONGER, 'IDENTIFIER_START']]);
    expect((await search('0532013000')).map((hit) => [hit.entity.id, hit.match])).toContainEqual([IBAN, 'IDENTIFIER_END']);
    expect((await search('0400 4405')).map((hit) => hit.entity.id).sort()).toEqual([IBAN, LONGER]);
    expect((await search('DE8')).map((hit) => hit.entity.id)).not.toContain(IBAN);
  });

  it('takes 0x, URLs without their scheme, and keeps name search as it was', async () => {
    expect((await search('0xabcdef0123'))[0]).toMatchObject({ entity: { id: WALLET }, match: 'IDENTIFIER_START' });
    expect((await search('89ABCDEF01'))[0]).toMatchObject({ entity: { id: WALLET }, match: 'IDENTIFIER_END' });
    expect((await search('scam-example.org/jobs')).map((hit) => [hit.entity.id, hit.match])).toContainEqual([SOURCE, 'IDENTIFIER_START']);
    expect((await search('example.org/jobs/apply')).map((hit) => [hit.entity.id, hit.match])).toContainEqual([SOURCE, 'IDENTIFIER_PART']);
    const byName = await api.graphql<Hits>(SEARCH, { text: 'Myawady compund', first: 5 });
    expect(byName.data!.search[0]).toMatchObject({ entity: { id: 'scamcentre:mm-myawaddy-1' }, match: 'TEXT' });
  });

  it('searches phones and document numbers only for roles that may read them', async () => {
    expect((await search('12 345 6789', 'investigator')).map((hit) => [hit.entity.id, hit.match])).toContainEqual([PERSON, 'IDENTIFIER_END']);
    expect((await search('k1234567', 'admin')).map((hit) => [hit.entity.id, hit.match])).toContainEqual([PERSON, 'IDENTIFIER']);
    for (const role of ['analyst', 'viewer']) {
      expect((await search('12 345 6789', role)).map((hit) => hit.entity.id), role).not.toContain(PERSON);
      expect((await search('K1234567', role)).map((hit) => hit.entity.id), role).not.toContain(PERSON);
    }
  });

  it('computes the same keys in Cypher as in JavaScript, on generated identifiers', async () => {
    const random = new Prng(20261201);
    const pieces = ['https://', 'http://', 'www.', '0x', 'ftp://', ' ', '-', '+', '/', '.', 'A', 'z', '9', '0', 'é', 'Ω', '\u00a0', '\t', 'x', 'W'];
    const rows = Array.from({ length: 200 }, () => ({
      identifier: Array.from({ length: random.int(12) }, () => pieces[random.int(pieces.length)]!).join(''),
      phones: Array.from({ length: random.int(3) }, () => Array.from({ length: random.int(8) }, () => pieces[random.int(pieces.length)]!).join('')),
    }));
    for (const [label, which] of [['Account', 'public'], ['Person', 'protected']] as Array<[EntityLabel, 'public' | 'protected']>) {
      const { records } = await api.db.read<{ text: string | null }>(`UNWIND $rows AS r RETURN ${identifierTextExpression(label, which, 'r')} AS text`, { rows });
      expect(records.map((record) => record.get('text') ?? undefined), label).toEqual(rows.map((row) => identifierText(label, row, which)));
    }
    expect(identifierKey('\u00a0 HTTPS://WWW.Example.com/a-b ')).toBe('examplecomab');
    expect(identifierKey('0x00AB')).toBe('00ab');
  });

  it('reads the TEXT indexes, not every entity', async () => {
    for (const text of ['identifierText', 'protectedIdentifierText']) {
      const { summary } = await api.db.read(`EXPLAIN MATCH (n:Entity) WHERE n.${text} CONTAINS $key RETURN n`, { key: 'abcd' });
      const operators: string[] = [];
      const walk = (plan: { operatorType: string; children: unknown[] }) => {
        operators.push(plan.operatorType);
        for (const child of plan.children) walk(child as typeof plan);
      };
      walk(summary.plan as unknown as { operatorType: string; children: unknown[] });
      expect(operators.join(' '), text).toMatch(/NodeIndexContainsScan/);
    }
  });

  it('backfills stored entities as the writes do (migration 0009)', async () => {
    await api.db.write(
      `CREATE (:Entity:Account {id: $prefix + 'raw-account', name: 'Raw', identifier: 'GB29 NWBK 6016 1331 9268 19'}),
              (:Entity:Person {id: $prefix + 'raw-person', name: 'Raw person', phones: ['+66 2 123 4567'], documentNumbers: ['AA 123']})`,
      { prefix: P },
    );
    const migration = (await loadMigrations()).find((m) => m.version === 9)!;
    for (const statement of migration.statements) await api.db.runAutoCommit(statement, {}, 60_000);
    const { records } = await api.db.read<{ id: string; text: string | null; protectedText: string | null }>(
      'MATCH (n:Entity) WHERE n.id IN [$prefix + "raw-account", $prefix + "raw-person"] RETURN n.id AS id, n.identifierText AS text, n.protectedIdentifierText AS protectedText ORDER BY id',
      { prefix: P },
    );
    expect(records.map((r) => [r.get('text'), r.get('protectedText')])).toEqual([
      [identifierText('Account', { identifier: 'GB29 NWBK 6016 1331 9268 19' }, 'public'), null],
      [null, identifierText('Person', { phones: ['+66 2 123 4567'], documentNumbers: ['AA 123'] }, 'protected')],
    ]);
  });
});
