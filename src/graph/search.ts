import { int, type Node } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import { ENTITY_LABELS, type EntityLabel, type SearchHitModel } from '../model/index.js';
import { visibleNodeCondition, type Visibility } from '../policy/index.js';
import { toEntityModel } from './records.js';

/** Lucene's query syntax characters: escaped, so any text a user types is taken literally. */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
/** Terms this long or longer tolerate one typo; shorter ones would match too much. */
const FUZZY_MIN_LENGTH = 4;
/** ...and two typos from this length on. */
const FUZZY_TWO_EDITS_LENGTH = 8;

/**
 * The Lucene query for a user's text: every term must match (AND), exactly (boosted) or within
 * one or two edits, so "Myawady" finds "Myawaddy" and a wallet address finds itself.
 */
export function luceneQuery(text: string): string {
  // Lower case: the index is lower-cased, fuzzy terms are not analysed, and AND/OR/NOT stop being operators.
  const terms = text
    .toLowerCase()
    .split(/\s+/)
    .map((term) => term.replace(LUCENE_SPECIAL, (c) => `\\${c}`))
    .filter((term) => term.replace(/\\/g, '').length > 0);
  return terms
    .map((term) => {
      const length = term.replace(/\\/g, '').length;
      if (length < FUZZY_MIN_LENGTH) return term;
      const edits = length >= FUZZY_TWO_EDITS_LENGTH ? 2 : 1;
      return `(${term}^3 OR ${term}~${edits})`;
    })
    .join(' AND ');
}

/** Fulltext search over names, aliases and identifiers, ranked by Lucene's score. */
export async function searchEntities(db: Database, args: { text: string; labels: readonly EntityLabel[] | null; first: number }, visibility: Visibility): Promise<SearchHitModel[]> {
  const query = luceneQuery(args.text);
  if (query === '') return [];
  for (const label of args.labels ?? []) if (!ENTITY_LABELS.includes(label)) throw new Error(`Unknown entity label ${label}`);
  const { records } = await db.read<{ node: Node; score: number }>(
    `CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
     WHERE ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels)) AND ${visibleNodeCondition(visibility, 'node')}
     RETURN node, score
     ORDER BY score DESC, node.id
     LIMIT $first`,
    { query, labels: args.labels && args.labels.length > 0 ? [...args.labels] : null, first: int(args.first) },
  );
  return records.map((r) => ({ entity: toEntityModel(r.get('node')), score: r.get('score') }));
}
