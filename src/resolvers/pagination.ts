import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../config/index.js';
import { badUserInput } from '../errors/index.js';
import { decodeCursor, type SortValue } from '../graph/index.js';

/** `first`, checked against the page-size cap. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be from 1 to ${MAX_PAGE_SIZE} (got ${size}); page through larger sets with after`, 'first');
  }
  return size;
}

export function afterCursor(after: string | null | undefined): { value: SortValue; id: string } | undefined {
  if (after === null || after === undefined) return undefined;
  return decodeCursor(after);
}

export function pageInfo<E extends { cursor: string }>(edges: E[], hasNextPage: boolean) {
  return {
    hasNextPage,
    hasPreviousPage: false,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}
