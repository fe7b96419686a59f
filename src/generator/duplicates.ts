import { planNetwork, type NetworkOptions, type NetworkRecord } from './network.js';
import { Prng } from './prng.js';

/**
 * Planted duplicates, for measuring entity resolution (bench/resolution.ts): records of people,
 * accounts and front companies that a second source reports again under another spelling, with the
 * truth of which records are one entity. Appended after the network (`--duplicates N`), so the
 * network itself is byte for byte what it is without them.
 *
 * Each planted entity has a made-up name of generated syllables ("Kamoru Tesaliv": no real person's
 * name is attached to a crime), and its duplicate carries realistic noise: a typo (a letter
 * substituted, dropped, doubled or two swapped), the tokens in another order ("TESALIV, Kamoru"),
 * the name transliterated into Cyrillic ("Камору Тесалив"), a middle name dropped; accounts share
 * their wallet address or IBAN written another way (case, spaces, `0x`), people sometimes a phone
 * number (protected), companies sometimes a website. Hard negatives come with them: a relative of
 * half the planted people (same surname, another given name) and look-alike accounts with other
 * addresses, which are not duplicates. Deterministic with the seed.
 */

export interface PlantedPair {
  /** The original record's id and its duplicate's. */
  a: string;
  b: string;
  kind: 'Person' | 'Account' | 'Organization';
  /** Which noise the duplicate carries. */
  noise: string[];
}

const SYLLABLES = ['ka', 'mo', 'ru', 'te', 'sa', 'li', 'vo', 'na', 'bi', 'lo', 'da', 'ri', 'en', 'ko', 'mi', 'ta', 'zu', 'pe', 'go', 'ha', 'ne', 'su', 'ba', 'di'];
const ENDINGS = ['', '', 'n', 'v', 'k', 'r', 'm'];
const SECTORS = ['Logistics', 'Trading', 'Holdings', 'Tech', 'Recruitment', 'Travel', 'Consulting', 'Investment'];
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [['Co., Ltd.', 'Company Limited'], ['Ltd', 'Limited'], ['LLC', 'L.L.C.'], ['Inc.', 'Incorporated']];
const COUNTRIES = ['ug', 'ke', 'my', 'id', 'vn', 'ph', 'cn', 'in', 'th', 'mm', 'kh', 'np'];
const CYRILLIC: Record<string, string> = {
  a: 'а', b: 'б', d: 'д', e: 'е', g: 'г', h: 'х', i: 'и', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', z: 'з',
};
const NEARBY: Record<string, string> = { a: 's', e: 'r', i: 'o', o: 'i', u: 'y', k: 'c', s: 'z', n: 'm', m: 'n', r: 't', t: 'r', l: 'k', d: 's', b: 'v', v: 'b' };

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function word(rng: Prng, syllables: number): string {
  let text = '';
  for (let i = 0; i < syllables; i++) text += rng.pick(SYLLABLES);
  return capitalise(text + rng.pick(ENDINGS));
}

/** One typo in a word of 4 letters or more (the longest when none). */
function typo(rng: Prng, name: string): string {
  const words = name.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4);
  const [target, index] = candidates.length > 0 ? rng.pick(candidates) : [words[0]!, 0];
  const at = 1 + rng.int(Math.max(1, target.length - 2));
  const letter = target[at]!.toLowerCase();
  const kind = rng.int(4);
  const changed = kind === 0 ? target.slice(0, at) + (NEARBY[letter] ?? 'e') + target.slice(at + 1)
    : kind === 1 ? target.slice(0, at) + target.slice(at + 1)
      : kind === 2 ? target.slice(0, at) + target[at] + target.slice(at)
        : target.slice(0, at - 1) + target[at] + target[at - 1] + target.slice(at + 1);
  words[index] = changed;
  return words.join(' ');
}

function cyrillic(name: string): string {
  return name.split(' ').map((w) => capitalise([...w.toLowerCase()].map((c) => CYRILLIC[c] ?? c).join(''))).join(' ');
}

/** A phone number as one source writes it, and as another. */
function phone(rng: Prng): [string, string] {
  const digits = Array.from({ length: 9 }, () => String(rng.int(10))).join('');
  const code = String(rng.between(60, 99));
  return [`+${code} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`, `+${code}${digits}`];
}

function hex(rng: Prng, length: number): string {
  let text = '';
  while (text.length < length) text += rng.nextUint32().toString(16).padStart(8, '0');
  return text.slice(0, length);
}

/**
 * The planted records, to append after `generateNetwork(options)` (they cite its sources and link to
 * its countries and groups); `truth` receives the planted pairs.
 */
