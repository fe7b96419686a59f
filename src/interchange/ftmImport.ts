import { derivedRelationshipId } from '../graph/index.js';
import { isCountryCode, type EntityLabel, type RelationshipType } from '../model/index.js';
import { InputError, validateEntityInput, validateRelationshipInput, type ValidRelationship } from '../validation/index.js';
import type { ImportItem } from './items.js';

/**
 * FollowTheMoney (OCCRP Aleph, OpenSanctions) entities → Scam Atlas items. One FtM entity per line:
 * `{"id", "schema", "properties": {prop: [values]}}`. The mapping is documented in
 * docs/data-formats.md; properties the model does not have are kept, with the schema, in the
 * node's (or relationship's) `ftm` property as a JSON string, and exported back.
 */

/** Provenance for FtM data, which carries no grades: one Source per imported dataset. */
export interface FtmProvenance {
  sourceId: string;
  reliability: string;
  credibility: number;
}

/** FtM schemata imported; any other is reported and skipped. */
export const FTM_SCHEMATA = [
  'Person', 'Organization', 'Company', 'LegalEntity', 'PublicBody', 'Address', 'BankAccount', 'CryptoWallet', 'Payment', 'Ownership',
  'Directorship', 'Employment', 'Membership', 'Associate', 'Family', 'UnknownLink', 'Sanction', 'Note',
] as const;

export class UnknownSchemaError extends Error {
  override name = 'UnknownSchemaError';
  constructor(readonly schema: string) {
    super(`FollowTheMoney schema "${schema}" is not imported (imported: ${FTM_SCHEMATA.join(', ')})`);
  }
}

const GENDERS: Record<string, string> = { male: 'MALE', female: 'FEMALE', other: 'TRANSGENDER_OR_NONCONFORMING' };
const FULL_DATE = /^\d{4}-\d{2}-\d{2}/;
const PARTIAL_DATE = /^\d{4}(-\d{2})?$/;
const COUNTRY = /^[a-z]{2}$/i;
const TOPIC = /^[a-z][a-z.]*$/;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Reads an FtM entity's property lists, remembering which were used; the rest are kept in `ftm`. */
class Properties {
  private readonly used = new Set<string>();
  constructor(private readonly values: Record<string, string[]>) {}

  all(...names: string[]): string[] {
    const result: string[] = [];
    for (const name of names) {
      this.used.add(name);
      for (const value of this.get(name)) if (value.trim() !== '') result.push(value.trim());
    }
    return result;
  }

  first(...names: string[]): string | undefined {
    return this.all(...names)[0];
  }

  /** Values that pass `keep` are returned; the others stay in the leftovers. */
  some(name: string, keep: (value: string) => boolean): string[] {
    const values = this.get(name);
    const kept = values.filter(keep);
    if (kept.length === values.length) this.used.add(name);
    else this.values[name] = values.filter((v) => !keep(v));
    return kept;
  }

  /** Own properties only (a property named `constructor` is not Object's). */
  private get(name: string): string[] {
    return Object.hasOwn(this.values, name) ? this.values[name]! : [];
  }

  leftovers(): Record<string, string[]> {
    return Object.fromEntries(Object.entries(this.values).filter(([name]) => !this.used.has(name)).sort(([a], [b]) => a.localeCompare(b)));
  }
}

function parseEntity(value: unknown): { id: string; schema: string; properties: Record<string, string[]> } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('entity', 'must be a JSON object {"id", "schema", "properties"}');
  const { id, schema, properties } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') throw new InputError('id', 'is required: every FollowTheMoney entity has a non-empty string id');
  if (typeof schema !== 'string') throw new InputError('schema', `must be a schema name such as Person (got ${JSON.stringify(schema)})`);
  if (properties !== undefined && (typeof properties !== 'object' || properties === null || Array.isArray(properties))) throw new InputError('properties', 'must be an object of lists of strings');
  // fromEntries defines own properties: a property named `__proto__` stays a property, not a prototype.
  const lists = Object.fromEntries(Object.entries(properties ?? {}).map(([name, list]: [string, unknown]) => {
    if (!Array.isArray(list)) throw new InputError(`properties.${name}`, `must be a list of strings (got ${JSON.stringify(list)})`);
    return [name, list.map((v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v)))];
  }));
  return { id, schema, properties: lists };
}

