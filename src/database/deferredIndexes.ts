import type { Database } from './database.js';

/**
 * Secondary indexes set aside during a large first load. Inserting millions of entries one commit
 * at a time costs far more than populating the index once from the finished store (a scan and a
 * bulk sort), so an import into an empty graph drops the range indexes that back no constraint and
 * creates them again, with the same name and options, when it is done. Constraints (and so the
 * lookups the import relies on), token lookup indexes and the fulltext index (eventually
 * consistent: already off the commit path) stay.
 *
 * Each dropped index is first recorded in a (:DeferredIndex) node, so an import that dies before
 * its end (even killed) leaves a record the next import restores from before it starts. The
 * migrations still see what they created: the restored index has the same name and definition.
 */

/** Marker nodes: one per index set aside, holding its definition as JSON. Not an Entity. */
export const DEFERRED_INDEX_LABEL = 'DeferredIndex';
/** Only plain range indexes are set aside (see above). */
const DEFERRABLE_INDEX_TYPE = 'RANGE';
/**
 * How often to ask whether the restored indexes are online. Polled with short reads rather than one
 * `db.awaitIndexes` call, which could outlast the transaction timeout on a large store.
 */
const POLL_MS = 250;

interface IndexDefinition {
  name: string;
  entityType: 'NODE' | 'RELATIONSHIP';
  labelsOrTypes: string[];
  properties: string[];
  options: Record<string, unknown>;
}

const FIND_DEFERRABLE = `SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint, options
  WHERE type = $type AND owningConstraint IS NULL AND size(labelsOrTypes) = 1
  RETURN name, entityType, labelsOrTypes, properties, options ORDER BY name`;
const RECORD_MARKERS = `UNWIND $definitions AS definition
  MERGE (m:${DEFERRED_INDEX_LABEL} {name: definition.name}) SET m.definition = definition.json`;
const READ_MARKERS = `MATCH (m:${DEFERRED_INDEX_LABEL}) RETURN m.name AS name, m.definition AS definition ORDER BY name`;
const INDEX_STATES = 'SHOW INDEXES YIELD name, state WHERE name IN $names RETURN name, state';
const DELETE_MARKERS = `MATCH (m:${DEFERRED_INDEX_LABEL}) WHERE m.name IN $names DELETE m`;

/** A schema name (index, label, type, property) as a Cypher identifier: schema commands take no parameters for them. */
function identifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

function createStatement(index: IndexDefinition): string {
  const entity = index.entityType === 'NODE' ? `(e:${identifier(index.labelsOrTypes[0]!)})` : `()-[e:${identifier(index.labelsOrTypes[0]!)}]-()`;
  const on = index.properties.map((p) => `e.${identifier(p)}`).join(', ');
  return `CREATE INDEX ${identifier(index.name)} IF NOT EXISTS FOR ${entity} ON (${on}) OPTIONS $options`;
}

/**
 * Records and drops the deferrable indexes. Call only while this import has no write in flight
 * (schema changes wait for open transactions). Returns the names set aside.
 */
export async function deferSecondaryIndexes(db: Database): Promise<string[]> {
  const { records } = await db.read<IndexDefinition>(FIND_DEFERRABLE, { type: DEFERRABLE_INDEX_TYPE });
  const indexes = records.map((r) => r.toObject());
  if (indexes.length === 0) return [];
  await db.write(RECORD_MARKERS, { definitions: indexes.map((index) => ({ name: index.name, json: JSON.stringify(index) })) });
  // One schema transaction for all of them; data and schema writes cannot share one.
  await db.writeTransaction(async (tx) => {
    for (const index of indexes) await tx.run(`DROP INDEX ${identifier(index.name)} IF EXISTS`);
  });
  return indexes.map((index) => index.name);
}

/**
 * Creates again every index a (possibly earlier, interrupted) import set aside, waits until they
 * are online, then forgets the markers. Created in one transaction, so Neo4j populates them
 * together from one scan of the store. Returns the names restored.
 */
export async function restoreDeferredIndexes(db: Database): Promise<string[]> {
  const { records } = await db.read<{ name: string; definition: string }>(READ_MARKERS);
  if (records.length === 0) return [];
  const indexes = records.map((r) => JSON.parse(r.get('definition')) as IndexDefinition);
  await db.writeTransaction(async (tx) => {
    for (const index of indexes) await tx.run(createStatement(index), { options: index.options });
  });
  const names = records.map((r) => r.get('name'));
  await awaitOnline(db, names);
  await db.write(DELETE_MARKERS, { names });
  return names;
}

async function awaitOnline(db: Database, names: string[]): Promise<void> {
  for (;;) {
    const { records } = await db.read<{ name: string; state: string }>(INDEX_STATES, { names });
    const failed = records.find((r) => r.get('state') === 'FAILED');
    if (failed) throw new Error(`index ${failed.get('name')} failed to populate after the import; see SHOW INDEXES`);
    if (records.length < names.length) throw new Error(`an index restored after the import was dropped meanwhile: ${names.join(', ')}`);
    if (records.every((r) => r.get('state') === 'ONLINE')) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
