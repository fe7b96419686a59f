import { isInt } from 'neo4j-driver';
import { newEntityProperties, newRelationshipProperties } from '../graph/index.js';
import { citedSources, derivedLabelsOf, ENTITY_PROPERTY_SPECS, RELATIONSHIPS, type EntityLabel, type PropertySpec, type PropertySpecs, type RelationshipType } from '../model/index.js';
import type { NumberedLine } from './importer.js';
import type { Rejection } from './items.js';
import type { LineReader } from './lineReader.js';

/**
 * One line of an initial load, read, checked and encoded as a CSV row for Neo4j's bulk importer —
 * everything about a line that does not depend on the other lines, so that it can run on a worker
 * thread. What does depend on them (repeats, ends, sources) is decided in initialLoad.ts.
 */

/** Separates the elements of array columns; a value holding it is left to the transactional pass. */
export const ARRAY_DELIMITER = '\u001f';

/** What the bookkeeping needs of an entity, and its CSV row (null: the bulk importer cannot carry it). */
export interface StagedEntity {
  id: string;
  kind: EntityLabel;
  locationType: string | null;
  sources: string[];
  /** Labels of the node, joined by ':' (which node file it goes to). */
  labels: string;
  csv: string | null;
}

export interface StagedRelationship {
  id: string;
  type: RelationshipType;
  from: string;
  to: string;
  sources: string[];
  csv: string | null;
}

export type StagedLine =
  | { kind: 'native'; items: Array<{ entity: StagedEntity } | { relationship: StagedRelationship }> }
  /** FollowTheMoney: left to the transactional pass; its entities (ids, kinds) and relationship ids are noted. */
  | { kind: 'ftm'; entities: Array<[string, EntityLabel]>; relationshipIds: string[] }
  | { kind: 'rejected'; rejection: Rejection }
  | { kind: 'unknownSchema'; schema: string };

/** How a property travels through a CSV column: its importer type and how a value is written. */
type ColumnType = 'string' | 'string[]' | 'long' | 'double' | 'boolean';

interface Column {
  name: string;
  type: ColumnType;
}

