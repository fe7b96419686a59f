import { createHash } from 'node:crypto';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { StoredNode, StoredRelationship, Subgraph } from '../graph/index.js';
import { COMMON_ENTITY_PROPERTIES, KINDS, PROTECTED_PROPERTIES, RELATIONSHIPS } from '../model/index.js';

/**
 * A subgraph written out as our own records, as FollowTheMoney entities, or as GraphML. Native and
 * FtM exports import back to the same subgraph: sources first, then entities, then relationships.
 */
export const EXPORT_FORMATS = ['native', 'ftm', 'graphml', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Json = Record<string, unknown>;

function provenanceOf(properties: Record<string, unknown>): Json[] | undefined {
  const sources = properties['sourceIds'] as string[] | undefined;
  const grades = properties['grades'] as string[] | undefined;
  if (!sources || sources.length === 0) return undefined;
  return sources.map((source, i) => ({ source, reliability: grades?.[i]?.[0] ?? 'F', credibility: Number(grades?.[i]?.slice(1) ?? 6) }));
}

/** What an entity imported from FtM keeps of it: its schema, the properties we do not model, and where its document numbers came from. */
interface KeptFtm { schema?: string; properties?: Record<string, string[]>; documents?: string }

function keptFtm(properties: Record<string, unknown>): KeptFtm | undefined {
  const text = properties['ftm'];
  return typeof text === 'string' ? (JSON.parse(text) as KeptFtm) : undefined;
}

/** Only the properties of the model (timestamps, identifiers, sort keys are derived and left out). */
function modelled(properties: Record<string, unknown>, names: Iterable<string>): Json {
  const result: Json = {};
  for (const name of names) {
    const value = properties[name];
    if (value !== undefined && value !== null) result[name] = value;
  }
  return result;
}

export function nativeEntityRecord(node: StoredNode): Json {
  const record: Json = {
    kind: node.label, id: node.id, name: node.properties['name'],
    ...modelled(node.properties, ['aliases', ...Object.keys(COMMON_ENTITY_PROPERTIES), ...Object.keys(KINDS[node.label].properties)]),
  };
  const provenance = provenanceOf(node.properties);
  if (provenance) record['provenance'] = provenance;
  const ftm = keptFtm(node.properties);
  if (ftm) record['ftm'] = ftm;
  return record;
}

export function nativeRelationshipRecord(relationship: StoredRelationship): Json {
  const record: Json = {
    type: relationship.type, id: relationship.id, from: relationship.fromId, to: relationship.toId,
    ...modelled(relationship.properties, Object.keys(RELATIONSHIPS[relationship.type].properties)),
    provenance: provenanceOf(relationship.properties) ?? [],
  };
  const ftm = keptFtm(relationship.properties);
  if (ftm) record['ftm'] = ftm;
  return record;
}

/** Sources first (the others cite them), then the other entities, then relationships. */
function ordered(subgraph: Subgraph): StoredNode[] {
  return [...subgraph.nodes.filter((n) => n.label === 'Source'), ...subgraph.nodes.filter((n) => n.label !== 'Source')];
}

export function* nativeLines(subgraph: Subgraph): Generator<string> {
  for (const node of ordered(subgraph)) yield JSON.stringify(nativeEntityRecord(node));
  for (const relationship of subgraph.relationships) yield JSON.stringify(nativeRelationshipRecord(relationship));
}

/** FollowTheMoney's entity id rule (followthemoney.types.entity.EntityType.REGEX_RAW), and its length cap. */
const FTM_ID = /^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/;
const FTM_ID_MAX = 200;
/** Room left for the readable part of an id that had to be rewritten. */
const FTM_SLUG_MAX = 150;

/**
 * An id FollowTheMoney accepts as an entity and as a reference. Ours may hold `:`, `#`, `>` or `_`
 * (`location:my`, `travelled_to:…>…#4`), which FtM tools drop — and with them every link to the
 * entity. A valid id is kept as it is (an id that came from FtM goes back unchanged); another
 * becomes its letters and digits joined by `-` and a hash of the whole id (`location-my-3c8e…`),
 * stable from export to export and distinct for distinct ids. The way back is each line's
 * `scamAtlas` record, which keeps our id.
 */
export function ftmId(id: string): string {
  if (id.length <= FTM_ID_MAX && FTM_ID.test(id)) return id;
  const slug = id.replace(/[^0-9a-zA-Z]+/g, '-').slice(0, FTM_SLUG_MAX).replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 16);
  return slug === '' ? hash : `${slug}-${hash}`;
}

