import { badUserInput } from '../errors/index.js';

/** An instant argument as stored and compared: ISO 8601 in UTC; null when not given. */
const isoInstant = (value: Date | string | null | undefined): string | null => (value === null || value === undefined ? null : new Date(value).toISOString());

/**
 * A half-open time window [since, until) from its two arguments (named `prefix` + `since` / `until`
 * in the message). A window whose end is not after its start selects nothing by construction: a
 * mistake, refused with BAD_USER_INPUT rather than answered with an empty list.
 */
export function timeWindow(since: Date | string | null | undefined, until: Date | string | null | undefined, prefix = ''): { since: string | null; until: string | null } {
  const window = { since: isoInstant(since), until: isoInstant(until) };
  if (window.since !== null && window.until !== null && window.since >= window.until) {
    throw badUserInput(`${prefix}until must be after ${prefix}since (got ${window.since} … ${window.until}); the window is [since, until)`, `${prefix}until`);
  }
  return window;
}

/** An inclusive range of calendar dates (`YYYY-MM-DD`): its last day may not come before its first. */
export function dateRange(from: string | null | undefined, to: string | null | undefined, fromName: string, toName: string): void {
  if (from !== null && from !== undefined && to !== null && to !== undefined && from > to) {
    throw badUserInput(`${toName} must be on or after ${fromName} (got ${from} … ${to})`, toName);
  }
}
