import anyAscii from 'any-ascii';
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import doubleMetaphone from 'talisman/phonetics/double-metaphone.js';
import type { EntityLabel } from './entity.js';

/** Name tokens shorter than this are not blocking keys on their own (initials, "de", "al"). */
export const RESOLUTION_MIN_TOKEN_LENGTH = 3;

/**
 * Entity resolution as data: which blocking keys an entity has, and how alike two entities are.
 * Pure functions, so the write paths (which store the keys) and the candidate search (which scores
 * pairs) agree by construction; the Cypher side only stores and pages over what these compute.
 *
 * Names are compared after transliteration to ASCII (any-ascii: "Камору" → "Kamoru", "Nguyễn" →
 * "Nguyen"), lower-casing and splitting into tokens of letters and digits; the order of tokens does
 * not matter ("Tesaliv Kamoru" = "Kamoru Tesaliv"). Similarity is Jaro-Winkler (talisman) token
 * against token, so one typo in a token costs little and a different given name costs a lot.
 */

/** Why two entities may be one: what a client can switch on (the schema's `MatchReason`). */
export type MatchReason = 'SHARED_IDENTIFIER' | 'SHARED_PROTECTED_IDENTIFIER' | 'SAME_NAME_TOKENS' | 'SIMILAR_NAME';

/** What resolution reads of an entity: its names and its identifier texts (`|key|key|`, src/model/identifierKeys.ts). */
export interface ResolutionFacts {
  id: string;
  label: EntityLabel;
  name: string;
  aliases: readonly string[];
  identifierText?: string | null;
  /** Phones and document numbers: only given for roles that may read them (otherwise they do not exist here). */
  protectedIdentifierText?: string | null;
  /** Properties that tell entities of the kind apart when both have them (DISCRIMINATING_PROPERTIES). */
  attributes?: Readonly<Record<string, unknown>>;
}

/**
 * Properties two entities of a kind cannot differ in and be one: a city and the country of the same
 * name ("Singapore"), two cities "San José" in different countries. When both have a value and the
 * values differ, the pair's score is scaled down by CONFLICT_FACTOR.
 */
export const DISCRIMINATING_PROPERTIES: Readonly<Partial<Record<EntityLabel, readonly string[]>>> = {
  Location: ['locationType', 'countryCode'],
};
const CONFLICT_FACTOR = 0.3;

/** Key prefixes: identifiers, protected identifiers, whole names (tokens sorted), name tokens, their sounds. */
export const KEY_PREFIX = { identifier: 'i:', protectedIdentifier: 'p:', name: 'n:', token: 't:', sound: 's:' } as const;

/** Legal forms and their abbreviations, read as one token ("Company Limited" = "Co., Ltd."). */
const CANONICAL_TOKENS: Readonly<Record<string, string>> = {
  company: 'co', limited: 'ltd', incorporated: 'inc', corporation: 'corp', plc: 'plc', gmbh: 'gmbh',
};

/**
 * Words that say what an entity is rather than which one ("wallet", "account", "Ltd"): they count a
 * fifth of a distinctive word in a name's similarity, so "USDT wallet of A B" and "USDT wallet of C D"
 * are not alike for their first three words.
 */
const GENERIC_TOKENS = new Set([
  'of', 'the', 'and', 'de', 'al', 'co', 'ltd', 'inc', 'corp', 'llc', 'plc', 'gmbh', 'group', 'account', 'bank', 'wallet', 'usdt', 'btc', 'eth', 'usd',
  'crypto', 'exchange', 'mobile', 'money', 'compound', 'centre', 'center', 'company', 'agency', 'operation',
]);
const GENERIC_WEIGHT = 0.2;

/**
 * The tokens of a name: ASCII (any-ascii), lower case, letters and digits; a run of single letters is
 * one token ("L.L.C." = "LLC", "U. S. A." = "USA"); legal forms in one spelling.
 */
export function nameTokens(name: string): string[] {
  const raw = anyAscii(name).toLowerCase().split(/[^a-z0-9]+/).filter((token) => token !== '');
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let token = raw[i]!;
    if (token.length === 1 && raw[i + 1]?.length === 1) {
      while (raw[i + 1]?.length === 1) token += raw[++i]!;
    }
    tokens.push(CANONICAL_TOKENS[token] ?? token);
  }
  return tokens;
}

const hasDigit = (token: string) => /[0-9]/.test(token);

/** The keys of an identifier text `|a|b|`. */
function identifierKeys(text: string | null | undefined): string[] {
  return text ? text.split('|').filter((key) => key !== '') : [];
}

/**
 * An entity's blocking keys, without the kind (the store prefixes it): every identifier, every
 * name's sorted tokens, and each word token (letters only, 3 or more) with its Double Metaphone
 * sound, so a typo in one token still meets the other token's key. Protected identifiers only when
 * given. Sorted and distinct.
 */
export function blockingKeys(facts: ResolutionFacts): string[] {
  const keys = new Set<string>();
  for (const key of identifierKeys(facts.identifierText)) keys.add(KEY_PREFIX.identifier + key);
  for (const key of identifierKeys(facts.protectedIdentifierText)) keys.add(KEY_PREFIX.protectedIdentifier + key);
  for (const name of [facts.name, ...facts.aliases]) {
    const tokens = nameTokens(name);
    if (tokens.length === 0) continue;
    keys.add(KEY_PREFIX.name + [...tokens].sort().join(' '));
    for (const token of tokens) {
      if (hasDigit(token) || token.length < RESOLUTION_MIN_TOKEN_LENGTH) continue;
      keys.add(KEY_PREFIX.token + token);
      const [sound] = doubleMetaphone(token);
      if (sound && sound.length >= 2) keys.add(KEY_PREFIX.sound + sound);
    }
  }
  return [...keys].sort();
}