const list = (value: unknown): string[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/**
 * What FtM says on an entity and we keep as relationships, read from the subgraph's relationships
 * (FtM ids): nationalities, holders of an account, addresses of an organisation, what a sanction names.
 */
interface FtmLinks {
  nationalities: Map<string, string[]>;
  holders: Map<string, string[]>;
  addresses: Map<string, string[]>;
  /** An account's country: where it is located (LOCATED_IN a place with a country code). */
  accountCountries: Map<string, string[]>;
  sanctioned: Map<string, string[]>;
}

function linksOf(subgraph: Subgraph): FtmLinks {
  const byId = new Map(subgraph.nodes.map((n) => [n.id, n]));
  const add = (map: Map<string, string[]>, key: string, value: string) => map.set(key, [...(map.get(key) ?? []), value]);
  const links: FtmLinks = { nationalities: new Map(), holders: new Map(), addresses: new Map(), accountCountries: new Map(), sanctioned: new Map() };
  for (const r of subgraph.relationships) {
    const to = byId.get(r.toId);
    if (r.type === 'NATIONAL_OF' && to?.properties['countryCode']) add(links.nationalities, r.fromId, String(to.properties['countryCode']).toLowerCase());
    if (r.type === 'HOLDS') add(links.holders, r.toId, ftmId(r.fromId));
    // An organisation's address: a site it is located at (FtM's Address), not a country or city.
    if (r.type === 'LOCATED_IN' && to?.label === 'Location' && to.properties['locationType'] === 'SITE') add(links.addresses, r.fromId, ftmId(r.toId));
    if (r.type === 'LOCATED_IN' && byId.get(r.fromId)?.label === 'Account' && to?.properties['countryCode']) add(links.accountCountries, r.fromId, String(to.properties['countryCode']).toLowerCase());
    if (r.type === 'ASSOCIATED_WITH' && r.properties['relation'] === 'sanction') add(links.sanctioned, r.fromId, ftmId(r.toId));
  }
  return links;
}

function ftmEntity(node: StoredNode, links: FtmLinks): Json {
  const p = node.properties;
  const kept = keptFtm(p);
  if (kept?.schema === 'Sanction') return ftmSanction(node, links, kept);
  const out: Record<string, string[]> = { name: list(p['name']), alias: list(p['aliases']), description: list(p['description']), topics: list(p['topics']) };
  let schema: string;
  switch (node.label) {
    case 'Person':
      schema = 'Person';
      // Protected fields are here only when the export was asked for them (withoutProtectedFields).
      Object.assign(out, {
        gender: list(p['gender']).map((g) => ({ MALE: 'male', FEMALE: 'female', TRANSGENDER_OR_NONCONFORMING: 'other' })[g] ?? '').filter(Boolean),
        nationality: links.nationalities.get(node.id) ?? [],
        birthDate: list(p['birthDate']), phone: list(p['phones']),
        [kept?.documents === 'passportNumber' ? 'passportNumber' : 'idNumber']: list(p['documentNumbers']),
      });
      break;
    case 'Organization':
      schema = 'Organization';
      Object.assign(out, { jurisdiction: list(p['jurisdiction']).map((c) => c.toLowerCase()), website: list(p['website']), addressEntity: links.addresses.get(node.id) ?? [] });
      break;
    case 'ScamCentre':
      schema = 'Organization';
      Object.assign(out, { status: list(p['status']) });
      break;
    case 'Location':
      schema = 'Address';
      Object.assign(out, { full: list(p['name']), country: list(p['countryCode']).map((c) => c.toLowerCase()), latitude: list(p['latitude']), longitude: list(p['longitude']) });
      break;
    case 'Account':
      schema = p['accountType'] === 'CRYPTO_WALLET' ? 'CryptoWallet' : 'BankAccount';
      Object.assign(out, schema === 'CryptoWallet'
        ? { publicKey: list(p['identifier']), currencySymbol: list(p['currency']), holder: links.holders.get(node.id) ?? [] }
        : { ...bankAccountNumber(list(p['identifier'])), bankName: list(p['institution']), currency: list(p['currency']) });
      out['country'] = links.accountCountries.get(node.id) ?? [];
      break;
    case 'Operation':
      schema = 'Event';
      // FtM's `organizer` is a reference to an entity; the agency is a name here (the CONDUCTED link names the body).
      Object.assign(out, { notes: list(p['agency']).map((agency) => `Agency: ${agency}`), startDate: list(p['startDate']), endDate: list(p['endDate']), country: list(p['countriesInvolved']).map((c) => c.toLowerCase()) });
      break;
    case 'Source':
      schema = 'Document';
      Object.assign(out, { title: list(p['name']), publisher: list(p['publisher']), sourceUrl: list(p['url']), publishedAt: list(p['publishedAt']) });
      break;
  }
  return { id: ftmId(node.id), schema: kept?.schema ?? schema, properties: clean({ ...out, ...(kept?.properties ?? {}) }), scamAtlas: nativeEntityRecord(node) };
}

/** An Operation that came from an FtM Sanction goes back as one: the authority, the programme, what it names. */
function ftmSanction(node: StoredNode, links: FtmLinks, kept: KeptFtm): Json {
  const p = node.properties;
  const out = {
    entity: links.sanctioned.get(node.id) ?? [], authority: list(p['agency']), program: list(p['name']), reason: list(p['description']),
    startDate: list(p['startDate']), endDate: list(p['endDate']), country: list(p['countriesInvolved']).map((c) => c.toLowerCase()),
  };
  return { id: ftmId(node.id), schema: 'Sanction', properties: clean({ ...out, ...(kept.properties ?? {}) }), scamAtlas: nativeEntityRecord(node) };
}

function ftmRelationship(relationship: StoredRelationship, links: FtmLinks): Json {
  const p = relationship.properties;
  const kept = keptFtm(p);
  const [from, to] = [ftmId(relationship.fromId), ftmId(relationship.toId)];
  let schema = 'UnknownLink';
  let out: Record<string, string[]> = { subject: [from], object: [to], role: [relationship.type.toLowerCase().replace(/_/g, ' ')] };
  if (relationship.type === 'TRANSFERRED') {
    schema = 'Payment';
    // The parties: whoever holds the accounts (the importer records a payer or beneficiary as the holder of its account).
    out = { payer: links.holders.get(relationship.fromId) ?? [], beneficiary: links.holders.get(relationship.toId) ?? [], payerAccount: [from], beneficiaryAccount: [to], amount: list(p['amount']), currency: list(p['currency']), amountUsd: list(p['amountUsd']), date: list(p['at']).map((d) => d.slice(0, 10)), transactionNumber: list(p['reference']) };
  } else if (relationship.type === 'HOLDS') {
    schema = 'Ownership';
    out = { owner: [from], asset: [to], startDate: list(p['since']) };
  } else if (relationship.type === 'MEMBER_OF') {
    schema = kept?.schema ?? 'Membership';
    const [a, b] = schema === 'Directorship' ? ['director', 'organization'] : schema === 'Employment' ? ['employee', 'employer'] : schema === 'Ownership' ? ['owner', 'asset'] : ['member', 'organization'];
    out = { [a]: [from], [b]: [to], role: list(p['role']) };
  } else if (relationship.type === 'ASSOCIATED_WITH' && (kept?.schema === 'Associate' || kept?.schema === 'Family')) {
    schema = kept.schema;
    out = { person: [from], [kept.schema === 'Associate' ? 'associate' : 'relative']: [to], relationship: list(p['relation']).map((r) => r.replace(/^[^:]*:\s*/, '')) };
  } else if (relationship.type === 'ASSOCIATED_WITH') {
    out['role'] = list(p['relation']);
  } else if (relationship.type === 'CLAIMED') {
    // FtM has no claim: a link whose role says so, the statement and figure as its description.
    out['description'] = [[p['statement'], p['figureText'] ? `(${String(p['figureText'])})` : undefined].filter(Boolean).join(' ')].filter(Boolean);
    out['date'] = list(p['date']);
  }
  return { id: ftmId(relationship.id), schema, properties: clean({ ...out, ...(kept?.properties ?? {}) }), scamAtlas: nativeRelationshipRecord(relationship) };
}

/**
 * A bank account's identifier under FtM's name for it: `iban` only when it is an IBAN (checksum
 * and all, as FtM checks it — it drops anything else), otherwise `accountNumber`.
 */
function bankAccountNumber(identifiers: string[]): { iban: string[]; accountNumber: string[] } {
  const iban = identifiers.filter((value) => isValidIBAN(electronicFormatIBAN(value) ?? ''));
  return { iban, accountNumber: identifiers.filter((value) => !iban.includes(value)) };
}

function clean(properties: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(properties).filter(([, values]) => values.length > 0));
}

