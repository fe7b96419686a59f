import type { TimeLens } from '../model/index.js';
import { isPresent } from '../policy/index.js';

/** A field's time-lens arguments as GraphQL hands them over (DateTime arrives as a Date). */
export interface TimeLensArgs {
  asOf?: string | null;
  knownAsOf?: Date | string | null;
}

/** Whether a field names a lens of its own (null arguments name none: the lens above applies). */
export function namesLens(args: TimeLensArgs | Record<string, unknown>): boolean {
  const { asOf, knownAsOf } = args as TimeLensArgs;
  return (asOf !== null && asOf !== undefined) || (knownAsOf !== null && knownAsOf !== undefined);
}

/**
 * The lens a field reads through: its own arguments, each falling back to the lens it inherits
 * (the entity it hangs off was read through); undefined for the present graph. The Date and
 * DateTime scalars have checked the values; an instant is compared as stored, ISO 8601 in UTC.
 */
export function timeLensOf(args: TimeLensArgs, inherited?: TimeLens): TimeLens | undefined {
  const lens: TimeLens = {
    asOf: args.asOf ?? inherited?.asOf ?? null,
    knownAsOf: args.knownAsOf !== null && args.knownAsOf !== undefined ? new Date(args.knownAsOf).toISOString() : inherited?.knownAsOf ?? null,
  };
  return isPresent(lens) ? undefined : lens;
}

/** A lens as relationship-page arguments (RelationshipPageArgs.asOf / knownAsOf): nothing for the present graph. */
export function lensPageArgs(lens: TimeLens | undefined): { asOf?: string | null; knownAsOf?: string | null } {
  return lens ? { asOf: lens.asOf, knownAsOf: lens.knownAsOf } : {};
}

/** ` (as of 2025-09-30, as known at …)`: said after "no entity has id …" when a lens hid it; '' for the present graph. */
export function lensPhrase(lens: TimeLens | undefined): string {
  if (!lens) return '';
  const parts = [lens.asOf ? `as of ${lens.asOf}` : undefined, lens.knownAsOf ? `as known at ${lens.knownAsOf}` : undefined].filter(Boolean);
  return ` in the graph ${parts.join(', ')}`;
}
