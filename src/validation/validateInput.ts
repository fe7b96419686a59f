import { countryCodeProblem, ENTITY_PROPERTY_SPECS, RELATIONSHIPS, RELIABILITIES, type EntityLabel, type PropertySpec, type PropertySpecs, type RelationshipType } from '../model/index.js';
import { InputError } from './inputError.js';

/** Limits on what one write may carry. */
export const MAX_ID_LENGTH = 200;
export const MAX_NAME_LENGTH = 300;
export const MAX_LIST_ITEMS = 100;
export const MAX_STRING_ITEM_LENGTH = 300;

/** Ids: a letter or digit, then letters, digits and `. _ : / # - >`; no spaces. */
const ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._:/#>-]*$/;
const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
const TOPIC_FORMAT = /^[a-z][a-z.]*$/;

export interface ProvenanceItem {
  source: string;
  reliability: string;
  credibility: number;
}

export interface ValidEntity {
  label: EntityLabel;
  id: string;
  name: string;
  /** Every other given property, normalised; null means "clear it". Absent means "leave it". */
  properties: Record<string, unknown>;
  provenance: ProvenanceItem[] | undefined;
}

export interface ValidRelationship {
  type: RelationshipType;
  id: string | undefined;
  from: string;
  to: string;
  properties: Record<string, unknown>;
  provenance: ProvenanceItem[];
}

const ENTITY_BASE_FIELDS = new Set(['id', 'name', 'aliases', 'provenance']);
const RELATIONSHIP_BASE_FIELDS = new Set(['id', 'from', 'to', 'provenance']);

/** Validates and normalises the input of an entity upsert (GraphQL input or an import line). */
export function validateEntityInput(label: EntityLabel, input: Record<string, unknown>, path = 'input'): ValidEntity {
  const specs: PropertySpecs = ENTITY_PROPERTY_SPECS[label];
  const id = validateId(input['id'], `${path}.id`);
  const name = validateString(input['name'], `${path}.name`, MAX_NAME_LENGTH, true);
  if (name === null || name === undefined) throw new InputError(`${path}.name`, 'is required: a name of 1 to 300 characters');

  const properties: Record<string, unknown> = {};
  if (input['aliases'] !== undefined) properties['aliases'] = validateStrings(input['aliases'], `${path}.aliases`) ?? [];
  for (const [field, value] of Object.entries(input)) {
    if (ENTITY_BASE_FIELDS.has(field) || value === undefined) continue;
    // Own properties only: a field named `constructor` or `__proto__` is as unknown as any other.
    const spec = Object.hasOwn(specs, field) ? specs[field] : undefined;
    if (!spec) throw new InputError(`${path}.${field}`, `is not a field of ${label}; expected one of ${['id', 'name', 'aliases', 'provenance', ...Object.keys(specs)].join(', ')}`);
    properties[field] = validateProperty(spec, value, `${path}.${field}`);
  }
  if (properties['topics']) {
    for (const [i, topic] of (properties['topics'] as string[]).entries()) {
      if (!TOPIC_FORMAT.test(topic)) throw new InputError(`${path}.topics[${i}]`, `must be a FollowTheMoney topic such as crime.traffick.human (got "${topic}")`);
    }
  }
  checkOrder(properties, 'firstSeen', 'lastSeen', path);
  checkOrder(properties, 'startDate', 'endDate', path);

  const provenance = input['provenance'] === undefined || input['provenance'] === null ? undefined : validateProvenance(input['provenance'], `${path}.provenance`);
  if (label !== 'Source' && (provenance === undefined || provenance.length === 0)) {
    throw new InputError(`${path}.provenance`, 'must name at least one source: [{source: "<Source id>", reliability: A-F, credibility: 1-6}]');
  }
  return { label, id, name, properties, provenance };
}

