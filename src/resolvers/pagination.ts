import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../config/index.js';
import { badUserInput } from '../errors/index.js';
import { decodeCursor, type SortValue } from '../graph/index.js';
import { InputError } from '../validation/index.js';

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
  try {
    return decodeCursor(after);
  } catch (error) {
    if (error instanceof InputError) throw badUserInput(error.message, error.field);
    throw error;
  }
}

export function pageInfo<E extends { cursor: string }>(edges: E[], hasNextPage: boolean) {
  return {
    hasNextPage,
    hasPreviousPage: false,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

/** An InputError (a caller's mistake found below the resolvers) as BAD_USER_INPUT; anything else as it is. */
function asUserInputError(error: unknown): unknown {
  return error instanceof InputError ? badUserInput(error.message, error.field) : error;
}

/** Runs `work`, turning an InputError into BAD_USER_INPUT. */
export async function asUserInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asUserInputError(error);
  }
}

/** asUserInput for synchronous work (resolvers that stay synchronous for pages fetched ahead). */
export function asUserInputNow<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asUserInputError(error);
  }
}
