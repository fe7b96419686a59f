import { InputError } from '../validation/index.js';

/**
 * Keyset cursors: opaque to clients, they encode the sort value and id of the last item seen, so the
 * next page starts strictly after it whatever was inserted or deleted meanwhile (never an offset).
 */
export type SortValue = string | number | null;

export function encodeCursor(value: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): { value: SortValue; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[1] === 'string' && (decoded[0] === null || ['string', 'number'].includes(typeof decoded[0]))) {
      return { value: decoded[0] as SortValue, id: decoded[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(argument, 'is not a cursor of this connection: pass the endCursor of a previous page unchanged');
}