/** A full date (time part dropped), or undefined for an absent or partial one (kept in `ftm`). */
function fullDate(p: Properties, name: string): string | undefined {
  const kept = p.some(name, (v) => !PARTIAL_DATE.test(v));
  const value = kept[0];
  if (value === undefined) return undefined;
  if (!FULL_DATE.test(value)) throw new InputError(`properties.${name}`, `must be a date YYYY-MM-DD (or YYYY, YYYY-MM) (got ${JSON.stringify(value)})`);
  return value.slice(0, 10);
}

function amount(p: Properties, name: string): number | undefined {
  const value = p.first(name);
  if (value === undefined) return undefined;
  const number = Number(value.replace(/[,_\s]/g, ''));
  if (!Number.isFinite(number) || number < 0) throw new InputError(`properties.${name}`, `must be a non-negative number (got ${JSON.stringify(value)})`);
  return number;
}

export function countryLocationId(code: string): string {
  return `location:${code.toLowerCase()}`;
}

/** The country Location a nationality or address names, created only if the graph has none with that id. */
function countryItem(code: string, provenance: FtmProvenance, line: number): ImportItem {
  const upper = code.toUpperCase();
  const entity = validateEntityInput('Location', {
    id: countryLocationId(code), name: regionNames.of(upper) ?? upper, locationType: 'COUNTRY', countryCode: upper, provenance: [grade(provenance)],
  }, 'country');
  return { entity: { line, entity, ensureOnly: true } };
}

function grade(provenance: FtmProvenance) {
  return { source: provenance.sourceId, reliability: provenance.reliability, credibility: provenance.credibility };
}

function keptJson(schema: string, p: Properties, more: Record<string, string> = {}): string {
  return JSON.stringify({ schema, properties: p.leftovers(), ...more });
}

/**
 * Turns one FtM entity into items: the entity (or the relationship an interval schema stands for)
 * and the links its properties imply (nationality, holder, payer...). Throws InputError for a bad
 * value and UnknownSchemaError for a schema not imported.
 */
