import { KINDS } from './domain.js';
import type { EntityLabel } from './entity.js';

/**
 * Identifiers (IBANs, wallet addresses, URLs; phones and document numbers, protected) as search
 * keys, so that any fragment a user holds finds them: the first 12 characters of a wallet, the last
 * 10 of an IBAN, a phone number typed with other spaces. A key is the value lower-cased, from its
 * first letter or digit on, without a URL's scheme and `www.`, without anything but letters and
 * digits, and without a leading `0x`.
 * An entity stores its keys as one text, `|key|key|`, under a TEXT index (trigrams: CONTAINS
 * and ENDS WITH are index scans): a key between bars is an exact match, after a bar its start,
 * before one its end. The protected ones go in a second text only the roles that may read them search.
 *
 * The same rule is written twice — here for what users type and for rows written in JavaScript,
 * and as Cypher (src/graph/identifierText.ts) for what writes leave on a node; a test compares the two.
 */

/** Stored text properties, each with a TEXT index (migration 0009). */
export const IDENTIFIER_TEXT = 'identifierText';
export const PROTECTED_IDENTIFIER_TEXT = 'protectedIdentifierText';

/** Shorter fragments would match too much to mean anything. */
export const IDENTIFIER_FRAGMENT_MIN = 4;

/** A value's search key ('' when nothing of it is left). */
export function identifierKey(value: string): string {
  // Leading characters that are not letters or digits go first (spaces of any kind, quotes), so a
  // scheme or `www.` after them is still seen.
  let key = value.toLowerCase().replace(/^[^a-z0-9]+/, '');
  key = key.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  if (key.startsWith('www.')) key = key.slice(4);
  key = key.replace(/[^a-z0-9]/g, '');
  return key.startsWith('0x') ? key.slice(2) : key;
}

/** Which properties of a kind feed which text. */
export function identifierProperties(label: EntityLabel, which: 'public' | 'protected'): readonly string[] {
  return which === 'public' ? KINDS[label].identifierProperties : (KINDS[label].protectedIdentifierProperties ?? []);
}

/** `|key|key|` of the given properties of a row (strings or lists of strings); undefined when none. */
export function identifierText(label: EntityLabel, row: Readonly<Record<string, unknown>>, which: 'public' | 'protected'): string | undefined {
  const keys: string[] = [];
  for (const name of identifierProperties(label, which)) {
    const value = row[name];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'string') continue;
      const key = identifierKey(item);
      if (key !== '') keys.push(key);
    }
  }
  return keys.length === 0 ? undefined : `|${keys.join('|')}|`;
}