/**
 * FollowTheMoney entities. Each also carries its Scam Atlas record under "scamAtlas" (FtM tools
 * ignore keys they do not know), which the importer prefers, so that the round trip is exact.
 */
export function* ftmLines(subgraph: Subgraph): Generator<string> {
  const links = linksOf(subgraph);
  for (const node of ordered(subgraph)) yield JSON.stringify(ftmEntity(node, links));
  for (const relationship of subgraph.relationships) yield JSON.stringify(ftmRelationship(relationship, links));
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const INTERNAL = new Set(['createdAt', 'updatedAt', 'identifiers', 'identifierText', 'protectedIdentifierText', 'sortKey', 'geoPoint']);
const graphmlValue = (value: unknown) => (Array.isArray(value) ? value.join('; ') : String(value));

/** GraphML for Gephi and yEd: every property a string attribute (lists joined with "; "). */
export function* graphmlLines(subgraph: Subgraph): Generator<string> {
  const nodeKeys = new Set(['kind']);
  const edgeKeys = new Set(['type']);
  for (const node of subgraph.nodes) for (const key of Object.keys(node.properties)) if (!INTERNAL.has(key)) nodeKeys.add(key);
  for (const r of subgraph.relationships) for (const key of Object.keys(r.properties)) if (!INTERNAL.has(key)) edgeKeys.add(key);
  yield '<?xml version="1.0" encoding="UTF-8"?>';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">';
  for (const key of nodeKeys) yield `  <key id="n_${escapeXml(key)}" for="node" attr.name="${escapeXml(key === 'name' ? 'label' : key)}" attr.type="string"/>`;
  for (const key of edgeKeys) yield `  <key id="e_${escapeXml(key)}" for="edge" attr.name="${escapeXml(key === 'type' ? 'label' : key)}" attr.type="string"/>`;
  yield '  <graph id="scam-atlas" edgedefault="directed">';
  for (const node of subgraph.nodes) {
    yield `    <node id="${escapeXml(node.id)}">`;
    yield `      <data key="n_kind">${escapeXml(node.label)}</data>`;
    for (const [key, value] of Object.entries(node.properties)) if (!INTERNAL.has(key) && value !== null) yield `      <data key="n_${escapeXml(key)}">${escapeXml(graphmlValue(value))}</data>`;
    yield '    </node>';
  }
  for (const r of subgraph.relationships) {
    yield `    <edge id="${escapeXml(r.id)}" source="${escapeXml(r.fromId)}" target="${escapeXml(r.toId)}">`;
    yield `      <data key="e_type">${escapeXml(r.type)}</data>`;
    for (const [key, value] of Object.entries(r.properties)) if (!INTERNAL.has(key) && key !== 'id' && value !== null) yield `      <data key="e_${escapeXml(key)}">${escapeXml(graphmlValue(value))}</data>`;
    yield '    </edge>';
  }
  yield '  </graph>';
  yield '</graphml>';
}

/**
 * FtM Person properties that identify a real person, kept from an import when we do not model them
 * (a partial birth date, names in parts, e-mail, tax or social security numbers...): as protected as
 * our own protected fields.
 */
const PROTECTED_FTM_PERSON_PROPERTIES = new Set([
  'birthDate', 'birthPlace', 'birthCountry', 'deathDate', 'firstName', 'secondName', 'middleName', 'lastName', 'fatherName', 'motherName',
  'email', 'phone', 'idNumber', 'passportNumber', 'socialSecurityNumber', 'taxNumber', 'innCode', 'address', 'addressEntity',
]);

/**
 * The subgraph without protected fields (legal names, birth dates, phones, document numbers: the
 * model's PROTECTED_PROPERTIES), and how many entities had some: what an export writes unless it is
 * asked for them in so many words (`--include-protected`).
 */
/**
 * The protected fields an entity holds, as `withoutProtectedFields` would leave them out: the
 * model's protected properties and, for a person, the identity properties kept from an FtM import.
 */
export function protectedFieldsOf(node: StoredNode): string[] {
  const modelled = PROTECTED_PROPERTIES[node.label].filter((name) => node.properties[name] !== undefined && node.properties[name] !== null);
  const kept = node.label === 'Person' ? Object.keys(keptFtm(node.properties)?.properties ?? {}).filter((name) => PROTECTED_FTM_PERSON_PROPERTIES.has(name)).map((name) => `ftm.${name}`) : [];
  return [...modelled, ...kept];
}

/** Whether a format writes protected fields at all (GeoJSON writes places and journeys, never a person's identity). */
export function formatWritesProtected(format: ExportFormat): boolean {
  return format !== 'geojson';
}

export function withoutProtectedFields(subgraph: Subgraph): { subgraph: Subgraph; entitiesWithProtected: number } {
  let entitiesWithProtected = 0;
  const nodes = subgraph.nodes.map((node) => {
    const hidden = PROTECTED_PROPERTIES[node.label].filter((name) => node.properties[name] !== undefined && node.properties[name] !== null);
    const kept = keptFtm(node.properties);
    const keptHidden = node.label === 'Person' ? Object.keys(kept?.properties ?? {}).filter((name) => PROTECTED_FTM_PERSON_PROPERTIES.has(name)) : [];
    if (hidden.length === 0 && keptHidden.length === 0) return node;
    entitiesWithProtected += 1;
    const properties = { ...node.properties };
    for (const name of hidden) delete properties[name];
    if (keptHidden.length > 0) {
      const rest = Object.fromEntries(Object.entries(kept!.properties!).filter(([name]) => !PROTECTED_FTM_PERSON_PROPERTIES.has(name)));
      properties['ftm'] = JSON.stringify({ ...kept, properties: rest });
    }
    return { ...node, properties };
  });
  return { subgraph: { ...subgraph, nodes }, entitiesWithProtected };
}

export function exportLines(subgraph: Subgraph, format: ExportFormat): Generator<string> {
  switch (format) {
    case 'native': return nativeLines(subgraph);
    case 'ftm': return ftmLines(subgraph);
    case 'graphml': return graphmlLines(subgraph);
    case 'geojson': return geojsonLines(subgraph);
  }
}

/** GeoJSON's order: [longitude, latitude]; undefined without both. */
function positionOf(node: StoredNode | undefined): [number, number] | undefined {
  const latitude = node?.properties['latitude'];
  const longitude = node?.properties['longitude'];
  return typeof latitude === 'number' && typeof longitude === 'number' ? [longitude, latitude] : undefined;
}

/**
 * GeoJSON (RFC 7946) for maps: a Point per scam centre or place with coordinates, and a LineString
 * per person's journey through the places with coordinates (in journey order, two stops at least).
 * One FeatureCollection, one feature per line.
 */
export function* geojsonLines(subgraph: Subgraph): Generator<string> {
  const byId = new Map(subgraph.nodes.map((node) => [node.id, node]));
  const features: Json[] = [];
  for (const node of subgraph.nodes) {
    const position = positionOf(node);
    if (!position) continue;
    const p = node.properties;
    features.push({
      type: 'Feature', id: node.id, geometry: { type: 'Point', coordinates: position },
      properties: clean2({ kind: node.label, name: p['name'], illustrative: p['illustrative'] ?? false, status: p['status'], locationType: p['locationType'], countryCode: p['countryCode'], firstSeen: p['firstSeen'], lastSeen: p['lastSeen'] }),
    });
  }
  const journeys = new Map<string, StoredRelationship[]>();
  for (const r of subgraph.relationships) if (r.type === 'TRAVELLED_TO') journeys.set(r.fromId, [...(journeys.get(r.fromId) ?? []), r]);
  for (const [personId, stops] of journeys) {
    const ordered = [...stops].sort((a, b) => Number(a.properties['seq'] ?? 0) - Number(b.properties['seq'] ?? 0));
    const placed = ordered.map((stop) => ({ stop, position: positionOf(byId.get(stop.toId)) })).filter((s): s is { stop: StoredRelationship; position: [number, number] } => s.position !== undefined);
    if (placed.length < 2) continue;
    features.push({
      type: 'Feature', id: `journey:${personId}`, geometry: { type: 'LineString', coordinates: placed.map((s) => s.position) },
      properties: {
        kind: 'Journey', personId, name: byId.get(personId)?.properties['name'] ?? personId,
        // A stand-in person, or any stand-in stop, makes the journey a stand-in: a map must not read it as reported.
        illustrative: byId.get(personId)?.properties['illustrative'] === true || placed.some(({ stop }) => stop.properties['illustrative'] === true),
        stops: placed.map(({ stop }) => clean2({ locationId: stop.toId, seq: stop.properties['seq'], stage: stop.properties['stage'], date: stop.properties['date'], illustrative: stop.properties['illustrative'] ?? false })),
      },
    });
  }
  yield '{"type": "FeatureCollection", "features": [';
  for (const [index, feature] of features.entries()) yield `${JSON.stringify(feature)}${index < features.length - 1 ? ',' : ''}`;
  yield ']}';
}

function clean2(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null));
}
