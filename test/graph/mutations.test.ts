import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshResolutionKeys } from '../../src/graph/index.js';
import { RELATIONSHIPS, RELATIONSHIP_TYPES, type EntityLabel, type RelationshipType } from '../../src/model/index.js';
import { countGraph, removeByPrefix } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

const P = 'test-mutations:';
const SOURCE = `${P}source`;
const PROVENANCE = [{ source: SOURCE, reliability: 'B', credibility: 2 }];

/** A valid input per kind, with every kind-specific field set, and the fields to read back. */
const ENTITIES: Record<EntityLabel, { mutation: string; input: Record<string, unknown>; fields: string }> = {
  Source: {
    mutation: 'upsertSource',
    input: { id: SOURCE, name: 'Test report', publisher: 'Test Press', url: 'https://example.org/report', publishedAt: '2025-11-25', defaultReliability: 'B' },
    fields: 'publisher url publishedAt defaultReliability',
  },
  Person: {
    mutation: 'upsertPerson',
    input: { id: `${P}person`, name: "Recruiter 'Test'", aliases: ['RT'], illustrative: true, topics: ['crime.traffick.human'], roles: ['RECRUITER', 'TRAFFICKING_VICTIM'], gender: 'MALE', ageBand: 'AGE_24_26', pseudonymous: true, legalName: 'Secret Name', phones: ['+10000000000'], provenance: PROVENANCE },
    fields: 'roles gender ageBand pseudonymous',
  },
  Organization: {
    mutation: 'upsertOrganization',
    input: { id: `${P}org`, name: 'Test Group', orgType: 'CRIMINAL_GROUP', jurisdiction: 'mm', website: 'https://example.org', provenance: PROVENANCE },
    fields: 'orgType jurisdiction website',
  },
  ScamCentre: {
    mutation: 'upsertScamCentre',
    input: { id: `${P}centre`, name: 'Test Compound', status: 'ACTIVE', scamTypes: ['PIG_BUTCHERING'], estimatedWorkforce: 1200, firstSeen: '2023-01-01', lastSeen: '2025-10-01', latitude: 16.7, longitude: 98.5, provenance: PROVENANCE },
    fields: 'status scamTypes estimatedWorkforce firstSeen lastSeen latitude longitude',
  },
  Location: {
    mutation: 'upsertLocation',
    input: { id: `${P}place`, name: 'Testland', locationType: 'COUNTRY', countryCode: 'ZW', latitude: 1.5, longitude: 2.5, provenance: PROVENANCE },
    fields: 'locationType countryCode latitude longitude',
  },
  Account: {
    mutation: 'upsertAccount',
    input: { id: `${P}account`, name: 'Test wallet', accountType: 'CRYPTO_WALLET', identifier: 'TTestWallet000000000000000000000001', currency: 'USDT', chain: 'TRON', institution: 'Test Exchange', flagged: true, provenance: PROVENANCE },
    fields: 'accountType identifier currency chain institution flagged',
  },
  Operation: {
    mutation: 'upsertOperation',
    input: { id: `${P}operation`, name: 'Operation Test', agency: 'Interpol', startDate: '2025-10-01', endDate: '2025-10-31', countriesInvolved: ['TH', 'my'], countriesInvolvedCount: 21, arrests: 200, victimsIdentified: 100, hotspotsInspected: 200, provenance: PROVENANCE },
    fields: 'agency startDate endDate countriesInvolved countriesInvolvedCount arrests victimsIdentified hotspotsInspected',
  },
};

const INPUT_TYPE: Record<EntityLabel, string> = {
  Source: 'SourceInput', Person: 'PersonInput', Organization: 'OrganizationInput', ScamCentre: 'ScamCentreInput',
  Location: 'LocationInput', Account: 'AccountInput', Operation: 'OperationInput',
};

