import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSubgraph, type Subgraph } from '../../src/graph/index.js';
import { ftmLines } from '../../src/interchange/index.js';
import { removeByPrefix } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { ftmValidate, importValues } from './support.js';

/**
 * FollowTheMoney in, FollowTheMoney out (issue 15, part 4): the library's own entities imported and
 * exported again (as an FtM tool would read them: without our `scamAtlas` record) keep every
 * property they had — under its FtM name, references included.
 */
const P = 'ftmrt-';
const SOURCE = `source:${P}dataset`;
const ftm = (id: string, schema: string, properties: Record<string, string[]>) => ({ id: `${P}${id}`, schema, properties });
const ref = (id: string) => [`${P}${id}`];
const COUNTRY = 'location:ws';

const FILE = [
  ftm('person-1', 'Person', { name: ['Recruiter One'], alias: ['The Agent'], gender: ['male'], birthDate: ['1980-02-03'], phone: ['+60123456789'], passportNumber: ['P123'], position: ['boss'] }),
  // A code FtM uses beyond ISO 3166-1 (`zz`: global) is not a country of ours: kept, and given back.
  ftm('person-2', 'Person', { name: ['Victim Two'], birthDate: ['1999'], nationality: ['zz'] }),
  ftm('org-1', 'Organization', { name: ['Group One'], jurisdiction: ['ws'], addressEntity: ref('addr-1') }),
  ftm('company-1', 'Company', { name: ['Front Company Ltd'], registrationNumber: ['REG-42'] }),
  ftm('addr-1', 'Address', { full: ['1 Harbour Road, Apia'], city: ['Apia'], country: ['ws'] }),
  ftm('bank-1', 'BankAccount', { iban: ['GB29NWBK60161331926819'], bankName: ['Example Bank'] }),
  ftm('bank-2', 'BankAccount', { accountNumber: ['000123456789'], bankName: ['Local Bank'] }),
  ftm('wallet-1', 'CryptoWallet', { publicKey: ['TTestWalletAddress0001'], currencySymbol: ['USDT'], holder: ref('person-1') }),
  ftm('payment-1', 'Payment', { payer: ref('company-1'), payerAccount: ref('bank-1'), beneficiary: ref('person-1'), beneficiaryAccount: ref('wallet-1'), amount: ['1500.5'], currency: ['usd'], date: ['2025-03-01'] }),
  ftm('sanction-1', 'Sanction', { entity: ref('org-1'), authority: ['OFAC'], program: ['SDGT'], startDate: ['2024-05-01'], country: ['eu'] }),
  ftm('membership-1', 'Membership', { member: ref('person-1'), organization: ref('org-1') }),
];

describe('FollowTheMoney → Scam Atlas → FollowTheMoney', () => {
  let api: TestApi;
  let exported: Map<string, { schema: string; properties: Record<string, string[]> }>;
  let lines: string[];
  beforeAll(async () => {
    api = await startTestApi();
    const existing = await api.db.read('MATCH (n:Entity {id: $id}) RETURN n', { id: COUNTRY });
    if (existing.records.length > 0) throw new Error(`${COUNTRY} already exists; this test would remove it`);
    await removeByPrefix(api.db, P);
    await importValues(api.db, FILE, { ftm: { sourceId: SOURCE, sourceName: 'FtM round trip', reliability: 'F', credibility: 6 } });
    // Every imported entity and what links them: the neighbourhoods of all, merged.
    const nodes = new Map<string, Subgraph['nodes'][number]>();
    const relationships = new Map<string, Subgraph['relationships'][number]>();
    for (const entity of FILE) {
      const around = await findSubgraph(api.db, entity.id, 1);
      for (const node of around?.nodes ?? []) nodes.set(node.id, node);
      for (const relationship of around?.relationships ?? []) relationships.set(relationship.id, relationship);
    }
    lines = [...ftmLines({ nodes: [...nodes.values()], relationships: [...relationships.values()], truncated: false })];
    exported = new Map(lines.map((line) => JSON.parse(line) as { id: string; schema: string; properties: Record<string, string[]> }).map((e) => [e.id, e]));
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await removeByPrefix(api.db, SOURCE);
    // The country the import created for the address (a country few other tests use).
    await removeByPrefix(api.db, COUNTRY);
    await api.stop();
  });

  for (const entity of FILE) {
    it(`${entity.schema} ${entity.id}: every property back under its FtM name`, () => {
      const out = exported.get(entity.id);
      expect(out?.schema, `${entity.id} came back`).toBe(entity.schema);
      for (const [name, values] of Object.entries(entity.properties)) {
        expect(out!.properties[name]?.map((v) => v.toLowerCase()).sort(), `${entity.id}.${name}`).toEqual(values.map((v) => v.toLowerCase()).sort());
      }
    });
  }

  it('and the followthemoney library reads the export whole', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-ftm-round-trip-'));
    try {
      const file = path.join(dir, 'round-trip.ftm.jsonl');
      await writeFile(file, `${lines.join('\n')}\n`);
      const summary = await ftmValidate(file);
      expect({ dropped: summary.dropped, stripped: summary.stripped, dangling: summary.dangling }).toEqual({ dropped: [], stripped: [], dangling: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