export function ftmLineToItems(value: unknown, line: number, provenance: FtmProvenance): ImportItem[] {
  const { id, schema, properties } = parseEntity(value);
  const p = new Properties(properties);
  const prov = [grade(provenance)];
  const items: ImportItem[] = [];

  const entity = (label: EntityLabel, fields: Record<string, unknown>) => {
    const names = p.all('name');
    const name = names[0] ?? fields['name'];
    if (typeof name !== 'string' || name === '') throw new InputError('properties.name', `is required for a ${schema} (or one of the properties its name is taken from)`);
    const aliases = [...names.slice(1), ...p.all('alias')];
    const topics = p.some('topics', (t) => TOPIC.test(t));
    const description = p.first('description') ?? p.first('summary');
    const input: Record<string, unknown> = { ...fields, id, name, provenance: label === 'Source' ? undefined : prov };
    if (aliases.length > 0) input['aliases'] = aliases;
    if (topics.length > 0) input['topics'] = [...(fields['topics'] as string[] | undefined ?? []), ...topics];
    if (description !== undefined) input['description'] = description;
    for (const [k, v] of Object.entries(input)) if (v === undefined) delete input[k];
    return validateEntityInput(label, input, 'properties');
  };
  const link = (type: RelationshipType, from: string, to: string, fields: Record<string, unknown> = {}, linkId?: string): ValidRelationship & { id: string } => {
    const valid = validateRelationshipInput(type, { ...fields, id: linkId, from, to, provenance: prov }, 'properties');
    return { ...valid, id: valid.id ?? derivedRelationshipId(valid) };
  };
  const derived = (type: RelationshipType, from: string, to: string, fields: Record<string, unknown> = {}) => {
    items.push({ relationship: { line, relationship: link(type, from, to, fields), explicitId: false } });
  };
  const countries = (names: string[]) => {
    // ISO 3166-1 codes only: FtM data also uses `eu`, `zz`, `xk`-like codes of its own; those stay in `ftm`.
    const codes = names.flatMap((n) => p.some(n, (c) => COUNTRY.test(c) && isCountryCode(c)));
    return [...new Set(codes.map((c) => c.toLowerCase()))];
  };
  /** An interval schema (Ownership, Membership...): a relationship with the FtM id. */
  const interval = (fromProp: string, toProp: string, readings: Array<[RelationshipType, Record<string, unknown>]>) => {
    const from = p.first(fromProp);
    const to = p.first(toProp);
    if (!from || !to) throw new InputError(`properties.${from ? toProp : fromProp}`, `is required: a ${schema} links ${fromProp} to ${toProp}`);
    const all = readings.map(([type, fields]) => {
      for (const [k, v] of Object.entries(fields)) if (v === undefined) delete fields[k];
      return link(type, from, to, fields, id);
    });
    const ftm = keptJson(schema, p);
    items.push({ relationship: { line, relationship: all[0]!, alternatives: all.slice(1), explicitId: true, ftm } });
  };

  switch (schema) {
    case 'Person': {
      const gender = p.first('gender');
      if (gender !== undefined && !GENDERS[gender.toLowerCase()]) throw new InputError('properties.gender', `must be male, female or other (got ${JSON.stringify(gender)})`);
      const nationalities = countries(['nationality', 'citizenship']);
      const passports = p.all('passportNumber');
      const ids = p.all('idNumber');
      const documents = [...passports, ...ids];
      const phones = p.all('phone');
      const person = entity('Person', {
        gender: gender === undefined ? undefined : GENDERS[gender.toLowerCase()],
        birthDate: fullDate(p, 'birthDate'),
        phones: phones.length > 0 ? phones : undefined,
        documentNumbers: documents.length > 0 ? documents : undefined,
      });
      // Which FtM property the document numbers came from, when it was one, so that they go back under it.
      items.push({ entity: { line, entity: person, ftm: keptJson(schema, p, passports.length > 0 && ids.length === 0 ? { documents: 'passportNumber' } : {}) } });
      for (const code of nationalities) {
        items.push(countryItem(code, provenance, line));
        derived('NATIONAL_OF', id, countryLocationId(code));
      }
      break;
    }
    case 'Organization': case 'Company': case 'LegalEntity': case 'PublicBody': {
      const jurisdiction = countries(['jurisdiction'])[0] ?? countries(['country'])[0];
      const website = p.some('website', (w) => /^https?:\/\//.test(w))[0];
      const addresses = p.all('addressEntity');
      const org = entity('Organization', { jurisdiction: jurisdiction?.toUpperCase(), website, orgType: schema === 'PublicBody' ? 'GOVERNMENT' : undefined });
      items.push({ entity: { line, entity: org, ftm: keptJson(schema, p) } });
      for (const address of addresses) derived('LOCATED_IN', id, address);
      break;
    }
    case 'Address': {
      const country = countries(['country'])[0];
      const latitude = amountOrUndefined(p, 'latitude');
      const longitude = amountOrUndefined(p, 'longitude');
      const location = entity('Location', {
        name: p.first('full') ?? [p.first('street'), p.first('city'), p.first('region')].filter(Boolean).join(', '),
        locationType: 'SITE', countryCode: country?.toUpperCase(), latitude, longitude,
      });
      items.push({ entity: { line, entity: location, ftm: keptJson(schema, p) } });
      if (country) {
        items.push(countryItem(country, provenance, line));
        derived('LOCATED_IN', id, countryLocationId(country));
      }
      break;
    }
    case 'BankAccount': case 'CryptoWallet': {
      const bank = schema === 'BankAccount';
      const identifier = bank ? p.first('iban') ?? p.first('accountNumber') : p.first('publicKey');
      const institution = bank ? p.first('bankName') : p.first('managingExchange');
      const currency = bank ? p.first('currency') : p.first('currencySymbol') ?? p.first('currency');
      const holders = bank ? [] : p.all('holder');
      const account = entity('Account', {
        name: identifier ?? (bank ? 'Bank account' : 'Crypto wallet'),
        accountType: bank ? 'BANK_ACCOUNT' : 'CRYPTO_WALLET', identifier, institution, currency,
      });
      items.push({ entity: { line, entity: account, ftm: keptJson(schema, p) } });
      for (const holder of holders) derived('HOLDS', holder, id);
      break;
    }
    case 'Payment': {
      const payer = p.first('payer');
      const beneficiary = p.first('beneficiary');
      const from = p.first('payerAccount') ?? (payer && impliedAccount(payer, items, line, prov));
      const to = p.first('beneficiaryAccount') ?? (beneficiary && impliedAccount(beneficiary, items, line, prov));
      if (!from || !to) throw new InputError(`properties.${from ? 'beneficiary' : 'payer'}`, 'is required: a Payment needs payer or payerAccount, and beneficiary or beneficiaryAccount');
      const value = amount(p, 'amount');
      const currency = p.first('currency')?.toUpperCase();
      const amountUsd = amount(p, 'amountUsd') ?? (currency === 'USD' ? value : undefined);
      const date = fullDate(p, 'date') ?? fullDate(p, 'startDate');
      const fields: Record<string, unknown> = { amount: value, currency, amountUsd, at: date && `${date}T00:00:00Z`, reference: p.first('transactionNumber') };
      for (const [k, v] of Object.entries(fields)) if (v === undefined) delete fields[k];
      const transfer = link('TRANSFERRED', from, to, fields, id);
      items.push({ relationship: { line, relationship: transfer, explicitId: true, ftm: keptJson(schema, p) } });
      if (payer && p.first('payerAccount')) derived('HOLDS', payer, from);
      if (beneficiary && p.first('beneficiaryAccount')) derived('HOLDS', beneficiary, to);
      break;
    }
    case 'Ownership': {
      const role = p.first('role');
      const since = fullDate(p, 'startDate');
      interval('owner', 'asset', [
        ['HOLDS', { since }], ['MEMBER_OF', { role: role ?? 'owner' }], ['OPERATES', { role: role ?? 'owner' }], ['ASSOCIATED_WITH', { relation: `owner${role ? `: ${role}` : ''}`, startDate: since }],
      ]);
      break;
    }
    case 'Directorship': case 'Employment': case 'Membership': {
      const [fromProp, toProp, what] = schema === 'Directorship' ? ['director', 'organization', 'director'] : schema === 'Employment' ? ['employee', 'employer', 'employee'] : ['member', 'organization', 'member'];
      const role = p.first('role') ?? what;
      interval(fromProp, toProp, [['MEMBER_OF', { role }], ['OPERATES', { role }], ['ASSOCIATED_WITH', { relation: role, startDate: fullDate(p, 'startDate'), endDate: fullDate(p, 'endDate') }]]);
      break;
    }
    case 'Associate': case 'Family': case 'UnknownLink': {
      const [fromProp, toProp, what] = schema === 'Associate' ? ['person', 'associate', 'associate'] : schema === 'Family' ? ['person', 'relative', 'family'] : ['subject', 'object', 'unknown link'];
      const detail = p.first(schema === 'UnknownLink' ? 'role' : 'relationship');
      interval(fromProp, toProp, [['ASSOCIATED_WITH', { relation: detail ? `${what}: ${detail}` : what, startDate: fullDate(p, 'startDate'), endDate: fullDate(p, 'endDate') }]]);
      break;
    }
    case 'Sanction': {
      // A designation by an authority: an Operation (agency, dates, reason) tied to the entity it names.
      const targets = p.all('entity');
      if (targets.length === 0) throw new InputError('properties.entity', 'is required: the sanctioned entity');
      const authority = p.first('authority');
      const program = p.first('program');
      const operation = entity('Operation', {
        name: program ?? `Sanction${authority ? ` by ${authority}` : ''}`,
        agency: authority, startDate: fullDate(p, 'startDate') ?? fullDate(p, 'listingDate'), endDate: fullDate(p, 'endDate'),
        countriesInvolved: countries(['country']).map((c) => c.toUpperCase()), topics: ['sanction'],
        description: p.first('reason'),
      });
      items.push({ entity: { line, entity: operation, ftm: keptJson(schema, p) } });
      for (const target of targets) derived('ASSOCIATED_WITH', id, target, { relation: 'sanction' });
      break;
    }
    case 'Note': {
      // An analyst's note is a document that reports something about an entity: a Source tied to it.
      const targets = p.all('entity');
      const note = entity('Source', { name: p.first('summary') ?? p.first('description') ?? 'Note', publisher: p.first('publisher') });
      items.push({ entity: { line, entity: note, ftm: keptJson(schema, p) } });
      for (const target of targets) derived('ASSOCIATED_WITH', id, target, { relation: 'note' });
      break;
    }
    default:
      throw new UnknownSchemaError(schema);
  }
  return items;
}

function amountOrUndefined(p: Properties, name: string): number | undefined {
  const value = p.first(name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new InputError(`properties.${name}`, `must be a number (got ${JSON.stringify(value)})`);
  return number;
}

/** A party that pays without a named account pays from an account of its own, implied here. */
function impliedAccount(party: string, items: ImportItem[], line: number, provenance: ReturnType<typeof grade>[]): string {
  const id = `${party}#account`;
  const account = validateEntityInput('Account', { id, name: `Account of ${party} (implied by a payment)`, provenance }, 'payment');
  items.push({ entity: { line, entity: account, ensureOnly: true } });
  const holds = validateRelationshipInput('HOLDS', { from: party, to: id, provenance }, 'payment');
  items.push({ relationship: { line, relationship: { ...holds, id: derivedRelationshipId(holds) }, explicitId: false } });
  return id;
}