/** Validates and normalises the input of a link (GraphQL input or an import line). */
export function validateRelationshipInput(type: RelationshipType, input: Record<string, unknown>, path = 'input'): ValidRelationship {
  const spec = RELATIONSHIPS[type];
  const id = input['id'] === undefined || input['id'] === null ? undefined : validateId(input['id'], `${path}.id`);
  const from = validateId(input['from'], `${path}.from`);
  const to = validateId(input['to'], `${path}.to`);
  if (from === to) throw new InputError(`${path}.to`, `must differ from ${path}.from: a ${type} relationship links two different entities`);

  const properties: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (RELATIONSHIP_BASE_FIELDS.has(field) || value === undefined) continue;
    const propertySpec = Object.hasOwn(spec.properties, field) ? spec.properties[field] : undefined;
    if (!propertySpec) {
      throw new InputError(`${path}.${field}`, `is not a property of ${type}; expected one of ${['id', 'from', 'to', 'provenance', ...Object.keys(spec.properties)].join(', ')}`);
    }
    properties[field] = validateProperty(propertySpec, value, `${path}.${field}`);
  }
  if (spec.orderProperty && (properties[spec.orderProperty] === undefined || properties[spec.orderProperty] === null)) {
    throw new InputError(`${path}.${spec.orderProperty}`, `is required for ${type}`);
  }
  checkOrder(properties, 'heldFrom', 'heldUntil', path);
  checkOrder(properties, 'startDate', 'endDate', path);
  checkBounds(properties, 'figureLow', 'figureHigh', path);
  const provenance = validateProvenance(input['provenance'], `${path}.provenance`);
  if (provenance.length === 0) {
    throw new InputError(`${path}.provenance`, 'must name at least one source: [{source: "<Source id>", reliability: A-F, credibility: 1-6}]');
  }
  return { type, id, from, to, properties, provenance };
}

function validateProvenance(value: unknown, path: string): ProvenanceItem[] {
  if (!Array.isArray(value)) throw new InputError(path, 'must be a list of {source, reliability, credibility}');
  if (value.length > MAX_LIST_ITEMS) throw new InputError(path, `must have at most ${MAX_LIST_ITEMS} items`);
  const seen = new Set<string>();
  return value.map((item: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof item !== 'object' || item === null) throw new InputError(at, 'must be an object {source, reliability, credibility}');
    const record = item as Record<string, unknown>;
    const source = validateId(record['source'], `${at}.source`);
    if (seen.has(source)) throw new InputError(`${at}.source`, `repeats source "${source}"; give each source once`);
    seen.add(source);
    const reliability = record['reliability'];
    if (typeof reliability !== 'string' || !(RELIABILITIES as readonly string[]).includes(reliability)) {
      throw new InputError(`${at}.reliability`, `must be one of A, B, C, D, E, F (got ${JSON.stringify(reliability)})`);
    }
    const credibility = record['credibility'];
    if (typeof credibility !== 'number' || !Number.isInteger(credibility) || credibility < 1 || credibility > 6) {
      throw new InputError(`${at}.credibility`, `must be an integer from 1 (confirmed) to 6 (cannot be judged) (got ${JSON.stringify(credibility)})`);
    }
    return { source, reliability, credibility };
  });
}

function validateProperty(spec: PropertySpec, value: unknown, path: string): unknown {
  if (value === null) return null;
  switch (spec.type) {
    case 'string':
      return validateString(value, path, spec.maxLength ?? MAX_STRING_ITEM_LENGTH, false);
    case 'strings':
      return validateStrings(value, path);
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InputError(path, `must be a whole number (got ${JSON.stringify(value)})`);
      if (spec.min !== undefined && value < spec.min) throw new InputError(path, `must be at least ${spec.min} (got ${value})`);
      return value;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new InputError(path, `must be a number (got ${JSON.stringify(value)})`);
      if (spec.min !== undefined && value < spec.min) throw new InputError(path, `must be at least ${spec.min} (got ${value})`);
      if (spec.max !== undefined && value > spec.max) throw new InputError(path, `must be at most ${spec.max} (got ${value})`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new InputError(path, `must be true or false (got ${JSON.stringify(value)})`);
      return value;
    case 'date':
      return validateDate(value, path);
    case 'datetime':
      return validateDateTime(value, path);
    case 'country':
      return validateCountry(value, path);
    case 'countries':
      return asList(value, path).map((item, i) => validateCountry(item, `${path}[${i}]`));
    case 'url':
      return validateUrl(value, path);
    case 'enum':
      return validateEnum(value, spec.values, path);
    case 'enums':
      return [...new Set(asList(value, path).map((item, i) => validateEnum(item, spec.values, `${path}[${i}]`)))];
  }
}

function validateId(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new InputError(path, 'is required: a non-empty id string');
  if (value.length > MAX_ID_LENGTH) throw new InputError(path, `must be at most ${MAX_ID_LENGTH} characters (got ${value.length})`);
  if (!ID_FORMAT.test(value)) throw new InputError(path, `must start with a letter or digit and use only letters, digits and . _ : / # - > (got ${JSON.stringify(value)})`);
  return value;
}

function validateString(value: unknown, path: string, maxLength: number, required: boolean): string | null {
  if (typeof value !== 'string') throw new InputError(path, `must be a string (got ${JSON.stringify(value)})`);
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    if (required) throw new InputError(path, 'must not be empty');
    return null;
  }
  if (trimmed.length > maxLength) throw new InputError(path, `must be at most ${maxLength} characters (got ${trimmed.length})`);
  return trimmed;
}

