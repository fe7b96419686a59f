import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { removeByPrefix } from '../support/fixtures.js';
import { importValues } from './support.js';

const P = 't-ftm-';
const SOURCE = `source:${P}dataset`;
// Countries few other tests use, so that cleaning them up cannot disturb anyone.
const COUNTRIES = ['location:tv', 'location:nr'];

const ftm = (id: string, schema: string, properties: Record<string, string[]>) => ({ id: `${P}${id}`, schema, properties });
const ref = (id: string) => [`${P}${id}`];

/** Every imported schema, with links whose ends come later in the stream (the payment is first). */
const FILE = [
  ftm('payment-1', 'Payment', { payer: ref('company-1'), payerAccount: ref('bank-1'), beneficiary: ref('person-1'), beneficiaryAccount: ref('wallet-1'), amount: ['1500.50'], currency: ['usd'], date: ['2025-03-01'], purpose: ['consulting'] }),
  ftm('person-1', 'Person', { name: ['Recruiter One', 'R. One'], alias: ['The Agent'], nationality: ['tv'], gender: ['male'], birthDate: ['1980-02-03'], phone: ['+15550001'], passportNumber: ['P123'], position: ['boss'], topics: ['crime.traffick.human'] }),
  ftm('person-2', 'Person', { name: ['Victim Two'], citizenship: ['nr'], birthDate: ['1999'] }),
  ftm('org-1', 'Organization', { name: ['Group One'], jurisdiction: ['tv'], addressEntity: ref('addr-1') }),
  ftm('company-1', 'Company', { name: ['Front Company Ltd'], registrationNumber: ['REG-42'], country: ['nr'] }),
  ftm('legal-1', 'LegalEntity', { name: ['Legal One'] }),
  ftm('addr-1', 'Address', { full: ['1 Harbour Road, Funafuti'], city: ['Funafuti'], country: ['tv'], latitude: ['-8.52'], longitude: ['179.19'] }),
  ftm('bank-1', 'BankAccount', { iban: ['GB29NWBK60161331926819'], bankName: ['Example Bank'], currency: ['USD'], bic: ['NWBKGB2L'] }),
  ftm('wallet-1', 'CryptoWallet', { publicKey: ['TTestWalletAddress0001'], currencySymbol: ['USDT'], holder: ref('person-1') }),
  ftm('ownership-1', 'Ownership', { owner: ref('org-1'), asset: ref('company-1'), percentage: ['51'] }),
  ftm('ownership-2', 'Ownership', { owner: ref('person-2'), asset: ref('bank-1'), startDate: ['2024-01-02'] }),
  ftm('directorship-1', 'Directorship', { director: ref('person-1'), organization: ref('company-1'), role: ['managing director'] }),
  ftm('employment-1', 'Employment', { employee: ref('person-2'), employer: ref('legal-1'), role: ['clerk'] }),
  ftm('membership-1', 'Membership', { member: ref('person-1'), organization: ref('org-1') }),
  ftm('associate-1', 'Associate', { person: ref('person-1'), associate: ref('person-2'), relationship: ['business partner'] }),
  ftm('family-1', 'Family', { person: ref('person-2'), relative: ref('person-1'), relationship: ['cousin'] }),
  ftm('unknown-1', 'UnknownLink', { subject: ref('org-1'), object: ref('wallet-1'), role: ['controls'] }),
  ftm('sanction-1', 'Sanction', { entity: ref('org-1'), authority: ['OFAC'], program: ['SDGT'], reason: ['Scam compound operator'], startDate: ['2024-05-01'] }),
  ftm('note-1', 'Note', { entity: ref('person-1'), description: ['Seen recruiting at the border'] }),
  ftm('vessel-1', 'Vessel', { name: ['MV Unmapped'] }),
];

interface Edge { node: { id: string; type: string; relation?: string; role?: string }; other: { id: string }; direction: string }