/** Link mutation, its input type, and type-specific properties per relationship type. */
const LINKS: Record<RelationshipType, { mutation: string; inputType: string; properties: Record<string, unknown>; fields: string }> = {
  RECRUITED: { mutation: 'linkRecruitment', inputType: 'RecruitmentInput', properties: { date: '2024-05-01', method: 'JOB_OFFER', channel: 'FACEBOOK', promisedJob: 'customer service', promisedMonthlyPayUsd: 1500 }, fields: 'date method channel promisedJob promisedMonthlyPayUsd' },
  TRAVELLED_TO: { mutation: 'linkJourneyStop', inputType: 'JourneyStopInput', properties: { seq: 2, date: '2024-05-10', stage: 'TRANSIT' }, fields: 'seq date stage location { id }' },
  HELD_AT: { mutation: 'linkConfinement', inputType: 'ConfinementInput', properties: { heldFrom: '2024-06-01', heldUntil: '2025-10-20', controlMethods: ['ARMED_GUARDS', 'WITHHOLDS_DOCUMENTS'], forcedActivity: 'romance scams' }, fields: 'heldFrom heldUntil controlMethods forcedActivity' },
  NATIONAL_OF: { mutation: 'linkNationality', inputType: 'NationalityInput', properties: {}, fields: 'id' },
  OPERATES: { mutation: 'linkOperatorship', inputType: 'OperatorshipInput', properties: { role: 'financier' }, fields: 'role' },
  MEMBER_OF: { mutation: 'linkMembership', inputType: 'MembershipInput', properties: { role: 'member' }, fields: 'role' },
  LOCATED_IN: { mutation: 'linkPlacement', inputType: 'PlacementInput', properties: {}, fields: 'id' },
  HOLDS: { mutation: 'linkHolding', inputType: 'HoldingInput', properties: { since: '2023-02-02' }, fields: 'since' },
  TRANSFERRED: { mutation: 'linkTransfer', inputType: 'TransferInput', properties: { amount: 1000, currency: 'USDT', amountUsd: 999.5, at: '2025-03-18T10:00:00+07:00', reference: '0xabc' }, fields: 'amount currency amountUsd at reference' },
  LINKED_TO: { mutation: 'linkAttribution', inputType: 'AttributionInput', properties: { basis: 'blockchain analysis' }, fields: 'basis' },
  DEFRAUDED: { mutation: 'linkFraud', inputType: 'FraudInput', properties: { date: '2025-01-01', scamType: 'PIG_BUTCHERING', lossUsd: 185000 }, fields: 'date scamType lossUsd' },
  TARGETED: { mutation: 'linkTargeting', inputType: 'TargetingInput', properties: { date: '2025-10-15', outcome: 'raided', illustrative: true }, fields: 'date outcome illustrative' },
  ARRESTED: { mutation: 'linkArrest', inputType: 'ArrestInput', properties: { date: '2025-10-15', outcome: 'charged' }, fields: 'date outcome' },
  RESCUED: { mutation: 'linkRescue', inputType: 'RescueInput', properties: { date: '2025-10-15', outcome: 'repatriated' }, fields: 'date outcome' },
  CONDUCTED: { mutation: 'linkConduct', inputType: 'ConductInput', properties: {}, fields: 'id illustrative' },
  CLAIMED: { mutation: 'linkClaim', inputType: 'ClaimInput', properties: { statement: 'hundreds of thousands trafficked', date: '2025-11-25', measure: 'PEOPLE_TRAFFICKED', figureText: 'hundreds of thousands', figureLow: 200000, figureHigh: 999999 }, fields: 'statement date measure figureText figureLow figureHigh' },
  ASSOCIATED_WITH: { mutation: 'linkAssociation', inputType: 'AssociationInput', properties: { relation: 'family: sister', startDate: '2020-01-01' }, fields: 'relation startDate endDate' },
};

const ids: Record<EntityLabel, string> = Object.fromEntries(Object.entries(ENTITIES).map(([label, spec]) => [label, spec.input['id']])) as Record<EntityLabel, string>;
/** A second entity per kind, so that every relationship type has two distinct valid ends. */
const otherId = (label: EntityLabel) => `${ids[label]}-2`;

function endsOf(type: RelationshipType): { from: string; to: string } {
  const spec = RELATIONSHIPS[type];
  const fromLabel = spec.from[0]!;
  const toLabel = spec.to[0]!;
  return { from: ids[fromLabel], to: fromLabel === toLabel ? otherId(toLabel) : ids[toLabel] };
}

