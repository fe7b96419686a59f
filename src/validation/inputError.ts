/**
 * A caller's mistake in one field: `field` is the path (`input.provenance[0].credibility`), the
 * message says what is wrong and what is expected. The API turns it into BAD_USER_INPUT (in one place,
 * src/errors/formatError.ts); the
 * importer into a line of its report.
 */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field} ${message}`);
  }
}
