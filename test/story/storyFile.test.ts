import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMON_ENTITY_PROPERTIES, KINDS, RELATIONSHIPS, type PropertySpec } from '../../src/model/domain.js';
import { ENTITY_LABELS, type EntityLabel } from '../../src/model/entity.js';
import { CREDIBILITIES, RELIABILITIES } from '../../src/model/vocabularies.js';

/**
 * The demo story (data/demo/story.jsonl) checked as a file, without a server: every line is a valid
 * entity or relationship of the domain model, every reference resolves, every fact has a graded source.
 */

const STORY_FILE = new URL('../../data/demo/story.jsonl', import.meta.url);

type Line = Record<string, unknown>;
interface Parsed {
  lineNo: number;
  line: Line;
}

const raw = readFileSync(STORY_FILE, 'utf8');
const parsed: Parsed[] = raw
  .split('\n')
  .map((text, index) => ({ text, lineNo: index + 1 }))
  .filter(({ text }) => text.trim() !== '')
  .map(({ text, lineNo }) => ({ lineNo, line: JSON.parse(text) as Line }));

const entities = parsed.filter(({ line }) => 'kind' in line);
const relationships = parsed.filter(({ line }) => 'type' in line);
const entityById = new Map(entities.map(({ line }) => [line['id'] as string, line]));

const isEntityLabel = (value: unknown): value is EntityLabel => (ENTITY_LABELS as readonly unknown[]).includes(value);
const isRelationshipType = (value: unknown): value is keyof typeof RELATIONSHIPS =>
  typeof value === 'string' && Object.hasOwn(RELATIONSHIPS, value);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

function isValidDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Why a value does not fit its property spec, or undefined when it does. */
function problemWith(value: unknown, spec: PropertySpec): string | undefined {
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return 'is not a string';
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `is longer than ${spec.maxLength}`;
      return undefined;
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'is not a list of strings';
    case 'int':
      if (!Number.isInteger(value)) return 'is not an integer';
      return spec.min !== undefined && (value as number) < spec.min ? `is below ${spec.min}` : undefined;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'is not a number';
      if (spec.min !== undefined && value < spec.min) return `is below ${spec.min}`;
      return spec.max !== undefined && value > spec.max ? `is above ${spec.max}` : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'is not a boolean';
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? undefined : 'is not a YYYY-MM-DD date';
    case 'datetime':
      return typeof value === 'string' && DATETIME_UTC.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'is not an ISO date-time in UTC (Z)';
    case 'country':
      return typeof value === 'string' && /^[A-Z]{2}$/.test(value) ? undefined : 'is not an upper-case ISO alpha-2 code';
    case 'countries':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && /^[A-Z]{2}$/.test(v))
        ? undefined
        : 'is not a list of upper-case ISO alpha-2 codes';
    case 'url':
      try {
        const url = new URL(String(value));
        return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'is not an http(s) URL';
      } catch {
        return 'is not a URL';
      }
    case 'enum':
      return spec.values.includes(value as string) ? undefined : `is not one of ${spec.values.join(', ')}`;
    case 'enums':
      return Array.isArray(value) && value.every((v) => spec.values.includes(v as string))
        ? undefined
        : `holds a value outside ${spec.values.join(', ')}`;
  }
}

/** Problems with the properties of one line, given the specs of its kind or type. */
function propertyProblems(line: Line, fixed: readonly string[], specs: Readonly<Record<string, PropertySpec>>): string[] {
  const problems: string[] = [];
  for (const [field, value] of Object.entries(line)) {
    if (fixed.includes(field)) continue;
    const spec = specs[field];
    if (!spec) {
      problems.push(`${String(line['id'])}: unknown field ${field}`);
      continue;
    }
    const problem = problemWith(value, spec);
    if (problem) problems.push(`${String(line['id'])}: ${field} ${problem}`);
  }
  return problems;
}

function provenanceOf(line: Line): Array<Record<string, unknown>> {
  const provenance = line['provenance'];
  return Array.isArray(provenance) ? (provenance as Array<Record<string, unknown>>) : [];
}

