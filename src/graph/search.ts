import { int, type Node } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import { ENTITY_LABELS, IDENTIFIER_FRAGMENT_MIN, IDENTIFIER_TEXT, PROTECTED_IDENTIFIER_TEXT, identifierKey, type EntityLabel, type SearchHitModel } from '../model/index.js';
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

/** Match kinds in rank order (SearchMatch in the schema): identifier matches before text. */
const IDENTIFIER_MATCHES = ['IDENTIFIER', 'IDENTIFIER_START', 'IDENTIFIER_END', 'IDENTIFIER_PART'] as const;

/**
 * The entities whose identifier keys contain `$key` (TEXT index scans on both texts; the protected
 * one only for roles that read protected fields), ranked: the whole key, its start, its end, a part;
 * within a rank by how much of the identifier the text covers.
 */
function identifierHitsSubquery(visibility: Visibility): string {
  const texts = [IDENTIFIER_TEXT, ...(visibility.readsProtected ? [PROTECTED_IDENTIFIER_TEXT] : [])];
  return `CALL () {
       CALL () {
         ${texts.map((text) => `MATCH (n:Entity) WHERE n.${text} CONTAINS $key RETURN n, n.${text} AS keys`).join('\n         UNION ALL\n         ')}
       }
       WITH n, [k IN split(keys, '|') WHERE k CONTAINS $key] AS matched
       WHERE ($labels IS NULL OR any(label IN labels(n) WHERE label IN $labels)) AND ${visibleNodeCondition(visibility, 'n')}
       WITH n, CASE WHEN $key IN matched THEN 0 WHEN any(k IN matched WHERE k STARTS WITH $key) THEN 1 WHEN any(k IN matched WHERE k ENDS WITH $key) THEN 2 ELSE 3 END AS rank,
            reduce(best = 0.0, k IN matched | CASE WHEN toFloat(size($key)) / size(k) > best THEN toFloat(size($key)) / size(k) ELSE best END) AS cover
       WITH n, min(rank) AS rank, max(cover) AS cover
       ORDER BY rank, cover DESC, n.id
       LIMIT $first
       RETURN collect([n, rank, cover]) AS identifierHits
     }`;
}

/** Names, aliases and identifiers by fulltext, ranked by Lucene's score. */
function textHitsSubquery(visibility: Visibility): string {
  return `CALL () {
       CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
       WHERE ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels)) AND ${visibleNodeCondition(visibility, 'node')}
       WITH node, score ORDER BY score DESC, node.id LIMIT $first
       RETURN collect([node, score]) AS textHits
     }`;
}

/**
 * Search: identifiers by any fragment (src/model/identifierKeys.ts) first, then names, aliases and
 * identifiers by fulltext (Lucene's score); an entity found both ways is listed once, as an
 * identifier match. One statement, one round trip.
 */
export async function searchEntities(db: Database, args: { text: string; labels: readonly EntityLabel[] | null; first: number }, visibility: Visibility): Promise<SearchHitModel[]> {
  const query = luceneQuery(args.text);
  const key = identifierKey(args.text);
  const byIdentifier = key.length >= IDENTIFIER_FRAGMENT_MIN;
  if (query === '' && !byIdentifier) return [];
  for (const label of args.labels ?? []) if (!ENTITY_LABELS.includes(label)) throw new Error(`Unknown entity label ${label}`);
  const parts = [
    byIdentifier ? identifierHitsSubquery(visibility) : 'WITH [] AS identifierHits',
    query !== '' ? textHitsSubquery(visibility) : 'WITH identifierHits, [] AS textHits',
  ];
  const { records } = await db.read<{ identifierHits: Array<[Node, number, number]>; textHits: Array<[Node, number]> }>(
    `${parts.join('\n     ')}
     RETURN identifierHits, textHits`,
    { query, key, labels: args.labels && args.labels.length > 0 ? [...args.labels] : null, first: int(args.first) },
  );
  const record = records[0];
  const hits: SearchHitModel[] = (record?.get('identifierHits') ?? []).map(([node, rank, cover]) => ({ entity: toEntityModel(node), match: IDENTIFIER_MATCHES[rank] ?? 'IDENTIFIER_PART', score: cover }));
  const found = new Set(hits.map((hit) => hit.entity.id));
  for (const [node, score] of record?.get('textHits') ?? []) {
    const entity = toEntityModel(node);
    if (!found.has(entity.id)) hits.push({ entity, match: 'TEXT', score });
  }
  return hits.slice(0, args.first);
}