/**
 * How alike two names are, 0 to 1: each token's best Jaro-Winkler match in the other name, averaged
 * over both names' tokens (a token with no counterpart counts 0.5 at best). Tokens with digits are
 * codes ("R-12", "MM-3"): unless the two names have the same ones, they are different entities (0).
 */
export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const codesA = a.filter(hasDigit).sort().join(' ');
  const codesB = b.filter(hasDigit).sort().join(' ');
  if (codesA !== codesB) return 0;
  const best = (token: string, others: readonly string[]) => others.reduce((max, other) => Math.max(max, token === other ? 1 : jaroWinkler(token, other)), 0);
  const weight = (token: string) => (GENERIC_TOKENS.has(token) ? GENERIC_WEIGHT : 1);
  const side = (tokens: readonly string[], others: readonly string[]) => tokens.reduce(
    (acc, token) => ({ sum: acc.sum + weight(token) * best(token, others), weights: acc.weights + weight(token) }), { sum: 0, weights: 0 },
  );
  const ab = side(a, b);
  const ba = side(b, a);
  const symmetric = (ab.sum + ba.sum) / (ab.weights + ba.weights);
  // A name inside the other (a middle name dropped): the shorter one's match, a little discounted;
  // only for names of two distinctive words or more, so one shared surname is not "inside".
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const distinctive = shorter.filter((token) => !GENERIC_TOKENS.has(token)).length;
  if (distinctive < 2 || shorter.length === longer.length) return symmetric;
  const inside = side(shorter, longer);
  return Math.max(symmetric, (inside.sum / inside.weights) * CONTAINED_NAME_FACTOR);
}

/** What a name found inside another (every token matched) counts as, at most. */
const CONTAINED_NAME_FACTOR = 0.95;

/** A name similarity from which two names count as similar (below it a name is no reason). */
export const SIMILAR_NAME_MIN = 0.9;

/**
 * What each reason weighs. Combined as independent evidence (1 − Π(1 − w)): a shared wallet or IBAN
 * alone is near-certain; the same name tokens alone are likely; a similar name alone is a lead whose
 * weight grows with the similarity (0.45 at SIMILAR_NAME_MIN, 0.8 for a near-equal name).
 */
export const REASON_WEIGHTS = { SHARED_IDENTIFIER: 0.95, SHARED_PROTECTED_IDENTIFIER: 0.9, SAME_NAME_TOKENS: 0.8 } as const;
const similarNameWeight = (similarity: number) => 0.45 + ((similarity - SIMILAR_NAME_MIN) / (1 - SIMILAR_NAME_MIN)) * 0.35;

export interface PairScore {
  score: number;
  reasons: MatchReason[];
}

/**
 * How likely two entities of one kind are the same, with the reasons. Reads only the facts given:
 * without protected identifiers (roles that may not read them) the answer is exactly the one it
 * would be if those values did not exist.
 */
export function scorePair(a: ResolutionFacts, b: ResolutionFacts): PairScore {
  const reasons: MatchReason[] = [];
  const weights: number[] = [];
  const shared = (x: string | null | undefined, y: string | null | undefined) => {
    const keys = new Set(identifierKeys(x));
    return identifierKeys(y).some((key) => keys.has(key));
  };
  if (shared(a.identifierText, b.identifierText)) {
    reasons.push('SHARED_IDENTIFIER');
    weights.push(REASON_WEIGHTS.SHARED_IDENTIFIER);
  }
  if (shared(a.protectedIdentifierText, b.protectedIdentifierText)) {
    reasons.push('SHARED_PROTECTED_IDENTIFIER');
    weights.push(REASON_WEIGHTS.SHARED_PROTECTED_IDENTIFIER);
  }
  let sameTokens = false;
  let similarity = 0;
  const namesB = [b.name, ...b.aliases].map(nameTokens);
  for (const tokensA of [a.name, ...a.aliases].map(nameTokens)) {
    const sortedA = [...tokensA].sort().join(' ');
    for (const tokensB of namesB) {
      if (tokensA.length > 0 && sortedA === [...tokensB].sort().join(' ')) sameTokens = true;
      else similarity = Math.max(similarity, nameSimilarity(tokensA, tokensB));
    }
  }
  if (sameTokens) {
    reasons.push('SAME_NAME_TOKENS');
    weights.push(REASON_WEIGHTS.SAME_NAME_TOKENS);
  } else if (similarity >= SIMILAR_NAME_MIN) {
    reasons.push('SIMILAR_NAME');
    weights.push(similarNameWeight(similarity));
  }
  const conflicting = (DISCRIMINATING_PROPERTIES[a.label] ?? []).some((name) => {
    const [x, y] = [a.attributes?.[name], b.attributes?.[name]];
    return x !== undefined && x !== null && y !== undefined && y !== null && x !== y;
  });
  const score = (1 - weights.reduce((rest, weight) => rest * (1 - weight), 1)) * (conflicting ? CONFLICT_FACTOR : 1);
  return { score: Math.round(score * 1e4) / 1e4, reasons };
}