describe('mutations', () => {
  let api: TestApi;

  const upsert = (label: EntityLabel, input: Record<string, unknown>) =>
    api.graphql<Record<string, { id: string }>>(`mutation ($input: ${INPUT_TYPE[label]}!) { result: ${ENTITIES[label].mutation}(input: $input) { id } }`, { input });

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
  });
  // The entities stay for the bad-input tests below, which remove them.
  afterAll(() => api.stop());

  for (const label of Object.keys(ENTITIES) as EntityLabel[]) {
    it(`upserts a ${label} and reads it back with its properties and provenance`, async () => {
      const spec = ENTITIES[label];
      for (const input of [spec.input, { ...spec.input, id: otherId(label), name: `${String(spec.input['name'])} 2` }]) {
        const written = await upsert(label, input);
        expect(written.errors).toBeUndefined();
      }
      const read = await api.graphql<{ node: Record<string, unknown> }>(
        `query ($id: ID!) { node(id: $id) { __typename id kind name aliases illustrative topics sources { id } grades { sourceId code reliability credibility } ... on ${label} { ${spec.fields} } } }`,
        { id: spec.input['id'] },
      );
      expect(read.errors).toBeUndefined();
      const node = read.data!.node;
      expect(node['__typename']).toBe(label);
      expect(node['name']).toBe(spec.input['name']);
      if (label !== 'Source') {
        expect(node['sources']).toEqual([{ id: SOURCE }]);
        expect(node['grades']).toEqual([{ sourceId: SOURCE, code: 'B2', reliability: 'B', credibility: 2 }]);
      }
      for (const field of spec.fields.split(' ').filter((f) => /^[a-z]/i.test(f) && f in spec.input)) {
        const expected = spec.input[field];
        const normalised = field === 'jurisdiction' || field === 'countriesInvolved' ? JSON.parse(JSON.stringify(expected).toUpperCase()) : field === 'website' ? 'https://example.org/' : expected;
        expect(node[field], field).toEqual(normalised);
      }
    });
  }

  it("leaves each upserted entity's blocking keys as a re-read of the stored entity gives them (the write's own node vs the plain path)", async () => {
    const written = Object.values(ids).flatMap((id) => [id, `${id}-2`]);
    const keysOf = async () => {
      const { records } = await api.db.read<{ id: string; keys: string[] }>(
        'UNWIND $ids AS id OPTIONAL MATCH (k:ResolutionKey {entityId: id}) WITH id, k.key AS key ORDER BY key RETURN id, collect(key) AS keys ORDER BY id',
        { ids: written },
      );
      return records.map((r) => [r.get('id'), r.get('keys')]);
    };
    const afterMutations = await keysOf();
    expect(afterMutations.some(([, keys]) => (keys as string[]).length > 1)).toBe(true);
    await api.db.writeTransaction((tx) => refreshResolutionKeys(tx, written));
    expect(await keysOf()).toEqual(afterMutations);
  });

  it('keeps protected person fields from roles below investigator', async () => {
    const query = `{ node(id: "${ids.Person}") { ... on Person { protected { legalName } } } }`;
    const analyst = await startTestApi({}, undefined, { auth: { anonymousRole: 'analyst' } });
    try {
      const read = await analyst.graphql<{ node: { protected: unknown } }>(query);
      expect(read.data!.node.protected).toBeNull();
    } finally {
      await analyst.stop();
    }
    const asAdmin = await api.graphql<{ node: { protected: unknown } }>(query);
    expect(asAdmin.data!.node.protected).not.toBeNull();
  });

  it('is idempotent: the same upsert twice leaves the same graph', async () => {
    const before = await countGraph(api.db);
    await upsert('Person', ENTITIES.Person.input);
    expect(await countGraph(api.db)).toEqual(before);
  });

  for (const type of RELATIONSHIP_TYPES) {
    it(`links ${type} with its properties and provenance, reads it from both ends, and unlinks it`, async () => {
      const link = LINKS[type];
      const { from, to } = endsOf(type);
      const mutation = `mutation ($input: ${link.inputType}!) { result: ${link.mutation}(input: $input) { id type from { id } to { id } grades { code } ... on ${RELATIONSHIPS[type].graphqlType} { ${link.fields} } } }`;
      const input = { from, to, provenance: PROVENANCE, ...link.properties };
      const first = await api.graphql<{ result: Record<string, unknown> }>(mutation, { input });
      expect(first.errors).toBeUndefined();
      const relationship = first.data!.result;
      expect(relationship).toMatchObject({ type, from: { id: from }, to: { id: to }, grades: [{ code: 'B2' }] });
      for (const [field, value] of Object.entries(link.properties)) {
        expect(relationship[field], field).toEqual(field === 'at' ? new Date(String(value)).toISOString() : value);
      }
      // Idempotent by derived id.
      const again = await api.graphql<{ result: { id: string } }>(mutation, { input });
      expect(again.data!.result.id).toBe(relationship['id']);

      const fromEnd = await api.graphql<{ node: { relationships: { totalCount: number; edges: Array<{ direction: string; other: { id: string }; node: { id: string } }> } } }>(
        `query ($id: ID!, $types: [RelationshipType!]) { node(id: $id) { relationships(types: $types, direction: OUTGOING) { totalCount edges { direction other { id } node { id } } } } }`,
        { id: from, types: [type] },
      );
      expect(fromEnd.data!.node.relationships.totalCount).toBe(1);
      expect(fromEnd.data!.node.relationships.edges[0]).toEqual({ direction: 'OUTGOING', other: { id: to }, node: { id: relationship['id'] } });
      const toEnd = await api.graphql<{ node: { relationships: { edges: Array<{ direction: string; other: { id: string } }> } } }>(
        `query ($id: ID!, $types: [RelationshipType!]) { node(id: $id) { relationships(types: $types, direction: INCOMING) { edges { direction other { id } } } } }`,
        { id: to, types: [type] },
      );
      expect(toEnd.data!.node.relationships.edges).toEqual([{ direction: 'INCOMING', other: { id: from } }]);

      const byId = await api.graphql<{ relationship: { id: string; type: string } }>(`query ($id: ID!) { relationship(id: $id) { id type } }`, { id: relationship['id'] });
      expect(byId.data!.relationship).toEqual({ id: relationship['id'], type });

      const unlinked = await api.graphql<{ unlink: unknown }>(`mutation ($id: ID!) { unlink(id: $id) { id removed type } }`, { id: relationship['id'] });
      expect(unlinked.data!.unlink).toEqual({ id: relationship['id'], removed: true, type });
      const twice = await api.graphql<{ unlink: unknown }>(`mutation ($id: ID!) { unlink(id: $id) { id removed type } }`, { id: relationship['id'] });
      expect(twice.data!.unlink).toEqual({ id: relationship['id'], removed: false, type: null });
    });
  }
});