function columnType(spec: PropertySpec): ColumnType {
  switch (spec.type) {
    case 'strings':
    case 'countries':
    case 'enums':
      return 'string[]';
    case 'int':
      return 'long';
    case 'float':
      return 'double';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

/** Properties every stored entity or relationship may have beyond its kind's own (see writes.ts). */
const STORED_ENTITY_COLUMNS: readonly Column[] = [
  { name: 'name', type: 'string' }, { name: 'aliases', type: 'string[]' }, { name: 'createdAt', type: 'string' }, { name: 'updatedAt', type: 'string' },
  { name: 'identifiers', type: 'string[]' }, { name: 'identifierText', type: 'string' }, { name: 'protectedIdentifierText', type: 'string' }, { name: 'sourceIds', type: 'string[]' }, { name: 'grades', type: 'string[]' }, { name: 'ftm', type: 'string' },
];
const STORED_RELATIONSHIP_COLUMNS: readonly Column[] = [
  { name: 'id', type: 'string' }, { name: 'sortKey', type: 'string' }, { name: 'createdAt', type: 'string' }, { name: 'updatedAt', type: 'string' },
  { name: 'sourceIds', type: 'string[]' }, { name: 'grades', type: 'string[]' }, { name: 'ftm', type: 'string' },
];
const ENTITY_ID_HEADER = 'id:ID(Entity)';
const RELATIONSHIP_END_HEADERS = [':START_ID(Entity)', ':END_ID(Entity)'];

interface Layout {
  columns: Column[];
  /** Every property name a row may have (one without a column would be dropped silently). */
  known: Set<string>;
  header: string;
}

function layoutOf(leading: readonly string[], own: readonly Column[], specs: PropertySpecs, alsoKnown: readonly string[]): Layout {
  const columns = [...own, ...Object.entries(specs).map(([name, spec]) => ({ name, type: columnType(spec) }))];
  return { columns, known: new Set([...alsoKnown, ...columns.map((c) => c.name)]), header: [...leading, ...columns.map((c) => `${c.name}:${c.type}`)].join(',') };
}

const entityLayouts = new Map<EntityLabel, Layout>();
const relationshipLayouts = new Map<RelationshipType, Layout>();

export function entityLayout(kind: EntityLabel): Layout {
  let layout = entityLayouts.get(kind);
  if (!layout) {
    layout = layoutOf([ENTITY_ID_HEADER], STORED_ENTITY_COLUMNS, ENTITY_PROPERTY_SPECS[kind], ['id']);
    entityLayouts.set(kind, layout);
  }
  return layout;
}

export function relationshipLayout(type: RelationshipType): Layout {
  let layout = relationshipLayouts.get(type);
  if (!layout) {
    layout = layoutOf(RELATIONSHIP_END_HEADERS, STORED_RELATIONSHIP_COLUMNS, RELATIONSHIPS[type].properties, []);
    relationshipLayouts.set(type, layout);
  }
  return layout;
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
const LINE_BREAK = /[\r\n]/;

/**
 * One CSV field, or undefined when the bulk importer cannot carry the value faithfully (the row then
 * goes to the transactional pass): text with line breaks, an empty list, an empty or delimiter-holding
 * list element, or a value of another type than its column.
 */
function field(value: unknown, type: ColumnType): string | undefined {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'string':
      return typeof value === 'string' && !LINE_BREAK.test(value) ? quote(value) : undefined;
    case 'string[]': {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      for (const item of value) {
        if (typeof item !== 'string' || item === '' || item.includes(ARRAY_DELIMITER) || LINE_BREAK.test(item)) return undefined;
      }
      return quote(value.join(ARRAY_DELIMITER));
    }
    case 'long':
      return isInt(value) ? value.toString() : undefined;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : undefined;
  }
}

/** The CSV line of a row (leading fields given), or null when a value does not fit its column. */
function csvLine(leading: string, row: Record<string, unknown>, layout: Layout): string | null {
  for (const key in row) if (!layout.known.has(key)) return null;
  let line = leading;
  for (const column of layout.columns) {
    const text = field(row[column.name], column.type);
    if (text === undefined) return null;
    line += `,${text}`;
  }
  return `${line}\n`;
}

/** Reads one line and stages its items; `now` is every row's createdAt/updatedAt. */
export function stageLine(reader: LineReader, { line, text, unreadable }: NumberedLine, now: string): StagedLine {
  const reading = reader.read(text, line, unreadable);
  if (reading.kind !== 'items') return reading;
  if (reading.ftm) {
    return {
      kind: 'ftm',
      entities: reading.items.flatMap((item) => ('entity' in item ? [[item.entity.entity.id, item.entity.entity.label] as [string, EntityLabel]] : [])),
      // Every reading of a link (its alternatives too): which one applies is known only in the graph.
      relationshipIds: reading.items.flatMap((item) => ('relationship' in item ? [item.relationship.relationship, ...(item.relationship.alternatives ?? [])].map((r) => r.id) : [])),
    };
  }
  return {
    kind: 'native',
    items: reading.items.map((item) => {
      if ('entity' in item) {
        const { entity } = item.entity;
        const row = newEntityProperties(item.entity, now);
        return {
          entity: {
            id: entity.id,
            kind: entity.label,
            locationType: entity.label === 'Location' ? ((row['locationType'] as string | undefined) ?? null) : null,
            sources: citedSources(entity.provenance),
            labels: ['Entity', entity.label, ...derivedLabelsOf(entity.label, row)].join(':'),
            csv: csvLine(quote(entity.id), row, entityLayout(entity.label)),
          },
        };
      }
      const r = item.relationship.relationship;
      return {
        relationship: {
          id: r.id, type: r.type, from: r.from, to: r.to, sources: citedSources(r.provenance),
          csv: csvLine(`${quote(r.from)},${quote(r.to)}`, newRelationshipProperties(item.relationship, now), relationshipLayout(r.type)),
        },
      };
    }),
  };
}

/**
 * Staged lines as one flat list of strings, numbers and nulls, for the message from a worker thread:
 * the structured clone of a flat list costs a fraction of that of as many small objects.
 */
export function flattenStaged(lines: readonly StagedLine[]): unknown[] {
  const out: unknown[] = [];
  for (const staged of lines) {
    switch (staged.kind) {
      case 'native':
        out.push('n', staged.items.length);
        for (const item of staged.items) {
          if ('entity' in item) {
            const e = item.entity;
            out.push('e', e.id, e.kind, e.locationType, e.labels, e.csv, e.sources.length, ...e.sources);
          } else {
            const r = item.relationship;
            out.push('r', r.id, r.type, r.from, r.to, r.csv, r.sources.length, ...r.sources);
          }
        }
        break;
      case 'ftm':
        out.push('f', staged.entities.length);
        for (const [id, kind] of staged.entities) out.push(id, kind);
        out.push(staged.relationshipIds.length, ...staged.relationshipIds);
        break;
      case 'rejected':
        out.push('x', staged.rejection.line, staged.rejection.id ?? null, staged.rejection.reason);
        break;
      case 'unknownSchema':
        out.push('u', staged.schema);
        break;
    }
  }
  return out;
}

/** The inverse of flattenStaged. */
export function unflattenStaged(flat: readonly unknown[]): StagedLine[] {
  const lines: StagedLine[] = [];
  let i = 0;
  const next = <T>() => flat[i++] as T;
  /** A counted list of strings (sources, relationship ids). */
  const strings = () => {
    const n = next<number>();
    const list = flat.slice(i, i + n) as string[];
    i += n;
    return list;
  };
  while (i < flat.length) {
    const tag = next<string>();
    if (tag === 'n') {
      const count = next<number>();
      const items: Array<{ entity: StagedEntity } | { relationship: StagedRelationship }> = [];
      for (let k = 0; k < count; k++) {
        if (next<string>() === 'e') {
          const [id, kind, locationType, labels, csv] = [next<string>(), next<EntityLabel>(), next<string | null>(), next<string>(), next<string | null>()];
          items.push({ entity: { id, kind, locationType, labels, csv, sources: strings() } });
        } else {
          const [id, type, from, to, csv] = [next<string>(), next<RelationshipType>(), next<string>(), next<string>(), next<string | null>()];
          items.push({ relationship: { id, type, from, to, csv, sources: strings() } });
        }
      }
      lines.push({ kind: 'native', items });
    } else if (tag === 'f') {
      const count = next<number>();
      const entities: Array<[string, EntityLabel]> = [];
      for (let k = 0; k < count; k++) entities.push([next<string>(), next<EntityLabel>()]);
      lines.push({ kind: 'ftm', entities, relationshipIds: strings() });
    } else if (tag === 'x') {
      const [line, id, reason] = [next<number>(), next<string | null>(), next<string>()];
      lines.push({ kind: 'rejected', rejection: { line, id: id ?? undefined, reason } });
    } else {
      lines.push({ kind: 'unknownSchema', schema: next<string>() });
    }
  }
  return lines;
}
