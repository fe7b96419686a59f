import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../config/index.js';
import { badUserInput } from '../errors/index.js';
import { decodeCursor, type CursorScope, type SortValue } from '../graph/index.js';

/** `first`, checked against the page-size cap. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be from 1 to ${MAX_PAGE_SIZE} (got ${size}); page through larger sets with after`, 'first');
  }
  return size;
}

export function afterCursor(after: string | null | undefined, scope: CursorScope): { value: SortValue; id: string } | undefined {
  if (after === null || after === undefined) return undefined;
  return decodeCursor(after, 'after', scope);
}

/**
 * Which way a list is read. Forwards: `first` items after `after`. Backwards (`last` given): the
 * `last` items before `before` (or at the end), read as a forward page in the opposite direction from
 * the cursor and turned back, so both ways run the same keyset statement.
 */
export interface PageWindow {
  size: number;
  cursor: { value: SortValue; id: string } | undefined;
  backward: boolean;
}

/** `scope`: the list and ordering the cursors must belong to (CursorScope). */
export function pageWindow(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }, scope: CursorScope): PageWindow {
  if (args.last === null || args.last === undefined) {
    if (args.before !== null && args.before !== undefined) throw badUserInput('before pages backwards: give last with it (first and after page forwards)', 'before');
    return { size: pageSize(args.first), cursor: afterCursor(args.after, scope), backward: false };
  }
  if (args.after !== null && args.after !== undefined) throw badUserInput('after and last page in opposite directions: give first with after, or last with before', 'after');
  if (!Number.isInteger(args.last) || args.last < 1 || args.last > MAX_PAGE_SIZE) {
    throw badUserInput(`last must be from 1 to ${MAX_PAGE_SIZE} (got ${args.last}); page back through larger sets with before`, 'last');
  }
  return { size: args.last, cursor: args.before === null || args.before === undefined ? undefined : decodeCursor(args.before, 'before', scope), backward: true };
}

/** The direction to run a window's statement in. */
export function windowDirection(direction: 'ASC' | 'DESC', window: PageWindow): 'ASC' | 'DESC' {
  return window.backward === (direction === 'ASC') ? 'DESC' : 'ASC';
}

/** A window's rows in the list's order, and its page info (`more`: the statement found rows past the page). */
export function windowPage<E extends { cursor: string }>(edges: E[], more: boolean, window: PageWindow) {
  if (!window.backward) return { edges, pageInfo: pageInfo(edges, more) };
  const ordered = [...edges].reverse();
  return { edges: ordered, pageInfo: { ...pageInfo(ordered, window.cursor !== undefined), hasPreviousPage: more } };
}

export function pageInfo<E extends { cursor: string }>(edges: E[], hasNextPage: boolean) {
  return {
    hasNextPage,
    hasPreviousPage: false,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}