describe('bad input to mutations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  /** Sends the mutation, expects BAD_USER_INPUT naming `field` and matching `message`, and an unchanged graph. */
  async function rejects(mutation: string, variables: Record<string, unknown>, field: string, message: RegExp) {
    const before = await countGraph(api.db);
    const response = await api.graphql(mutation, variables);
    const error = response.errors?.[0];
    expect(error?.extensions?.['code'], JSON.stringify(response.errors)).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain(field);
    expect(error?.message).toMatch(message);
    expect(await countGraph(api.db)).toEqual(before);
  }

  for (const label of Object.keys(ENTITIES) as EntityLabel[]) {
    const spec = ENTITIES[label];
    const mutation = `mutation ($input: ${INPUT_TYPE[label]}!) { ${spec.mutation}(input: $input) { id } }`;
    const fresh = { ...spec.input, id: `${P}bad-${label}` };

    it(`${spec.mutation} rejects an empty name, naming the field, and writes nothing`, async () => {
      await rejects(mutation, { input: { ...fresh, name: '   ' } }, 'input.name', /must not be empty/);
    });
    it(`${spec.mutation} rejects an id with spaces`, async () => {
      await rejects(mutation, { input: { ...fresh, id: 'has spaces' } }, 'input.id', /letters, digits/);
    });
    if (label !== 'Source') {
      it(`${spec.mutation} rejects provenance naming a source that does not exist, and writes nothing`, async () => {
        await rejects(mutation, { input: { ...fresh, provenance: [{ source: `${P}no-such-source`, reliability: 'A', credibility: 1 }] } }, 'input.provenance', /do not exist: test-mutations:no-such-source/);
      });
      it(`${spec.mutation} rejects a credibility outside 1 to 6`, async () => {
        await rejects(mutation, { input: { ...fresh, provenance: [{ source: SOURCE, reliability: 'A', credibility: 7 }] } }, 'input.provenance[0].credibility', /integer from 1/);
      });
      it(`${spec.mutation} rejects missing provenance`, async () => {
        await rejects(mutation, { input: { ...fresh, provenance: [] } }, 'input.provenance', /at least one source/);
      });
    }
    it(`${spec.mutation} refuses to turn an existing entity of another kind into a ${label}`, async () => {
      const otherKind = label === 'Account' ? ids.Person : ids.Account;
      await rejects(mutation, { input: { ...fresh, id: otherKind } }, 'input.id', /is already a/);
    });
  }

  it('rejects an unknown enum value with BAD_USER_INPUT naming the value', async () => {
    const response = await api.graphql(`mutation ($input: PersonInput!) { upsertPerson(input: $input) { id } }`, { input: { ...ENTITIES.Person.input, id: `${P}bad-enum`, roles: ['WIZARD'] } });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/WIZARD/);
  });

  it('rejects a bad date and a bad country code before anything runs', async () => {
    const date = await api.graphql(`mutation ($input: ScamCentreInput!) { upsertScamCentre(input: $input) { id } }`, { input: { ...ENTITIES.ScamCentre.input, firstSeen: '2025-02-30' } });
    expect(date.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const country = await api.graphql(`mutation ($input: LocationInput!) { upsertLocation(input: $input) { id } }`, { input: { ...ENTITIES.Location.input, countryCode: 'Malaysia' } });
    expect(country.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(country.errors?.[0]?.message).toMatch(/ISO 3166-1 alpha-2/);
  });

  it('rejects dates in the wrong order', async () => {
    await rejects(`mutation ($input: ScamCentreInput!) { upsertScamCentre(input: $input) { id } }`, { input: { ...ENTITIES.ScamCentre.input, id: `${P}bad-order`, firstSeen: '2025-01-01', lastSeen: '2024-01-01' } }, 'input.lastSeen', /must not be before firstSeen/);
  });

  for (const type of RELATIONSHIP_TYPES) {
    const link = LINKS[type];
    const mutation = `mutation ($input: ${link.inputType}!) { ${link.mutation}(input: $input) { id } }`;

    it(`${link.mutation} rejects an end that does not exist, naming it, and writes nothing`, async () => {
      const { to } = endsOf(type);
      await rejects(mutation, { input: { from: `${P}nobody`, to, provenance: PROVENANCE, ...link.properties } }, 'input.from', /is not the id of any entity/);
    });

    // ASSOCIATED_WITH links any two kinds: there is no wrong kind to try.
    it.skipIf(RELATIONSHIPS[type].to.length === Object.keys(ids).length)(`${link.mutation} rejects an end of the wrong kind`, async () => {
      const { from } = endsOf(type);
      const wrongLabel = (Object.keys(ids) as EntityLabel[]).find((label) => !RELATIONSHIPS[type].to.includes(label))!;
      await rejects(mutation, { input: { from, to: ids[wrongLabel], provenance: PROVENANCE, ...link.properties } }, 'input.to', new RegExp(`is a ${wrongLabel}, but ${type} goes to`));
    });

    it(`${link.mutation} rejects a link without provenance`, async () => {
      const { from, to } = endsOf(type);
      await rejects(mutation, { input: { from, to, provenance: [], ...link.properties } }, 'input.provenance', /at least one source/);
    });
  }

  it('rejects a nationality that is not a country', async () => {
    const city = await api.graphql(`mutation ($input: LocationInput!) { upsertLocation(input: $input) { id } }`, {
      input: { id: `${P}city`, name: 'Test City', locationType: 'CITY', countryCode: 'ZW', provenance: PROVENANCE },
    });
    expect(city.errors).toBeUndefined();
    await rejects(`mutation ($input: NationalityInput!) { linkNationality(input: $input) { id } }`, { input: { from: ids.Person, to: `${P}city`, provenance: PROVENANCE } }, 'input.to', /is a CITY, but NATIONAL_OF goes to a location of type COUNTRY/);
  });

  it('rejects a relationship from an entity to itself', async () => {
    await rejects(`mutation ($input: RecruitmentInput!) { linkRecruitment(input: $input) { id } }`, { input: { from: ids.Person, to: ids.Person, provenance: PROVENANCE } }, 'input.to', /must differ/);
  });

  it('rejects reusing a relationship id for different ends', async () => {
    const input = { id: `${P}rel-fixed`, from: ids.Person, to: otherId('Person'), provenance: PROVENANCE };
    const first = await api.graphql(`mutation ($input: RecruitmentInput!) { linkRecruitment(input: $input) { id } }`, { input });
    expect(first.errors).toBeUndefined();
    await rejects(`mutation ($input: RecruitmentInput!) { linkRecruitment(input: $input) { id } }`, { input: { ...input, to: ids.Person, from: otherId('Person') } }, 'input.id', /is already the id of RECRUITED/);
  });
});