describe('the demo story file', () => {
  it('is one JSON object per line, each either an entity (kind) or a relationship (type)', () => {
    expect(parsed.length).toBeGreaterThan(0);
    for (const { lineNo, line } of parsed) {
      expect(typeof line, `line ${lineNo}`).toBe('object');
      expect('kind' in line !== 'type' in line, `line ${lineNo} has exactly one of kind and type`).toBe(true);
    }
  });

  it('keeps its size compact: 40 to 70 entities and 50 to 90 relationships', () => {
    expect(entities.length).toBeGreaterThanOrEqual(40);
    expect(entities.length).toBeLessThanOrEqual(70);
    expect(relationships.length).toBeGreaterThanOrEqual(50);
    expect(relationships.length).toBeLessThanOrEqual(90);
  });

  it('lists sources first, then locations, then other entities, then relationships', () => {
    const rank = ({ line }: Parsed): number =>
      line['kind'] === 'Source' ? 0 : line['kind'] === 'Location' ? 1 : 'kind' in line ? 2 : 3;
    const ranks = parsed.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('gives every line an id that is unique across entities and relationships', () => {
    const ids = parsed.map(({ line }) => line['id']);
    for (const id of ids) expect(typeof id === 'string' && id.length > 0, `id ${String(id)}`).toBe(true);
    const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(duplicates).toEqual([]);
  });

  it('uses only the kinds of the domain model, with names of 1 to 300 characters and lists of aliases', () => {
    for (const { lineNo, line } of entities) {
      expect(isEntityLabel(line['kind']), `line ${lineNo}: kind ${String(line['kind'])}`).toBe(true);
      const name = line['name'];
      expect(typeof name === 'string' && name.length >= 1 && name.length <= 300, `line ${lineNo}: name`).toBe(true);
      if ('aliases' in line) expect(problemWith(line['aliases'], { type: 'strings' }), `line ${lineNo}: aliases`).toBeUndefined();
    }
  });

  it('gives entities only the properties of their kind, with values valid for each property', () => {
    const problems = entities.flatMap(({ line }) => {
      const kind = line['kind'];
      if (!isEntityLabel(kind)) return [`${String(line['id'])}: unknown kind`];
      return propertyProblems(line, ['kind', 'id', 'name', 'aliases', 'provenance'], {
        ...COMMON_ENTITY_PROPERTIES,
        ...KINDS[kind].properties,
      });
    });
    expect(problems).toEqual([]);
  });

  it('uses only relationship types of the domain model, each with an explicit id, from and to', () => {
    for (const { lineNo, line } of relationships) {
      expect(isRelationshipType(line['type']), `line ${lineNo}: type ${String(line['type'])}`).toBe(true);
      expect(String(line['id']), `line ${lineNo}`).toMatch(/^rel:/);
      expect(typeof line['from'], `line ${lineNo}: from`).toBe('string');
      expect(typeof line['to'], `line ${lineNo}: to`).toBe('string');
    }
  });

  it('gives relationships only the properties of their type, with values valid for each property', () => {
    const problems = relationships.flatMap(({ line }) => {
      const type = line['type'];
      if (!isRelationshipType(type)) return [`${String(line['id'])}: unknown type`];
      return propertyProblems(line, ['type', 'id', 'from', 'to', 'provenance'], RELATIONSHIPS[type].properties);
    });
    expect(problems).toEqual([]);
  });

  it('connects only entities defined in the file, of the kinds each relationship type allows', () => {
    const problems: string[] = [];
    for (const { line } of relationships) {
      const type = line['type'];
      if (!isRelationshipType(type)) continue;
      const spec = RELATIONSHIPS[type];
      for (const [end, allowed] of [['from', spec.from], ['to', spec.to]] as const) {
        const target = entityById.get(line[end] as string);
        if (!target) problems.push(`${String(line['id'])}: ${end} ${String(line[end])} is not defined`);
        else if (!(allowed as readonly unknown[]).includes(target['kind']))
          problems.push(`${String(line['id'])}: ${end} is a ${String(target['kind'])}, not ${allowed.join(' or ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives every fact but a source at least one graded source, and sources none', () => {
    const problems: string[] = [];
    for (const { line } of parsed) {
      const id = String(line['id']);
      if (line['kind'] === 'Source') {
        if ('provenance' in line) problems.push(`${id}: a source carries no provenance`);
        continue;
      }
      const provenance = provenanceOf(line);
      if (provenance.length === 0) problems.push(`${id}: no provenance`);
      for (const grade of provenance) {
        const source = entityById.get(grade['source'] as string);
        if (source?.['kind'] !== 'Source') problems.push(`${id}: provenance source ${String(grade['source'])} is not a Source line`);
        if (!(RELIABILITIES as readonly unknown[]).includes(grade['reliability'])) problems.push(`${id}: reliability ${String(grade['reliability'])}`);
        if (!(CREDIBILITIES as readonly unknown[]).includes(grade['credibility'])) problems.push(`${id}: credibility ${String(grade['credibility'])}`);
        const extra = Object.keys(grade).filter((key) => !['source', 'reliability', 'credibility'].includes(key));
        if (extra.length > 0) problems.push(`${id}: provenance has unknown fields ${extra.join(', ')}`);
      }
      const sourceIds = provenance.map((grade) => grade['source']);
      if (new Set(sourceIds).size !== sourceIds.length) problems.push(`${id}: one grade per source`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every source a publisher, a publication date and a default reliability', () => {
    for (const { line } of entities.filter(({ line }) => line['kind'] === 'Source')) {
      expect(line['publisher'], String(line['id'])).toEqual(expect.any(String));
      expect(line['publishedAt'], String(line['id'])).toEqual(expect.any(String));
      expect(line['defaultReliability'], String(line['id'])).toEqual(expect.any(String));
    }
  });

  it('gives every location a country code but regions across countries, places each city or region in the same country, and each region across countries holds one', () => {
    const placements = relationships.filter(({ line }) => line['type'] === 'LOCATED_IN').map(({ line }) => line);
    for (const { line } of entities.filter(({ line }) => line['kind'] === 'Location')) {
      const id = String(line['id']);
      expect(line['locationType'], id).toEqual(expect.any(String));
      if (line['locationType'] === 'REGION' && line['countryCode'] === undefined) {
        // A region across countries (Southeast Asia) has no country code: countries are placed in it.
        const members = placements.filter((p) => p['to'] === id).map((p) => entityById.get(p['from'] as string));
        expect(members.some((member) => member?.['locationType'] === 'COUNTRY'), `${id} holds a country`).toBe(true);
        continue;
      }
      expect(line['countryCode'], id).toMatch(/^[A-Z]{2}$/);
      if (line['locationType'] === 'COUNTRY') continue;
      const parents = placements.filter((p) => p['from'] === id).map((p) => entityById.get(p['to'] as string));
      expect(parents.length, `${id} is LOCATED_IN somewhere`).toBeGreaterThan(0);
      for (const parent of parents) expect(parent?.['countryCode'], `${id}'s parent`).toBe(line['countryCode']);
    }
  });

  it('marks every link that touches an illustrative entity, or says it is illustrative, as illustrative itself', () => {
    for (const { line } of relationships) {
      const id = String(line['id']);
      expect(typeof line['illustrative'], `${id} says whether it is illustrative`).toBe('boolean');
      const standsIn = entityById.get(line['from'] as string)?.['illustrative'] === true
        || entityById.get(line['to'] as string)?.['illustrative'] === true
        || String(line['outcome'] ?? '').startsWith('Illustrative');
      expect(line['illustrative'], id).toBe(standsIn);
    }
  });

  it('records nationalities as links to country locations', () => {
    for (const { line } of relationships.filter(({ line }) => line['type'] === 'NATIONAL_OF')) {
      expect(entityById.get(line['to'] as string)?.['locationType'], String(line['id'])).toBe('COUNTRY');
    }
  });

  it('numbers every journey from 1 without gaps or repeats', () => {
    const seqsByPerson = new Map<string, number[]>();
    for (const { line } of relationships.filter(({ line }) => line['type'] === 'TRAVELLED_TO')) {
      expect(Number.isInteger(line['seq']), `${String(line['id'])} has a seq`).toBe(true);
      const list = seqsByPerson.get(line['from'] as string) ?? [];
      list.push(line['seq'] as number);
      seqsByPerson.set(line['from'] as string, list);
    }
    for (const [person, seqs] of seqsByPerson) {
      expect([...seqs].sort((a, b) => a - b), person).toEqual(seqs.map((_, index) => index + 1));
    }
  });

  it('names illustrative people by pseudonym only', () => {
    for (const { line } of entities.filter(({ line }) => line['kind'] === 'Person' && line['illustrative'] === true)) {
      expect(line['pseudonymous'], String(line['id'])).toBe(true);
    }
  });

  it('tells every fact of the story: the operation, both victim groups and their routes, the compounds and the money', () => {
    const kinds = (kind: string) => entities.filter(({ line }) => line['kind'] === kind).map(({ line }) => line);
    const links = (type: string) => relationships.filter(({ line }) => line['type'] === type).map(({ line }) => line);
    const operation = kinds('Operation')[0];
    expect(operation?.['countriesInvolvedCount']).toBeGreaterThan(20);
    expect(operation?.['arrests']).toBeGreaterThanOrEqual(100);
    expect(operation?.['hotspotsInspected']).toBeGreaterThanOrEqual(100);
    expect(links('CONDUCTED').some((l) => l['to'] === operation?.['id'])).toBe(true);
    const publishers = kinds('Source').map((s) => s['publisher']);
    expect(publishers).toEqual(expect.arrayContaining(['INTERPOL', 'Reuters', 'United Nations']));

    const nationals = (cc: string) => links('NATIONAL_OF').filter((l) => entityById.get(l['to'] as string)?.['countryCode'] === cc).map((l) => l['from']);
    const route = (person: unknown) =>
      links('TRAVELLED_TO')
        .filter((l) => l['from'] === person)
        .sort((a, b) => (a['seq'] as number) - (b['seq'] as number))
        .map((l) => `${String(entityById.get(l['to'] as string)?.['countryCode'])}:${String(l['stage'])}`);
    const ugandans = nationals('UG');
    const malaysians = nationals('MY');
    expect(ugandans.length).toBeGreaterThanOrEqual(2);
    expect(malaysians.length).toBeGreaterThanOrEqual(2);
    for (const person of ugandans) expect(route(person)).toEqual(['UG:RECRUITMENT', 'AE:TRANSIT', 'TH:TRANSIT', 'MM:EXPLOITATION']);
    for (const person of malaysians) expect(route(person)).toEqual(['MY:RECRUITMENT', 'PE:EXPLOITATION']);
    for (const person of [...ugandans, ...malaysians]) {
      expect(links('RECRUITED').some((l) => l['to'] === person && l['method'] === 'JOB_OFFER')).toBe(true);
      expect(links('HELD_AT').some((l) => l['from'] === person)).toBe(true);
    }

    const flagged = kinds('Account').filter((a) => a['flagged'] === true);
    expect(flagged).toHaveLength(1);
    const walletId = flagged[0]?.['id'];
    expect(links('LINKED_TO').some((l) => l['from'] === walletId)).toBe(true);
    const outflows = links('TRANSFERRED').filter((l) => l['from'] === walletId);
    const inflows = links('TRANSFERRED').filter((l) => l['to'] === walletId);
    const total = outflows.reduce((sum, l) => sum + (l['amountUsd'] as number), 0);
    expect(total).toBeGreaterThanOrEqual(1_000_000);
    expect(inflows.length).toBeGreaterThan(0);
    expect(links('DEFRAUDED').some((l) => l['scamType'] === 'PIG_BUTCHERING')).toBe(true);
  });
});
