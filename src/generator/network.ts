import { Prng } from './prng.js';

/**
 * A deterministic synthetic trafficking-and-fraud network, streamed as Scam Atlas import records
 * (the native format: entities with "kind", relationships with "type"). Every record only names
 * entities emitted before it, so an import never has to wait for an end. Nothing is kept in memory
 * but a few counters: ids are derived from indexes, and heavy-tailed choices pick low indexes more.
 * Every entity is marked illustrative: generated people are not real.
 */

export interface NetworkOptions {
  /** Total entities to emit (at least MIN_ENTITIES). */
  entities: number;
  seed: number;
  /** Prefix of every id (default "gen:"), so that several networks can share a graph. */
  prefix?: string;
}

export type NetworkRecord = Record<string, unknown>;

export const MIN_ENTITIES = 200;

const ORIGINS: ReadonlyArray<readonly [string, number]> = [
  ['UG', 6], ['KE', 6], ['ET', 4], ['NG', 3], ['MY', 6], ['ID', 8], ['VN', 8], ['PH', 7], ['CN', 10], ['IN', 8], ['LK', 3], ['NP', 3],
  ['BD', 3], ['PK', 3], ['TH', 4], ['MM', 4], ['KH', 3], ['LA', 2], ['TW', 2], ['BR', 2], ['CO', 1], ['RU', 1], ['UZ', 1], ['GH', 1],
];
/** Compound countries: the established Mekong and Philippine hubs, and newer ones in Latin America. */
const COMPOUND_COUNTRIES: ReadonlyArray<readonly [string, number]> = [['MM', 30], ['KH', 30], ['LA', 12], ['PH', 10], ['PE', 5], ['CO', 4], ['MX', 4], ['BR', 3], ['PA', 2]];
const NEW_COMPOUND_COUNTRIES = new Set(['PE', 'CO', 'MX', 'BR', 'PA']);
const OTHER_COUNTRIES = ['AE', 'US', 'FR', 'SG', 'HK', 'GB'];
/**
 * Where a generated compound of each country lies: around the places the sources name (Myawaddy on
 * the Thai border, Sihanoukville, the Golden Triangle special economic zone, Pampanga and Manila,
 * and the Latin American capitals), within COMPOUND_SPREAD_DEGREES. Illustrative, like the compounds.
 */
