import { DERIVED_LABELS, RELATIONSHIPS, type RelationshipType } from './domain.js';
import { ENTITY_LABELS } from './entity.js';
import type { EntityLabel } from './entity.js';

/**
 * The integrity rules of every write, as pure functions: what an id, a relationship's ends and its
 * sources must be, which derived labels an entity carries, and the one text that says why a write is
 * refused. The mutations (src/graph/writes.ts), the transactional import (src/graph/bulkWrites.ts)
 * and the initial load (src/interchange/initialLoad.ts) each gather the facts their own way (a
 * lookup, a batch lookup, a map of what was staged) and ask these rules, so all three accept and
 * refuse the same things with the same words. No Cypher and no I/O here.
 */

/** The kind of an entity from its labels (`Entity` is every node's). */
export function kindOf(labels: readonly string[]): string {
  // Not the first label that is not `Entity`: derived labels (DERIVED_LABELS) sit beside the kind, in no set order.
  return labels.find((l) => (ENTITY_LABELS as readonly string[]).includes(l)) ?? 'entity';
}

/** Why an id that is already another kind of entity is refused: ids are unique across kinds. */
export function kindConflict(id: string, kind: string): string {
  return `"${id}" is already a ${kind}; ids are unique across kinds, so choose another id`;
}

/** Ids of the sources a provenance list cites, in order. */
export function citedSources(provenance: ReadonlyArray<{ source: string }> | null | undefined): string[] {
  return provenance?.map((p) => p.source) ?? [];
}

/** Why an entity or relationship citing these sources (not Sources in the graph) is refused. */
export function missingSources(missing: readonly string[]): string {
  return `cites sources that do not exist: ${missing.join(', ')}; create them first (upsertSource, or a "Source" line anywhere in an import)`;
}

/** Which end of a relationship a rule speaks of. */
export type End = 'from' | 'to';

/** A refusal that concerns one end of a relationship (the mutations report it on `input.<end>`). */
export interface EndRefusal {
  end: End;
  reason: string;
}

/** Why a relationship whose ends are not entities is refused, or undefined when both are. */
export function missingEnds(r: { from: string; to: string }, fromMissing: boolean, toMissing: boolean): EndRefusal | undefined {
  if (!fromMissing && !toMissing) return undefined;
  const missing = [fromMissing && `"${r.from}" (from)`, toMissing && `"${r.to}" (to)`].filter(Boolean);
  const verb = missing.length > 1 ? 'are not ids of any entity' : 'is not the id of any entity';
  return { end: fromMissing ? 'from' : 'to', reason: `${missing.join(' and ')} ${verb}; create ${missing.length > 1 ? 'them' : 'it'} first (an import may give it anywhere in the file)` };
}

/** What an end of a relationship is, as far as the rules need: its labels and, for a Location, its type. */
export interface EndFacts {
  labels: readonly string[];
  locationType: string | null;
}

/** Whether a relationship of this type may start (`from`) or end (`to`) at an entity with these labels. */
export function endAllows(type: RelationshipType, end: End, labels: readonly string[]): boolean {
  return RELATIONSHIPS[type][end].some((label) => labels.includes(label));
}

/** The first reading of a link whose ends fit its type (FollowTheMoney links have several), if any. */
export function readingThatFits<T extends { type: RelationshipType }>(readings: readonly T[], from: EndFacts, to: EndFacts): T | undefined {
  return readings.find((r) => endAllows(r.type, 'from', from.labels) && endAllows(r.type, 'to', to.labels));
}

/** Why a relationship may not join these ends (kinds and location types of its type), or undefined when it may. */
export function endsProblem(r: { type: RelationshipType; from: string; to: string }, from: EndFacts, to: EndFacts): EndRefusal | undefined {
  const spec = RELATIONSHIPS[r.type];
  for (const [end, id, facts] of [['from', r.from, from], ['to', r.to, to]] as const) {
    if (!endAllows(r.type, end, facts.labels)) {
      return { end, reason: `"${id}" (${end}) is a ${kindOf(facts.labels)}, but ${r.type} goes ${end} ${spec[end].join(' or ')}` };
    }
  }
  if (spec.toLocationTypes && to.labels.includes('Location') && !spec.toLocationTypes.includes(to.locationType ?? '')) {
    return { end: 'to', reason: `"${r.to}" (to) is a ${to.locationType ?? 'Location without locationType'}, but ${r.type} goes to a location of type ${spec.toLocationTypes.join(' or ')}` };
  }
  return undefined;
}

/** Why a relationship id already used by another relationship (ids are unique across types) is refused. */
export function relationshipIdTaken(id: string, used: { type: string; from: string; to: string }): string {
  return `"${id}" is already the id of ${used.type} ${used.from} → ${used.to}; choose another id (or unlink that one first)`;
}

/** Whether an existing relationship with this id is the same link (an update) rather than another one. */
export function sameLink(a: { type: string; from: string; to: string }, b: { type: string; from: string; to: string }): boolean {
  return a.type === b.type && a.from === b.from && a.to === b.to;
}

/** The derived labels (DERIVED_LABELS) of a kind, with the property value each follows. */
export function derivedLabelsOfKind(kind: EntityLabel): Array<[string, { property: string; value: string }]> {
  return Object.entries(DERIVED_LABELS).filter(([, spec]) => spec.kind === kind);
}

/** The derived labels an entity of this kind with these (stored) properties carries. */
export function derivedLabelsOf(kind: EntityLabel, properties: Record<string, unknown>): string[] {
  return derivedLabelsOfKind(kind)
    .filter(([, spec]) => { const value = properties[spec.property]; return Array.isArray(value) && value.includes(spec.value); })
    .map(([derived]) => derived);
}

/** An entity that cites sources, as settleCitations sees it. */
export interface Citing {
  id: string;
  kind: EntityLabel;
  cites: readonly string[];
}

/**
 * Which of these entities may be written, given the sources available without them: the one answer
 * to "does a line that waits for a source get it". A Source of the set counts as a source for the
 * others (and itself) only if it is written, so nothing ever cites a Source that is refused: drop,
 * until nothing changes, every entity citing a source neither available nor a Source still kept; the
 * rest (chains, loops, self-citations of Sources) are written together. The answer depends only on
 * the set, not on its order or on how it was cut into batches. Returns, per entity (by index), the
 * sources it misses (an empty list: it may be written).
 */
export function settleCitations(items: readonly Citing[], available: (id: string) => boolean): string[][] {
  let kept = items.map((_, i) => i);
  for (let dropped = true; dropped;) {
    const sources = new Set(kept.filter((i) => items[i]!.kind === 'Source').map((i) => items[i]!.id));
    const next = kept.filter((i) => items[i]!.cites.every((s) => available(s) || sources.has(s)));
    dropped = next.length < kept.length;
    kept = next;
  }
  const written = new Set(kept.filter((i) => items[i]!.kind === 'Source').map((i) => items[i]!.id));
  return items.map((item) => [...new Set(item.cites.filter((s) => !available(s) && !written.has(s)))]);
}
