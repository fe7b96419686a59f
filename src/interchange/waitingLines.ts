import { settleCitations, type Citing } from '../model/index.js';
import { DeferredStore } from './deferredStore.js';

/** A waiting entity with the sources it still misses once every line is in (none: it may be written). */
export interface Settled<E> {
  item: E;
  missing: string[];
}

/**
 * Lines of an import that wait for something later in the input — an entity for a source, a
 * relationship for an end or a source: the one implementation, for the transactional import
 * (importer.ts, items of a batch that graph/bulkWrites.ts defers) and the initial load
 * (initialLoad.ts, lines it cannot place yet).
 *
 * - Once an id waits, its later lines wait too, so that the later line still wins.
 * - When everything has arrived, the waiting entities are settled as one set (settleCitations, the
 *   integrity rule): chains and loops of Sources are written together, and what misses a source is
 *   refused — whatever batch each line arrived in, so the outcome never depends on the batch size.
 * - Then the waiting relationships are decided, in order: their ends and sources are all in by then.
 *
 * Items stay in order and spill to disk beyond a limit (DeferredStore); settling keeps the ids and
 * cited sources of the waiting entities in memory (a few dozen bytes per waiting line).
 */
export class WaitingLines<E, R> {
  private entities = new DeferredStore<E>();
  private readonly relationships = new DeferredStore<R>();
  private readonly entityIds = new Set<string>();
  private readonly relationshipIds = new Set<string>();

  /** `describe`: what an entity is and cites, for the settling. */
  constructor(private readonly describe: (entity: E) => Citing) {}

  /** Whether an earlier line of this entity id waits (then this one must wait behind it). */
  entityWaits(id: string): boolean {
    return this.entityIds.has(id);
  }

  relationshipWaits(id: string): boolean {
    return this.relationshipIds.has(id);
  }

  /** Puts an entity line (or item) behind the rest of the input; a promise only when it must wait for a spill. */
  waitEntity(id: string, item: E): Promise<void> {
    this.entityIds.add(id);
    return this.entities.add(item);
  }

  waitRelationship(id: string, item: R): Promise<void> {
    this.relationshipIds.add(id);
    return this.relationships.add(item);
  }

  /**
   * Everything has arrived: settles the waiting entities as one set. `availableSources` answers which
   * of the ids they cite are Sources already written (in the graph, or placed by the load). Returns
   * the Sources the settling counts as written although they are not yet (`settled`: the writer must
   * count them as available), and every waiting entity in order with what it misses. A line of an id
   * whose first waiting line is another kind is left to the writer (which refuses it) and counts as
   * no Source.
   */
  async settleEntities(availableSources: (ids: string[]) => Promise<ReadonlySet<string>>): Promise<{ settled: Set<string>; entities: AsyncGenerator<Settled<E>> }> {
    const kept = new DeferredStore<E>();
    const citing: Array<Citing | undefined> = [];
    const firstKind = new Map<string, string>();
    const cited = new Set<string>();
    for await (const item of this.entities.drain()) {
      const entity = this.describe(item);
      const kind = firstKind.get(entity.id) ?? entity.kind;
      firstKind.set(entity.id, kind);
      citing.push(kind === entity.kind ? entity : undefined);
      for (const source of entity.cites) cited.add(source);
      await kept.add(item);
    }
    // Kept where dispose() finds it, until the caller has read it back.
    this.entities = kept;
    this.entityIds.clear();
    const available = await availableSources([...cited]);
    const considered = citing.flatMap((entity, index) => (entity ? [{ entity, index }] : []));
    const missing: string[][] = citing.map(() => []);
    settleCitations(considered.map((c) => c.entity), (id) => available.has(id)).forEach((misses, i) => {
      missing[considered[i]!.index] = misses;
    });
    const settled = new Set<string>();
    considered.forEach(({ entity, index }) => {
      if (entity.kind === 'Source' && missing[index]!.length === 0 && !available.has(entity.id)) settled.add(entity.id);
    });
    async function* entities(): AsyncGenerator<Settled<E>> {
      let index = 0;
      for await (const item of kept.drain()) yield { item, missing: missing[index++]! };
    }
    return { settled, entities: entities() };
  }

  /** The waiting relationships, in order (after the entities are settled and written). */
  drainRelationships(): AsyncGenerator<R> {
    this.relationshipIds.clear();
    return this.relationships.drain();
  }

  /** Forgets everything and removes any spill file (after a failed import). */
  async dispose(): Promise<void> {
    await this.entities.dispose();
    await this.relationships.dispose();
  }
}