const COMPOUND_AREAS: Readonly<Record<string, readonly [latitude: number, longitude: number]>> = {
  MM: [16.69, 98.51], KH: [10.63, 103.52], LA: [20.35, 100.09], PH: [15.08, 120.62], PE: [-12.05, -77.04],
  CO: [4.71, -74.07], MX: [19.43, -99.13], BR: [-23.55, -46.63], PA: [8.98, -79.52],
};
const COMPOUND_SPREAD_DEGREES = 0.6;
/** A separate random stream for coordinates, so that adding them left every other generated value as it was. */
const COORDINATE_STREAM = 0x6e0_c0de;
/** Transit hubs' coordinates (city centres), in the order of HUBS. */
const HUB_COORDINATES: ReadonlyArray<readonly [number, number]> = [
  [25.2, 55.27], [13.76, 100.5], [16.71, 98.57], [3.14, 101.69], [10.82, 106.63], [11.56, 104.92], [17.97, 102.63], [14.6, 120.98],
  [1.35, 103.82], [22.32, 114.17], [-12.05, -77.04], [8.98, -79.52], [4.71, -74.07], [19.43, -99.13], [9.03, 38.74], [-1.29, 36.82],
];
/** Transit hubs: city, country. */
const HUBS: ReadonlyArray<readonly [string, string]> = [
  ['Dubai', 'AE'], ['Bangkok', 'TH'], ['Mae Sot', 'TH'], ['Kuala Lumpur', 'MY'], ['Ho Chi Minh City', 'VN'], ['Phnom Penh', 'KH'],
  ['Vientiane', 'LA'], ['Manila', 'PH'], ['Singapore', 'SG'], ['Hong Kong', 'HK'], ['Lima', 'PE'], ['Panama City', 'PA'], ['Bogotá', 'CO'],
  ['Mexico City', 'MX'], ['Addis Ababa', 'ET'], ['Nairobi', 'KE'],
];
const PUBLISHERS = ['INTERPOL', 'Reuters', 'United Nations', 'NGO field report', 'Court filing', 'Blockchain analytics firm', 'Local media', 'Victim testimony'];
const RELIABILITY_BY_PUBLISHER: Record<string, string> = {
  INTERPOL: 'A', Reuters: 'B', 'United Nations': 'A', 'NGO field report': 'C', 'Court filing': 'B', 'Blockchain analytics firm': 'C', 'Local media': 'D', 'Victim testimony': 'E',
};
const SCAM_TYPES = ['PIG_BUTCHERING', 'ROMANCE', 'INVESTMENT_PLATFORM', 'BANK_IMPERSONATION', 'AUTHORITY_IMPERSONATION', 'FAKE_JOB_OR_TASK', 'ILLEGAL_GAMBLING'];
const CONTROL = ['DEBT_BONDAGE', 'TAKES_EARNINGS', 'THREATS', 'PHYSICAL_ABUSE', 'RESTRICTS_MOVEMENT', 'EXCESSIVE_WORKING_HOURS', 'WITHHOLDS_DOCUMENTS', 'ARMED_GUARDS', 'CONFISCATED_PHONES', 'FINES', 'RESALE_TO_OTHER_COMPOUNDS'];
const METHODS: ReadonlyArray<readonly [string, number]> = [['JOB_OFFER', 10], ['ONLINE_ADVERTISEMENT', 5], ['SOCIAL_MEDIA', 5], ['FRIEND_OR_ACQUAINTANCE', 3], ['FAMILIAL', 1], ['ABDUCTION', 1]];
const CHANNELS: ReadonlyArray<readonly [string, number]> = [['FACEBOOK', 8], ['TELEGRAM', 8], ['WHATSAPP', 6], ['TIKTOK', 3], ['LINE', 2], ['WECHAT', 2], ['JOB_BOARD', 2], ['IN_PERSON', 2]];
const JOBS = ['customer service', 'IT support', 'translator', 'online marketing', 'data entry', 'casino host'];
const AGE_BANDS: ReadonlyArray<readonly [string, number]> = [['AGE_18_20', 3], ['AGE_21_23', 6], ['AGE_24_26', 6], ['AGE_27_29', 4], ['AGE_30_38', 4], ['AGE_39_47', 1]];
const FRAUD_AGE_BANDS: ReadonlyArray<readonly [string, number]> = [['AGE_24_26', 1], ['AGE_27_29', 2], ['AGE_30_38', 4], ['AGE_39_47', 4], ['AGE_48_PLUS', 5]];
const CHAINS: ReadonlyArray<readonly [string, string]> = [['TRON', 'USDT'], ['ETHEREUM', 'USDT'], ['ETHEREUM', 'ETH'], ['BITCOIN', 'BTC']];
const LAW_ENFORCEMENT = ['INTERPOL', 'Royal Thai Police', 'Philippine National Police', 'Cambodian National Police', 'Policía Nacional del Perú'];

const DAY_MS = 86_400_000;
const START = Date.UTC(2021, 0, 1);
const END = Date.UTC(2025, 11, 31);

/** Shares of the entities after the fixed ones (sources, places, law enforcement). */
const SHARES = { groups: 0.002, compounds: 0.005, recruiters: 0.02, victims: 0.25, fraudVictims: 0.17, operations: 0.0005 };
/** Transfers per account, and the share of them that are illicit (fraud proceeds and their laundering). */
const TRANSFERS_PER_ACCOUNT = 1.2;
const ILLICIT_SHARE = 0.05;

export interface NetworkPlan {
  sources: number; countries: number; hubs: number; lawEnforcement: number; groups: number; compounds: number; recruiters: number;
  victims: number; fraudVictims: number; accounts: number; operations: number; transfers: number;
}

