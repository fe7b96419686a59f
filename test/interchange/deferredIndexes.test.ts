import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Database } from '../../src/database/index.js';
import { DEFERRED_INDEX_LABEL, restoreDeferredIndexes } from '../../src/database/deferredIndexes.js';
import { removeByPrefix } from '../support/fixtures.js';
import { importValues } from './support.js';

const P = 't-deferred-indexes-';
// A label and a type of this test's own: the shared test graph's real indexes are left alone.
const NODE_INDEX = 't_deferred_probe_name';
const RELATIONSHIP_INDEX = 't_deferred_probe_at';

describe('secondary indexes set aside by a first load', () => {
  let db: Database;
  beforeAll(() => {
    const target = inject('neo4j');
    db = new Database(neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), { disableLosslessIntegers: true }), {
      database: target.database,
      queryTimeoutMs: 60_000,
    });
  });
  afterAll(async () => {
    for (const name of [NODE_INDEX, RELATIONSHIP_INDEX]) await db.write(`DROP INDEX ${name} IF EXISTS`);
    await db.write(`MATCH (m:${DEFERRED_INDEX_LABEL}) WHERE m.name IN $names DELETE m`, { names: [NODE_INDEX, RELATIONSHIP_INDEX] });
    await removeByPrefix(db, P);
    await db.close();
  });

  it('come back, same name and definition, when the next import starts after one that died', async () => {
    // What an import leaves when it is killed after dropping its indexes: the markers only.
    const definitions = [
      { name: NODE_INDEX, entityType: 'NODE', labelsOrTypes: ['TDeferredProbe'], properties: ['name'], options: { indexProvider: 'range-1.0', indexConfig: {} } },
      { name: RELATIONSHIP_INDEX, entityType: 'RELATIONSHIP', labelsOrTypes: ['T_DEFERRED_PROBE'], properties: ['at', 'amount'], options: { indexProvider: 'range-1.0', indexConfig: {} } },
    ];
    await db.write(`UNWIND $definitions AS d CREATE (:${DEFERRED_INDEX_LABEL} {name: d.name, definition: d.json})`, {
      definitions: definitions.map((d) => ({ name: d.name, json: JSON.stringify(d) })),
    });

    const summary = await importValues(db, [{ kind: 'Source', id: `${P}source`, name: 'A source' }]);
    expect(summary.rejected).toBe(0);

    const { records } = await db.read<{ name: string; entityType: string; labelsOrTypes: string[]; properties: string[]; state: string; type: string }>(
      'SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state WHERE name IN $names RETURN name, type, entityType, labelsOrTypes, properties, state ORDER BY name',
      { names: [NODE_INDEX, RELATIONSHIP_INDEX] },
    );
    expect(records.map((r) => r.toObject())).toEqual([
      { name: RELATIONSHIP_INDEX, type: 'RANGE', entityType: 'RELATIONSHIP', labelsOrTypes: ['T_DEFERRED_PROBE'], properties: ['at', 'amount'], state: 'ONLINE' },
      { name: NODE_INDEX, type: 'RANGE', entityType: 'NODE', labelsOrTypes: ['TDeferredProbe'], properties: ['name'], state: 'ONLINE' },
    ]);
    const markers = await db.read<{ count: number }>(`MATCH (m:${DEFERRED_INDEX_LABEL}) RETURN count(m) AS count`);
    expect(markers.records[0]!.get('count')).toBe(0);
    // Nothing left to restore: a second call does nothing.
    expect(await restoreDeferredIndexes(db)).toEqual([]);
  });
});
