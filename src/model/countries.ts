import countries from 'i18n-iso-countries';

/**
 * ISO 3166-1 alpha-2 country codes, from i18n-iso-countries (the list most projects use, kept up
 * to date with the standard; XK for Kosovo included, as the UN, EU and Interpol use it). A code
 * outside it is a mistake to refuse, not a country to store: `UK` (reserved; the code is GB),
 * `ZZ`, `QQ`, `AB`.
 */
const ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()));

/** Codes people write that ISO reserves for something else, with the one they mean. */
const MEANT: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/** Whether `code` (any case) is an ISO 3166-1 alpha-2 country code. */
export function isCountryCode(code: string): boolean {
  return ALPHA2.has(code.toUpperCase());
}

/** Why `value` is not a country code, for an error message; null when it is one. */
export function countryCodeProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) return `must be an ISO 3166-1 alpha-2 country code such as MY or UG (got ${JSON.stringify(value)})`;
  if (isCountryCode(value)) return null;
  const meant = MEANT[value.toUpperCase()];
  return `"${value}" is not an ISO 3166-1 alpha-2 country code${meant ? ` (the code is ${meant})` : ''}; use a code such as MY or UG`;
}