export function planNetwork(entities: number): NetworkPlan {
  if (!Number.isInteger(entities) || entities < MIN_ENTITIES) throw new RangeError(`entities must be a whole number of at least ${MIN_ENTITIES} (got ${entities})`);
  const countries = new Set([...ORIGINS.map(([c]) => c), ...COMPOUND_COUNTRIES.map(([c]) => c), ...OTHER_COUNTRIES, ...HUBS.map(([, c]) => c)]).size;
  const sources = Math.min(200, Math.max(PUBLISHERS.length, Math.round(entities / 10_000)));
  const fixed = sources + countries + HUBS.length + LAW_ENFORCEMENT.length;
  const rest = entities - fixed;
  const n = (share: number) => Math.max(1, Math.round(rest * share));
  const plan = {
    sources, countries, hubs: HUBS.length, lawEnforcement: LAW_ENFORCEMENT.length, groups: n(SHARES.groups), compounds: n(SHARES.compounds),
    recruiters: n(SHARES.recruiters), victims: n(SHARES.victims), fraudVictims: n(SHARES.fraudVictims), operations: n(SHARES.operations), accounts: 0, transfers: 0,
  };
  plan.accounts = entities - fixed - plan.groups - plan.compounds - plan.recruiters - plan.victims - plan.fraudVictims - plan.operations;
  plan.transfers = Math.round(plan.accounts * TRANSFERS_PER_ACCOUNT);
  return plan;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function* generateNetwork(options: NetworkOptions): Generator<NetworkRecord> {
  const plan = planNetwork(options.entities);
  const rng = new Prng(options.seed);
  const coordinates = new Prng((options.seed ^ COORDINATE_STREAM) >>> 0);
  /** Rounded to about 10 m: what a source's map would give. */
  const near = ([latitude, longitude]: readonly [number, number], spread: number) => ({
    latitude: Math.round((latitude + (coordinates.next() * 2 - 1) * spread) * 10_000) / 10_000,
    longitude: Math.round((longitude + (coordinates.next() * 2 - 1) * spread) * 10_000) / 10_000,
  });
  const pre = options.prefix ?? 'gen:';
  const id = {
    source: (i: number) => `${pre}source:${i}`,
    country: (code: string) => `${pre}location:${code.toLowerCase()}`,
    hub: (i: number) => `${pre}location:hub-${i}`,
    le: (i: number) => `${pre}org:le-${i}`,
    group: (i: number) => `${pre}org:group-${i}`,
    compound: (i: number) => `${pre}scamcentre:${i}`,
    recruiter: (i: number) => `${pre}person:recruiter-${i}`,
    victim: (i: number) => `${pre}person:victim-${i}`,
    fraudVictim: (i: number) => `${pre}person:fraud-victim-${i}`,
    account: (i: number) => `${pre}account:${i}`,
    operation: (i: number) => `${pre}operation:${i}`,
  };
  /** Provenance: one or two sources with their publisher's usual reliability and a credibility. */
  const provenance = () => {
    const first = rng.heavy(plan.sources, 2);
    const items = [{ source: id.source(first), reliability: RELIABILITY_BY_PUBLISHER[PUBLISHERS[first % PUBLISHERS.length]!]!, credibility: rng.between(1, 4) }];
    if (rng.chance(0.15)) {
      const second = (first + 1 + rng.int(plan.sources - 1)) % plan.sources;
      items.push({ source: id.source(second), reliability: RELIABILITY_BY_PUBLISHER[PUBLISHERS[second % PUBLISHERS.length]!]!, credibility: rng.between(2, 6) });
    }
    return items;
  };
  const date = (from = START, to = END) => from + rng.int(Math.max(1, Math.floor((to - from) / DAY_MS))) * DAY_MS;
  const entity = (kind: string, fields: NetworkRecord): NetworkRecord => ({ kind, ...fields, illustrative: true, provenance: provenance() });
  const link = (type: string, from: string, to: string, fields: NetworkRecord = {}): NetworkRecord => ({ type, from, to, ...fields, provenance: provenance() });

  for (let i = 0; i < plan.sources; i++) {
    const publisher = PUBLISHERS[i % PUBLISHERS.length]!;
    yield { kind: 'Source', id: id.source(i), name: `${publisher} report ${i + 1} (synthetic)`, publisher, publishedAt: day(date()), defaultReliability: RELIABILITY_BY_PUBLISHER[publisher], illustrative: true };
  }
  const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
  const countries = [...new Set([...ORIGINS.map(([c]) => c), ...COMPOUND_COUNTRIES.map(([c]) => c), ...OTHER_COUNTRIES, ...HUBS.map(([, c]) => c)])];
  for (const code of countries) yield entity('Location', { id: id.country(code), name: regionNames.of(code) ?? code, locationType: 'COUNTRY', countryCode: code });
  for (const [i, [city, code]] of HUBS.entries()) {
    yield entity('Location', { id: id.hub(i), name: city, locationType: 'CITY', countryCode: code, ...near(HUB_COORDINATES[i]!, 0) });
    yield link('LOCATED_IN', id.hub(i), id.country(code));
  }
  for (const [i, name] of LAW_ENFORCEMENT.entries()) yield entity('Organization', { id: id.le(i), name, orgType: i === 0 ? 'INTERNATIONAL_ORGANIZATION' : 'LAW_ENFORCEMENT' });

  const compoundCountry: string[] = [];
  for (let i = 0; i < plan.groups; i++) {
    const base = rng.weighted(COMPOUND_COUNTRIES);
    yield entity('Organization', { id: id.group(i), name: `Criminal group ${i + 1}`, orgType: 'CRIMINAL_GROUP', jurisdiction: base, topics: ['crime'] });
    yield link('LOCATED_IN', id.group(i), id.country(base));
  }
  for (let i = 0; i < plan.compounds; i++) {
    const country = rng.weighted(COMPOUND_COUNTRIES);
    compoundCountry.push(country);
    const isNew = NEW_COMPOUND_COUNTRIES.has(country);
    const firstSeen = isNew ? date(Date.UTC(2024, 0, 1)) : date(Date.UTC(2019, 0, 1), Date.UTC(2023, 11, 31));
    const status = rng.weighted([['ACTIVE', 6], ['RAIDED', 2], ['RELOCATED', 1], ['CLOSED', 1]] as const);
    yield entity('ScamCentre', {
      id: id.compound(i), name: `Compound ${country}-${i + 1}`, status, scamTypes: [rng.pick(SCAM_TYPES), rng.pick(SCAM_TYPES)].filter((t, k, all) => all.indexOf(t) === k),
      estimatedWorkforce: Math.round(rng.logNormal(400, 1)), firstSeen: day(firstSeen), lastSeen: day(date(firstSeen)), topics: ['crime.traffick.human', 'crime.fraud'],
      ...near(COMPOUND_AREAS[country]!, COMPOUND_SPREAD_DEGREES),
    });
    yield link('LOCATED_IN', id.compound(i), id.country(country));
    yield link('OPERATES', id.group(rng.heavy(plan.groups, 2)), id.compound(i), { role: 'operator' });
  }
  for (let i = 0; i < plan.recruiters; i++) {
    const nationality = rng.weighted(ORIGINS);
    yield entity('Person', { id: id.recruiter(i), name: `Recruiter R-${i + 1}`, pseudonymous: true, roles: rng.chance(0.2) ? ['RECRUITER', 'TRAFFICKING_VICTIM'] : ['RECRUITER'], gender: rng.weighted([['MALE', 3], ['FEMALE', 2]] as const) });
    yield link('NATIONAL_OF', id.recruiter(i), id.country(nationality));
    yield link('MEMBER_OF', id.recruiter(i), id.group(rng.heavy(plan.groups, 2)), { role: 'recruiter' });
  }
  for (let i = 0; i < plan.victims; i++) {
    const nationality = rng.weighted(ORIGINS);
    const compound = rng.heavy(plan.compounds, 2);
    const destination = compoundCountry[compound]!;
    yield entity('Person', { id: id.victim(i), name: `Victim V-${i + 1}`, pseudonymous: true, roles: ['TRAFFICKING_VICTIM'], gender: rng.weighted([['MALE', 3], ['FEMALE', 2], ['UNKNOWN', 1]] as const), ageBand: rng.weighted(AGE_BANDS) });
    yield link('NATIONAL_OF', id.victim(i), id.country(nationality));
    const recruited = date(Date.UTC(2021, 0, 1), Date.UTC(2025, 5, 30));
    yield link('RECRUITED', id.recruiter(rng.heavy(plan.recruiters, 3)), id.victim(i), {
      date: day(recruited), method: rng.weighted(METHODS), channel: rng.weighted(CHANNELS), promisedJob: rng.pick(JOBS), promisedMonthlyPayUsd: 100 * rng.between(8, 30),
    });
    let when = recruited;
    let seq = 1;
    yield link('TRAVELLED_TO', id.victim(i), id.country(nationality), { seq: seq++, date: day(when), stage: 'RECRUITMENT' });
    for (let stops = rng.between(1, 2); stops > 0; stops--) {
      when += rng.between(1, 20) * DAY_MS;
      yield link('TRAVELLED_TO', id.victim(i), id.hub(rng.heavy(HUBS.length, 2)), { seq: seq++, date: day(when), stage: 'TRANSIT' });
    }
    when += rng.between(1, 10) * DAY_MS;
    yield link('TRAVELLED_TO', id.victim(i), id.country(destination), { seq: seq++, date: day(when), stage: 'EXPLOITATION' });
    yield link('HELD_AT', id.victim(i), id.compound(compound), {
      heldFrom: day(when), heldUntil: day(when + rng.between(30, 600) * DAY_MS), controlMethods: [rng.pick(CONTROL), rng.pick(CONTROL), 'ARMED_GUARDS'].filter((c, k, all) => all.indexOf(c) === k), forcedActivity: 'online fraud',
    });
  }
  for (let i = 0; i < plan.fraudVictims; i++) {
    yield entity('Person', { id: id.fraudVictim(i), name: `Fraud victim F-${i + 1}`, pseudonymous: true, roles: ['FRAUD_VICTIM'], ageBand: rng.weighted(FRAUD_AGE_BANDS) });
    yield link('DEFRAUDED', id.compound(rng.heavy(plan.compounds, 2)), id.fraudVictim(i), { date: day(date(Date.UTC(2022, 0, 1))), scamType: rng.pick(SCAM_TYPES), lossUsd: round2(rng.logNormal(8_000, 1.3)) });
  }

  // Accounts: each fraud victim's own (while there are enough), two wallets per compound, the rest
  // ordinary or mule accounts, some held by recruiters. Heavy-tailed choices make low indexes hubs.
  const victimAccounts = Math.min(plan.fraudVictims, Math.floor(plan.accounts * 0.3));
  const compoundWallets = Math.min(plan.compounds * 2, plan.accounts - victimAccounts);
  const firstOther = victimAccounts + compoundWallets;
  for (let i = 0; i < plan.accounts; i++) {
    if (i < victimAccounts) {
      yield entity('Account', { id: id.account(i), name: `Bank account A-${i + 1}`, accountType: 'BANK_ACCOUNT', identifier: `XX${String(i).padStart(18, '0')}`, currency: 'USD' });
      yield link('HOLDS', id.fraudVictim(i), id.account(i));
    } else if (i < firstOther) {
      const compound = (i - victimAccounts) % plan.compounds;
      const [chain, currency] = rng.pick(CHAINS);
      yield entity('Account', { id: id.account(i), name: `Wallet W-${i + 1}`, accountType: 'CRYPTO_WALLET', identifier: `T${hex(rng, 33)}`, chain, currency, flagged: rng.chance(0.6) });
      yield link('LINKED_TO', id.account(i), id.compound(compound), { basis: 'blockchain analysis attribution (synthetic)' });
    } else {
      const crypto = rng.chance(0.6);
      const [chain, currency] = rng.pick(CHAINS);
      yield entity('Account', crypto
        ? { id: id.account(i), name: `Wallet W-${i + 1}`, accountType: rng.chance(0.3) ? 'EXCHANGE_ACCOUNT' : 'CRYPTO_WALLET', identifier: `T${hex(rng, 33)}`, chain, currency }
        : { id: id.account(i), name: `Account A-${i + 1}`, accountType: rng.chance(0.2) ? 'MOBILE_MONEY' : 'BANK_ACCOUNT', identifier: `XX${String(i).padStart(18, '0')}`, currency: 'USD' });
      if (rng.chance(0.1)) yield link('HOLDS', id.recruiter(rng.heavy(plan.recruiters, 2)), id.account(i), { since: day(date()) });
    }
  }
  for (let i = 0; i < plan.operations; i++) {
    const start = date(Date.UTC(2023, 0, 1));
    yield entity('Operation', { id: id.operation(i), name: `Operation ${i + 1}`, agency: LAW_ENFORCEMENT[i % LAW_ENFORCEMENT.length], startDate: day(start), endDate: day(start + rng.between(1, 60) * DAY_MS), arrests: rng.between(0, 300) });
    yield link('CONDUCTED', id.le(i % LAW_ENFORCEMENT.length), id.operation(i));
    const targets = new Set(Array.from({ length: rng.between(1, 3) }, () => rng.int(plan.compounds)));
    for (const t of targets) yield link('TARGETED', id.operation(i), id.compound(t), { date: day(start), outcome: 'raided' });
    const arrested = new Set(Array.from({ length: rng.between(0, 3) }, () => rng.int(plan.recruiters)));
    for (const r of arrested) yield link('ARRESTED', id.operation(i), id.recruiter(r), { date: day(start) });
    const rescued = new Set(Array.from({ length: rng.between(1, 10) }, () => rng.int(plan.victims)));
    for (const v of rescued) yield link('RESCUED', id.operation(i), id.victim(v), { date: day(start), outcome: 'repatriated' });
  }

  // Transfers: a heavy-tailed background among ordinary accounts, and a small share of illicit flows —
  // victims paying compound wallets, then laundered through mules in the classic shapes.
  const others = plan.accounts - firstOther;
  const other = () => id.account(firstOther + rng.heavy(others, 2.5));
  let tx = 0;
  const transfer = function* (from: string, to: string, at: number, usd: number): Generator<NetworkRecord> {
    if (from === to) return;
    const reference = `tx-${tx++}`;
    yield link('TRANSFERRED', from, to, { amount: round2(usd), currency: 'USD', amountUsd: round2(usd), at: new Date(at).toISOString(), reference });
  };
  if (others < 2) return;
  while (tx < plan.transfers) {
    const at = date(Date.UTC(2022, 0, 1)) + rng.int(DAY_MS);
    if (!rng.chance(ILLICIT_SHARE) || compoundWallets === 0) {
      yield* transfer(other(), other(), at, rng.logNormal(300, 1.5));
      continue;
    }
    const wallet = id.account(victimAccounts + rng.int(compoundWallets));
    const shape = rng.weighted([['deposit', 4], ['fan-out', 2], ['fan-in', 2], ['cycle', 1], ['scatter-gather', 1]] as const);
    const amount = rng.logNormal(20_000, 1);
    if (shape === 'deposit' && victimAccounts > 0) {
      yield* transfer(id.account(rng.int(victimAccounts)), wallet, at, amount);
    } else if (shape === 'fan-out') {
      const k = rng.between(3, 12);
      for (let j = 0; j < k; j++) yield* transfer(wallet, other(), at + j * 60_000, amount / k);
    } else if (shape === 'fan-in') {
      const k = rng.between(3, 12);
      for (let j = 0; j < k; j++) yield* transfer(other(), wallet, at + j * 60_000, amount / k);
    } else if (shape === 'cycle') {
      const hops = [wallet, ...Array.from({ length: rng.between(2, 5) }, other)];
      for (let j = 0; j < hops.length; j++) yield* transfer(hops[j]!, hops[(j + 1) % hops.length]!, at + j * 3_600_000, amount * (1 - 0.01 * j));
    } else {
      const k = rng.between(3, 8);
      const sink = other();
      for (let j = 0; j < k; j++) {
        const mule = other();
        yield* transfer(wallet, mule, at + j * 60_000, amount / k);
        yield* transfer(mule, sink, at + 86_400_000 + j * 60_000, (amount / k) * 0.97);
      }
    }
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function hex(rng: Prng, length: number): string {
  let text = '';
  while (text.length < length) text += rng.nextUint32().toString(16).padStart(8, '0');
  return text.slice(0, length);
}
