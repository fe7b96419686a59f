import { LRUCache } from 'lru-cache';
import { Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherParams } from '../database/index.js';
import { TALLY_LOCK_FIRST } from './tallies.js';

/**
 * Several deciding statements (src/graph/writes.ts `decides`) as one: each runs only when the one
 * before it wrote (its `written` column is true), so they apply in order, as the mutation fields they
 * belong to would one after another, and a statement that declined or refused stops those after it,
 * which then take their own way. One statement, one auto-commit, one round trip: the locks every
 * write takes (the tallies' state, the audit head) are held once, while Neo4j runs it, the tallies'
 * taken first.
 *
 * Each statement is taken as its text: its parameters are renamed apart (`$id` → `$w1_id`) and its
 * final RETURN of plain columns becomes one map, `written1`. A statement of another shape cannot be
 * combined: decidingSequence throws before anything runs.
 */
export interface DecidingPart { cypher: string; params: CypherParams }

export interface DecidingSequence {
  cypher: string;
  params: CypherParams;
  /** Each part's record, or undefined for a part that did not run (one before it did not write). */
  split(record: { get(key: string): unknown }): Array<Neo4jRecord | undefined>;
}

/** A part's final RETURN, found outside strings and subqueries: where it starts and its columns. */
interface FinalReturn { at: number; columns: string[] }

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Walks Cypher text outside string literals and comments, calling `visit` with each position and the
 * brace depth there. Our statements are generated text; the walk only needs to skip quoted text.
 */
function walkCode(cypher: string, visit: (index: number, depth: number) => number | void): void {
  let depth = 0;
  for (let i = 0; i < cypher.length; i++) {
    const c = cypher[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const quote = c;
      for (i++; i < cypher.length && cypher[i] !== quote; i++) if (cypher[i] === '\\') i++;
      continue;
    }
    if (c === '/' && cypher[i + 1] === '/') {
      while (i < cypher.length && cypher[i] !== '\n') i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    const skip = visit(i, depth);
    if (typeof skip === 'number') i = skip - 1;
  }
}

function finalReturn(cypher: string): FinalReturn | undefined {
  let at = -1;
  walkCode(cypher, (i, depth) => {
    if (depth === 0 && cypher.startsWith('RETURN', i) && !/[A-Za-z0-9_]/.test(cypher[i + 6] ?? '') && (i === 0 || !/[A-Za-z0-9_.]/.test(cypher[i - 1]!))) at = i;
  });
  if (at < 0) return undefined;
  const columns = cypher.slice(at + 'RETURN'.length).split(',').map((column) => column.trim());
  return columns.every((column) => IDENTIFIER.test(column)) && columns.includes('written') ? { at, columns } : undefined;
}

/** The text with every `$name` outside strings renamed to `$<prefix>name`. */
function renameParameters(cypher: string, prefix: string): string {
  const pieces: string[] = [];
  let copied = 0;
  walkCode(cypher, (i) => {
    if (cypher[i] !== '$') return;
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(cypher.slice(i + 1))?.[0];
    if (!name) return;
    pieces.push(cypher.slice(copied, i + 1), prefix, name);
    copied = i + 1 + name.length;
    return copied;
  });
  pieces.push(cypher.slice(copied));
  return pieces.join('');
}

/**
 * Part texts already renamed and cut at their final RETURN, by prefix and text. A part's text
 * depends only on its mutation's shape (values go in parameters), so a client's requests meet a
 * few texts again and again, and the walks over them (a joined mix is about 19,000 characters) were
 * a twentieth of the server's time on the mutation mix. Bounded: PREPARED_PARTS_MAX shapes.
 */
const PREPARED_PARTS_MAX = 200;
const preparedParts = new LRUCache<string, { renamed: string; last: FinalReturn | null }>({ max: PREPARED_PARTS_MAX });

function preparedPart(cypher: string, prefix: string): { renamed: string; last: FinalReturn | null } {
  const key = `${prefix}\n${cypher}`;
  let prepared = preparedParts.get(key);
  if (!prepared) {
    const renamed = renameParameters(cypher, prefix);
    prepared = { renamed, last: finalReturn(renamed) ?? null };
    preparedParts.set(key, prepared);
  }
  return prepared;
}

/** The parts as one statement, in order (see above). Throws for a part of another shape: nothing has run then. */
export function decidingSequence(parts: readonly DecidingPart[]): DecidingSequence {
  const names = parts.map((_, i) => `written${i}`);
  const layouts: string[][] = [];
  const params: CypherParams = {};
  const clauses = parts.map((part, i) => {
    const prefix = `w${i}_`;
    const { renamed, last } = preparedPart(part.cypher, prefix);
    if (!last) throw new Error('a deciding statement must end in a RETURN of plain columns, written among them');
    layouts.push(last.columns);
    for (const [name, value] of Object.entries(part.params)) params[`${prefix}${name}`] = value;
    const body = `${renamed.slice(0, last.at)}RETURN {${last.columns.map((c) => `${c}: ${c}`).join(', ')}} AS ${names[i]}`;
    if (i === 0) return `CALL () {\n${body}\n}`;
    // Only after the one before wrote; else this part's map is all nulls and it did not run.
    return `OPTIONAL CALL (${names[i - 1]}) {\n WITH * WHERE ${names[i - 1]}.written = true\n${body}\n}`;
  });
  return {
    // The tallies' lock first (TALLY_LOCK_FIRST): parts taking it one after another deadlock.
    cypher: `${TALLY_LOCK_FIRST}\n${clauses.join('\n')}\nRETURN ${names.join(', ')}`,
    params,
    split(record) {
      let ran = true;
      return layouts.map((columns, i) => {
        if (!ran) return undefined;
        const values = record.get(names[i]!) as Record<string, unknown>;
        ran = values['written'] === true;
        return new Neo4jRecord(columns, columns.map((column) => values[column]));
      });
    },
  };
}