export function* plantDuplicates(options: NetworkOptions, count: number, truth: PlantedPair[]): Generator<NetworkRecord> {
  const plan = planNetwork(options.entities);
  // A stream of its own: the network's draws are untouched.
  const rng = new Prng(options.seed * 7_919 + 104_729);
  const pre = options.prefix ?? 'gen:';
  const provenance = () => [{ source: `${pre}source:${rng.int(plan.sources)}`, reliability: rng.pick(['B', 'C', 'D']), credibility: rng.between(2, 4) }];
  const entity = (kind: string, fields: NetworkRecord): NetworkRecord => ({ kind, ...fields, illustrative: true, provenance: provenance() });
  const link = (type: string, from: string, to: string, fields: NetworkRecord = {}): NetworkRecord => ({ type, from, to, ...fields, provenance: provenance() });
  const country = () => `${pre}location:${rng.pick(COUNTRIES)}`;

  for (let i = 0; i < count; i++) {
    const kind = rng.weighted([['Person', 5], ['Account', 3], ['Organization', 2]] as const);
    const id = `${pre}planted:${kind.toLowerCase()}-${i}`;
    const dup = `${id}-dup`;
    const noise: string[] = [];
    if (kind === 'Person') {
      const given = word(rng, 2);
      const middle = rng.chance(0.25) ? word(rng, 2) : undefined;
      const surname = word(rng, 3);
      const name = [given, middle, surname].filter(Boolean).join(' ');
      const [phoneA, phoneB] = phone(rng);
      const hasPhone = rng.chance(0.5);
      const nationality = country();
      yield entity('Person', { id, name, roles: ['RECRUITER'], pseudonymous: true, ...(hasPhone ? { phones: [phoneA] } : {}) });
      yield link('NATIONAL_OF', id, nationality);
      let other = name;
      const ways = rng.weighted([['typo', 4], ['reorder', 3], ['transliteration', 2], ['drop-middle', middle ? 2 : 0], ['typo+reorder', 1]] as const);
      if (ways === 'typo' || ways === 'typo+reorder') {
        other = typo(rng, other);
        noise.push('typo');
      }
      if (ways === 'reorder' || ways === 'typo+reorder') {
        other = rng.chance(0.5) ? `${surname.toUpperCase()}, ${[given, middle].filter(Boolean).join(' ')}` : [surname, given, middle].filter(Boolean).join(' ');
        if (ways === 'typo+reorder') other = typo(rng, other);
        noise.push('reorder');
      }
      if (ways === 'transliteration') {
        other = cyrillic(other);
        noise.push('transliteration');
      }
      if (ways === 'drop-middle') {
        other = `${given} ${surname}`;
        noise.push('drop-middle');
      }
      const sharesPhone = hasPhone && rng.chance(0.6);
      if (sharesPhone) noise.push('shared-phone');
      yield entity('Person', { id: dup, name: other, roles: ['RECRUITER'], pseudonymous: true, ...(sharesPhone ? { phones: [phoneB] } : {}) });
      yield link('NATIONAL_OF', dup, nationality);
      yield link('MEMBER_OF', dup, `${pre}org:group-${rng.int(plan.groups)}`, { role: 'recruiter' });
      // A relative: same surname, another given name — not a duplicate.
      if (rng.chance(0.5)) {
        const relative = `${id}-relative`;
        yield entity('Person', { id: relative, name: `${word(rng, 2)} ${surname}`, roles: ['RECRUITER'], pseudonymous: true });
        yield link('NATIONAL_OF', relative, nationality);
      }
    } else if (kind === 'Account') {
      const holder = `${word(rng, 2)} ${word(rng, 3)}`;
      const crypto = rng.chance(0.6);
      const identifier = crypto ? `T${hex(rng, 33)}` : `${rng.pick(['TH', 'MY', 'KH', 'AE'])}${String(rng.between(10, 99))}${String(rng.nextUint32()).padStart(10, '0')}${String(rng.nextUint32()).padStart(10, '0')}`;
      const written = crypto
        ? (rng.chance(0.5) ? identifier.toLowerCase() : `  ${identifier.toUpperCase()}`)
        : identifier.replace(/(.{4})/g, '$1 ').trim();
      const name = crypto ? `USDT wallet of ${holder}` : `Bank account of ${holder}`;
      yield entity('Account', { id, name, accountType: crypto ? 'CRYPTO_WALLET' : 'BANK_ACCOUNT', identifier, currency: crypto ? 'USDT' : 'USD' });
      yield entity('Account', { id: dup, name: rng.chance(0.5) ? typo(rng, name) : `${crypto ? 'Wallet' : 'Account'} (${holder.split(' ')[1]})`, accountType: crypto ? 'CRYPTO_WALLET' : 'BANK_ACCOUNT', identifier: written, currency: crypto ? 'USDT' : 'USD' });
      noise.push('shared-identifier', crypto ? 'case' : 'spaces');
      // A look-alike: the same kind of name, another address — not a duplicate.
      if (rng.chance(0.5)) {
        yield entity('Account', { id: `${id}-other`, name: crypto ? `USDT wallet of ${word(rng, 2)} ${holder.split(' ')[1]}` : `Bank account of ${word(rng, 2)} ${holder.split(' ')[1]}`, accountType: crypto ? 'CRYPTO_WALLET' : 'BANK_ACCOUNT', identifier: crypto ? `T${hex(rng, 33)}` : `XY${hex(rng, 20)}` });
      }
    } else {
      const surname = word(rng, 3);
      const sector = rng.pick(SECTORS);
      const [short, long] = rng.pick(SUFFIXES);
      const name = `${surname} ${sector} ${short}`;
      const website = `https://www.${surname.toLowerCase()}-${sector.toLowerCase()}.example`;
      yield entity('Organization', { id, name, orgType: 'FRONT_COMPANY', website });
      yield link('LOCATED_IN', id, country());
      const ways = rng.weighted([['typo', 2], ['suffix', 2], ['transliteration', 1]] as const);
      const other = ways === 'typo' ? typo(rng, name) : ways === 'suffix' ? `${surname} ${sector} ${long}` : cyrillic(`${surname} ${sector}`) + ` ${short}`;
      noise.push(ways);
      const sharesSite = rng.chance(0.5);
      if (sharesSite) noise.push('shared-website');
      yield entity('Organization', { id: dup, name: other, orgType: 'FRONT_COMPANY', ...(sharesSite ? { website: website.replace('https://www.', 'http://') } : {}) });
    }
    truth.push({ a: id, b: dup, kind, noise });
  }
}