describe('importing FollowTheMoney entities', () => {
  let api: TestApi;
  let summary: Awaited<ReturnType<typeof importValues>>;

  beforeAll(async () => {
    api = await startTestApi();
    const existing = await api.db.read<{ id: string }>('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id', { ids: COUNTRIES });
    if (existing.records.length > 0) throw new Error('test countries already exist; this test would remove them');
    summary = await importValues(api.db, FILE, { ftm: { sourceId: SOURCE, sourceName: 'FtM test', reliability: 'F', credibility: 6 } });
  });

  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await removeByPrefix(api.db, SOURCE);
    await api.db.write('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: COUNTRIES });
    await api.stop();
  });

  async function relationshipsOf(id: string): Promise<Edge[]> {
    const response = await api.graphql<{ node: { relationships: { edges: Edge[] } } }>(
      `query ($id: ID!) { node(id: $id) { relationships(first: 100) { edges { direction other { id } node { id type ... on Association { relation } ... on Membership { role } } } } } }`,
      { id },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.node.relationships.edges;
  }
  const links = (edges: Edge[]) => edges.map((e) => `${e.node.type} ${e.direction === 'OUTGOING' ? '->' : '<-'} ${e.other.id}`).sort();

  it('loads every mapped schema, rejects nothing and reports the unknown one', () => {
    expect(summary.rejections).toEqual([]);
    expect(summary.rejected).toBe(0);
    expect(summary.unknownSchemata).toEqual({ Vessel: 1 });
    expect(summary.lines).toBe(FILE.length);
  });

  it('reads a person back through the API with its properties, grades and links', async () => {
    const response = await api.graphql<{ node: Record<string, unknown> }>(
      `{ node(id: "${P}person-1") { id kind name aliases topics description grades { code sourceId } ... on Person { gender nationalities { id countryCode locationType name } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.node).toMatchObject({
      kind: 'PERSON', name: 'Recruiter One', aliases: ['R. One', 'The Agent'], gender: 'MALE', topics: ['crime.traffick.human'],
      grades: [{ code: 'F6', sourceId: SOURCE }],
      nationalities: [{ id: 'location:tv', countryCode: 'TV', locationType: 'COUNTRY', name: 'Tuvalu' }],
    });
    expect(links(await relationshipsOf(`${P}person-1`))).toEqual([
      `ASSOCIATED_WITH -> ${P}person-2`,
      `ASSOCIATED_WITH <- ${P}note-1`,
      `ASSOCIATED_WITH <- ${P}person-2`,
      `HOLDS -> ${P}wallet-1`,
      `MEMBER_OF -> ${P}company-1`,
      `MEMBER_OF -> ${P}org-1`,
      'NATIONAL_OF -> location:tv',
    ]);
  });

  it('maps the interval schemata to relationships chosen by the kinds of their ends', async () => {
    expect(links(await relationshipsOf(`${P}org-1`))).toEqual([
      `ASSOCIATED_WITH -> ${P}wallet-1`,
      `ASSOCIATED_WITH <- ${P}sanction-1`,
      `LOCATED_IN -> ${P}addr-1`,
      `MEMBER_OF <- ${P}person-1`,
      `MEMBER_OF -> ${P}company-1`,
    ].sort());
    const bank = await relationshipsOf(`${P}bank-1`);
    expect(links(bank)).toEqual([`HOLDS <- ${P}company-1`, `HOLDS <- ${P}person-2`, `TRANSFERRED -> ${P}wallet-1`]);
    expect(bank.find((e) => e.node.type === 'HOLDS' && e.other.id === `${P}person-2`)?.node.id).toBe(`${P}ownership-2`);
    const person2 = await relationshipsOf(`${P}person-2`);
    expect(person2.find((e) => e.node.id === `${P}family-1`)?.node.relation).toBe('family: cousin');
    expect(person2.find((e) => e.node.id === `${P}employment-1`)?.node.role).toBe('clerk');
  });

  it('turns a payment into a transfer between the accounts, with amount, currency and date', async () => {
    const response = await api.graphql<{ relationship: Record<string, unknown> }>(
      `{ relationship(id: "${P}payment-1") { type from { id } to { id } ... on Transfer { amount currency amountUsd at } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.relationship).toEqual({
      type: 'TRANSFERRED', from: { id: `${P}bank-1` }, to: { id: `${P}wallet-1` }, amount: 1500.5, currency: 'USD', amountUsd: 1500.5, at: '2025-03-01T00:00:00.000Z',
    });
  });

  it('maps accounts, addresses, sanctions and notes to kinds of the model', async () => {
    const response = await api.graphql<{ nodes: Array<Record<string, unknown>> }>(
      `{ nodes(ids: ["${P}bank-1", "${P}wallet-1", "${P}addr-1", "${P}sanction-1", "${P}note-1", "${P}company-1"]) {
          id kind name
          ... on Account { accountType identifier currency institution }
          ... on Location { locationType countryCode latitude }
          ... on Operation { agency startDate topics }
          ... on Organization { jurisdiction }
        } }`,
    );
    expect(response.errors).toBeUndefined();
    const byId = Object.fromEntries(response.data!.nodes.map((n) => [n['id'], n]));
    expect(byId[`${P}bank-1`]).toMatchObject({ kind: 'ACCOUNT', accountType: 'BANK_ACCOUNT', identifier: 'GB29NWBK60161331926819', currency: 'USD', institution: 'Example Bank' });
    expect(byId[`${P}wallet-1`]).toMatchObject({ kind: 'ACCOUNT', accountType: 'CRYPTO_WALLET', identifier: 'TTestWalletAddress0001', currency: 'USDT' });
    expect(byId[`${P}addr-1`]).toMatchObject({ kind: 'LOCATION', name: '1 Harbour Road, Funafuti', locationType: 'SITE', countryCode: 'TV', latitude: -8.52 });
    expect(byId[`${P}sanction-1`]).toMatchObject({ kind: 'OPERATION', name: 'SDGT', agency: 'OFAC', startDate: '2024-05-01', topics: ['sanction'] });
    expect(byId[`${P}note-1`]).toMatchObject({ kind: 'SOURCE', name: 'Seen recruiting at the border' });
    expect(byId[`${P}company-1`]).toMatchObject({ kind: 'ORGANIZATION', name: 'Front Company Ltd', jurisdiction: 'NR' });
  });

  it('keeps the FollowTheMoney properties the model does not have, with the schema', async () => {
    const { records } = await api.db.read<{ id: string; ftm: string }>(
      'MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.ftm AS ftm',
      { ids: [`${P}company-1`, `${P}person-2`, `${P}bank-1`] },
    );
    const kept = Object.fromEntries(records.map((r) => [r.get('id'), JSON.parse(r.get('ftm')) as unknown]));
    expect(kept[`${P}company-1`]).toEqual({ schema: 'Company', properties: { registrationNumber: ['REG-42'] } });
    expect(kept[`${P}person-2`]).toEqual({ schema: 'Person', properties: { birthDate: ['1999'] } });
    expect(kept[`${P}bank-1`]).toEqual({ schema: 'BankAccount', properties: { bic: ['NWBKGB2L'] } });
    const payment = await api.db.read<{ ftm: string }>('MATCH ()-[r:TRANSFERRED {id: $id}]->() RETURN r.ftm AS ftm', { id: `${P}payment-1` });
    expect(JSON.parse(payment.records[0]!.get('ftm'))).toEqual({ schema: 'Payment', properties: { purpose: ['consulting'] } });
  });
});