function validateStrings(value: unknown, path: string): string[] {
  const items = asList(value, path).map((item, i) => validateString(item, `${path}[${i}]`, MAX_STRING_ITEM_LENGTH, true) as string);
  return [...new Set(items)];
}

function asList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new InputError(path, `must be a list (got ${JSON.stringify(value)})`);
  if (value.length > MAX_LIST_ITEMS) throw new InputError(path, `must have at most ${MAX_LIST_ITEMS} items (got ${value.length})`);
  return value;
}

function validateEnum(value: unknown, values: readonly string[], path: string): string {
  if (typeof value !== 'string' || !values.includes(value)) {
    throw new InputError(path, `must be one of ${values.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value;
}

/**
 * Calendar dates already found valid. Imports check millions of dates over a few thousand distinct
 * days; the set is bounded by the calendar, and capped in case of a file spanning millennia.
 */
const validDates = new Set<string>();
const VALID_DATES_REMEMBERED = 100_000;

function validateDate(value: unknown, path: string): string {
  if (typeof value === 'string' && validDates.has(value)) return value;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (typeof text !== 'string' || !DATE_FORMAT.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    throw new InputError(path, `must be a calendar date YYYY-MM-DD (got ${JSON.stringify(value)})`);
  }
  if (validDates.size < VALID_DATES_REMEMBERED) validDates.add(text);
  return text;
}

function validateDateTime(value: unknown, path: string): string {
  const date = value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new InputError(path, `must be an ISO 8601 date-time such as 2025-10-14T08:30:00Z (got ${JSON.stringify(value)})`);
  return date.toISOString();
}

function validateCountry(value: unknown, path: string): string {
  const problem = countryCodeProblem(value);
  if (problem) throw new InputError(path, problem);
  return (value as string).toUpperCase();
}

function validateUrl(value: unknown, path: string): string {
  const text = value instanceof URL ? value.href : value;
  if (typeof text !== 'string') throw new InputError(path, `must be an http(s) URL (got ${JSON.stringify(value)})`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(path, `must be an absolute http(s) URL (got ${JSON.stringify(text)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(path, `must be an http(s) URL (got ${JSON.stringify(text)})`);
  return url.href;
}

/**
 * The ordered pairs of a relationship checked on what is stored after a write, not only on the
 * input: an update that sends only `heldUntil` or `figureHigh` must not leave them out of order.
 */
export function checkRelationshipOrder(properties: Record<string, unknown>, path: string): void {
  for (const [first, second, kind] of RELATIONSHIP_ORDERED_PAIRS) {
    if (kind === 'dates') checkOrder(properties, first, second, path);
    else checkBounds(properties, first, second, path);
  }
}

/** The pairs checkRelationshipOrder holds in order: dates (strings) and bounds (numbers). src/graph/writes.ts states the same in Cypher. */
export const RELATIONSHIP_ORDERED_PAIRS = [['heldFrom', 'heldUntil', 'dates'], ['startDate', 'endDate', 'dates'], ['figureLow', 'figureHigh', 'bounds']] as const;

function checkBounds(properties: Record<string, unknown>, low: string, high: string, path: string): void {
  const a = properties[low];
  const b = properties[high];
  if (typeof a === 'number' && typeof b === 'number' && a > b) {
    throw new InputError(`${path}.${high}`, `must not be below ${low} (${a}); got ${b}`);
  }
}

function checkOrder(properties: Record<string, unknown>, first: string, second: string, path: string): void {
  const a = properties[first];
  const b = properties[second];
  if (typeof a === 'string' && typeof b === 'string' && a > b) {
    throw new InputError(`${path}.${second}`, `must not be before ${first} (${a}); got ${b}`);
  }
}
