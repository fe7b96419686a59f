import { readFileSync } from 'node:fs';
import { int, type Driver } from 'neo4j-driver';
import { encodeCursor } from '../../src/graph/cursors.js';
import type { Role } from '../../src/model/index.js';

/**
 * The benchmark's query mix. Each query is `<name>.graphql` (Scam Atlas), `<name>.peer.graphql`
 * (the Neo4j GraphQL Library; absent for path queries, which it does not have) and `<name>.cypher`
 * (the floor, which returns Scam Atlas's JSON). Variables are discovered in the loaded network so
 * every scale asks the same kind of question; `normalise` maps each server's answer to one JSON
 * shape for the cross-check.
 */
export type ServerName = 'atlas' | 'peer' | 'floor';

export interface QueryVariables {
  atlas: Record<string, unknown>;
  peer?: Record<string, unknown>;
  floor: Record<string, unknown>;
  /** What was chosen, for the report. */
  note: string;
}

export interface BenchQuery {
  name: string;
  operationName: string;
  title: string;
  atlas: string;
  peer: string | undefined;
  /** A dashboard aggregate: k-suppressed below investigator, so it runs as investigator (bench/lib/auth.ts). */
  dashboard?: boolean;
  /** The role this query's requests carry in every scenario (the mutation mix: an editor). */
  role?: Role;
  /**
   * Picks the variables in the loaded network. `hidesVictims`: for the viewer scenario, whose
   * entities must exist for a viewer (a victim as the start would be NOT_FOUND) and whose offsets
   * count only what a viewer sees.
   */
  discover(driver: Driver, hidesVictims: boolean): Promise<QueryVariables>;
  normalise: Partial<Record<ServerName, (data: unknown) => unknown>> & { atlas: (data: unknown) => unknown };
}

const file = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value ?? {}) as Json;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const money = (value: unknown) => (typeof value === 'number' ? Math.round(value * 100) / 100 : value ?? null);
const instant = (value: unknown) => (typeof value === 'string' ? new Date(value).toISOString() : value ?? null);
const byId = (a: Json, b: Json) => String(a['id']).localeCompare(String(b['id']));

async function one<T>(driver: Driver, cypher: string, params: Record<string, unknown> = {}): Promise<T | undefined> {
  // Whole numbers go as integers (LIMIT, SKIP and slices need them).
  const typed = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? int(v) : v]));
  const { records } = await driver.executeQuery(cypher, typed, { routing: 'READ' });
  return records[0]?.toObject() as T | undefined;
}

/** Cypher conditions a viewer's entities meet, for discovery (the same as bench/queries/*.viewer.cypher). */
const notVictim = (v: string) => `NOT ${v}:TraffickingVictim AND NOT ${v}:FraudVictim`;
const accountVisible = (v: string) => `(NOT EXISTS { (${v})<-[:HOLDS]-() } OR EXISTS { (${v})<-[:HOLDS]-(holder) WHERE ${notVictim('holder')} })`;
const visibleEntity = (v: string) => `${notVictim(v)} AND (NOT ${v}:Account OR ${accountVisible(v)})`;

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The loaded network has no ${what}: is it a generated network?`);
  return value;
}

const RECRUITS_PAGE = 50;

const recruiterTree: BenchQuery = {
  name: 'recruiterTree',
  operationName: 'RecruiterTree',
  title: 'entity by id, 2 nested levels (recruiter → recruits → nationalities, journeys)',
  atlas: file('recruiterTree.graphql'),
  peer: file('recruiterTree.peer.graphql'),
  async discover(driver, hidesVictims) {
    const row = required(await one<{ id: string; n: number }>(driver,
      `MATCH (p:Person)-[r:RECRUITED]->() ${hidesVictims ? `WHERE ${notVictim('p')}` : ''} WITH p, count(r) AS n ORDER BY n DESC, p.id LIMIT 1 RETURN p.id AS id, n`), 'recruiter');
    const vars = { id: row.id, first: RECRUITS_PAGE };
    return { atlas: vars, peer: vars, floor: vars, note: `busiest recruiter ${row.id} (${row.n} recruits; first ${RECRUITS_PAGE})` };
  },
  normalise: {
    atlas: (data) => {
      const node = obj(obj(data)['node']);
      return {
        id: node['id'], name: node['name'], roles: node['roles'],
        recruits: list(obj(node['relationships'])['edges']).map((e) => {
          const r = obj(e['node']);
          const v = obj(e['other']);
          return {
            recruitment: { id: r['id'], date: r['date'] ?? null, method: r['method'] ?? null, channel: r['channel'] ?? null },
            id: v['id'], name: v['name'],
            nationalities: list(v['nationalities']).map((c) => ({ id: c['id'], countryCode: c['countryCode'] ?? null })).sort(byId),
            journey: list(v['journey']).map((s) => ({ id: s['id'], seq: s['seq'], stage: s['stage'] ?? null, date: s['date'] ?? null, location: obj(s['location'])['id'] })),
          };
        }),
      };
    },
    peer: (data) => {
      const node = obj(list(obj(data)['people'])[0]);
      return {
        id: node['id'], name: node['name'], roles: node['roles'],
        recruits: list(obj(node['recruitedConnection'])['edges']).map((e) => {
          const r = obj(e['properties']);
          const v = obj(e['node']);
          return {
            recruitment: { id: r['id'], date: r['date'] ?? null, method: r['method'] ?? null, channel: r['channel'] ?? null },
            id: v['id'], name: v['name'],
            nationalities: list(v['nationalities']).map((c) => ({ id: c['id'], countryCode: c['countryCode'] ?? null })).sort(byId),
            journey: list(obj(v['journeyConnection'])['edges']).map((s) => {
              const t = obj(s['properties']);
              return { id: t['id'], seq: t['seq'], stage: t['stage'] ?? null, date: t['date'] ?? null, location: obj(s['node'])['id'] };
            }),
          };
        }),
      };
    },
  },
};

const CENTRES_PAGE = 20;

const activeCentres: BenchQuery = {
  name: 'activeCentres',
  operationName: 'ActiveCentres',
  title: 'filtered, ordered list page (active scam centres in a country + operators)',
  atlas: file('activeCentres.graphql'),
  peer: file('activeCentres.peer.graphql'),
  async discover(driver) {
    const row = required(await one<{ country: string; n: number }>(driver,
      `MATCH (c:ScamCentre {status: 'ACTIVE'})-[:LOCATED_IN]->(l:Location) WHERE l.countryCode IS NOT NULL
       WITH l.countryCode AS country, count(DISTINCT c) AS n ORDER BY n DESC, country LIMIT 1 RETURN country, n`), 'active scam centre');
    const vars = { country: row.country, first: CENTRES_PAGE };
    return { atlas: vars, peer: vars, floor: vars, note: `country ${row.country} (${row.n} active centres; first ${CENTRES_PAGE})` };
  },
  normalise: {
    atlas: (data) => {
      const c = obj(obj(data)['scamCentres']);
      return {
        totalCount: c['totalCount'], hasNextPage: obj(c['pageInfo'])['hasNextPage'],
        centres: list(c['edges']).map((e) => {
          const n = obj(e['node']);
          return {
            id: n['id'], name: n['name'], status: n['status'], estimatedWorkforce: n['estimatedWorkforce'] ?? null,
            operators: list(obj(n['relationships'])['edges']).map((o) => ({ id: obj(o['other'])['id'], name: obj(o['other'])['name'], kind: obj(o['other'])['kind'] })),
          };
        }),
      };
    },
    peer: (data) => {
      const c = obj(obj(data)['scamCentresConnection']);
      return {
        totalCount: c['totalCount'], hasNextPage: obj(c['pageInfo'])['hasNextPage'],
        centres: list(c['edges']).map((e) => {
          const n = obj(e['node']);
          return {
            id: n['id'], name: n['name'], status: n['status'], estimatedWorkforce: n['estimatedWorkforce'] ?? null,
            operators: list(obj(n['operatorsConnection'])['edges']).map((o) => {
              const x = obj(o['node']);
              return { id: x['id'], name: x['name'], kind: x['__typename'] === 'Person' ? 'PERSON' : 'ORGANIZATION' };
            }),
          };
        }),
      };
    },
  },
};

const PAGE = 50;
const PAGE_SIZE = 20;

const hubTransfersPage50: BenchQuery = {
  name: 'hubTransfersPage50',
  operationName: 'HubTransfersPage50',
  title: 'deep pagination (page 50 of a hub account\'s transfers)',
  atlas: file('hubTransfersPage50.graphql'),
  peer: file('hubTransfersPage50.peer.graphql'),
  async discover(driver, hidesVictims) {
    // For a viewer: a hub that exists for them, and its transfers to accounts that exist for them (the peer's cursor is an offset).
    const hub = required(await one<{ id: string; n: number }>(driver,
      `MATCH (a:Account)-[r:TRANSFERRED]->(b) ${hidesVictims ? `WHERE ${accountVisible('a')} AND ${accountVisible('b')}` : ''}
       WITH a, count(r) AS n ORDER BY n DESC, a.id LIMIT 1 RETURN a.id AS id, n`), 'transfer');
    // Page 50 when the hub has that many; otherwise its last full page (the report says which).
    const page = Math.max(2, Math.min(PAGE, Math.floor(hub.n / PAGE_SIZE)));
    const skip = (page - 1) * PAGE_SIZE - 1;
    const last = required(await one<{ at: string; id: string }>(driver,
      `MATCH (:Account {id: $id})-[r:TRANSFERRED]->(b) ${hidesVictims ? `WHERE ${accountVisible('b')}` : ''} WITH r ORDER BY r.at, r.id SKIP $skip LIMIT 1 RETURN r.at AS at, r.id AS id`,
      { id: hub.id, skip: Math.trunc(skip) }), 'hub transfer page');
    return {
      atlas: { account: hub.id, after: encodeCursor(last.at, last.id, 'Transfer:AT:ASC') },
      peer: { account: hub.id, after: Buffer.from(`arrayconnection:${skip}`, 'utf8').toString('base64') },
      floor: { account: hub.id, afterAt: last.at, afterId: last.id },
      note: `hub account ${hub.id} (${hub.n} outgoing transfers), page ${page} (${PAGE_SIZE} per page)`,
    };
  },
  normalise: {
    atlas: (data) => {
      const t = obj(obj(data)['transfers']);
      return {
        hasNextPage: obj(t['pageInfo'])['hasNextPage'],
        transfers: list(t['edges']).map((e) => {
          const n = obj(e['node']);
          return { id: n['id'], amount: money(n['amount']), currency: n['currency'] ?? null, amountUsd: money(n['amountUsd']), at: instant(n['at']), reference: n['reference'] ?? null, to: obj(n['to'])['id'] };
        }),
      };
    },
    peer: (data) => {
      const t = obj(obj(list(obj(data)['accounts'])[0])['transfersOutConnection']);
      return {
        hasNextPage: obj(t['pageInfo'])['hasNextPage'],
        transfers: list(t['edges']).map((e) => {
          const n = obj(e['properties']);
          return { id: n['id'], amount: money(n['amount']), currency: n['currency'] ?? null, amountUsd: money(n['amountUsd']), at: instant(n['at']), reference: n['reference'] ?? null, to: obj(e['node'])['id'] };
        }),
      };
    },
  },
};

const victimsByNationality: BenchQuery = {
  name: 'victimsByNationality',
  operationName: 'VictimsByNationality',
  title: 'dashboard aggregate (trafficking victims by nationality)',
  atlas: file('victimsByNationality.graphql'),
  peer: file('victimsByNationality.peer.graphql'),
  dashboard: true,
  async discover() {
    return { atlas: {}, peer: {}, floor: {}, note: 'whole graph' };
  },
  normalise: {
    atlas: (data) => list(obj(obj(data)['victimsByNationality'])['nodes'])
      .map((b) => ({ countryCode: b['countryCode'] ?? null, victims: b['victims'] }))
      .sort((a, b) => String(a.countryCode).localeCompare(String(b.countryCode))),
    peer: (data) => {
      const d = obj(data);
      const buckets = list(d['locations'])
        .map((l) => ({ countryCode: l['countryCode'] ?? null, victims: obj(obj(obj(l['nationalsConnection'])['aggregate'])['count'])['nodes'] }))
        .filter((b) => typeof b.victims === 'number' && b.victims > 0);
      const unknown = obj(obj(obj(d['unknown'])['aggregate'])['count'])['nodes'];
      if (typeof unknown === 'number' && unknown > 0) buckets.push({ countryCode: null, victims: unknown });
      return buckets.sort((a, b) => String(a.countryCode).localeCompare(String(b.countryCode)));
    },
  },
};

/** The dashboards below have no peer query: @neo4j/graphql cannot group by a property or an ordered journey. */
const scamCentresByCountry: BenchQuery = {
  name: 'scamCentresByCountry',
  operationName: 'ScamCentresByCountry',
  title: 'dashboard aggregate (scam centres by country and status; ours only)',
  atlas: file('scamCentresByCountry.graphql'),
  peer: undefined,
  dashboard: true,
  async discover() {
    return { atlas: {}, floor: {}, note: 'whole graph' };
  },
  normalise: {
    atlas: (data) => {
      const page = obj(obj(data)['scamCentresByCountry']);
      return { bucketCount: page['bucketCount'], nodes: list(page['nodes']).map((b) => ({ countryCode: b['countryCode'] ?? null, status: b['status'] ?? null, count: b['count'] })) };
    },
  },
};

const recruitmentCorridors: BenchQuery = {
  name: 'recruitmentCorridors',
  operationName: 'RecruitmentCorridors',
  title: 'dashboard aggregate (recruitment corridors, first page of 20; ours only)',
  atlas: file('recruitmentCorridors.graphql'),
  peer: undefined,
  dashboard: true,
  async discover() {
    return { atlas: {}, floor: {}, note: 'whole graph, first 20 corridors' };
  },
  normalise: {
    atlas: (data) => {
      const page = obj(obj(data)['recruitmentCorridors']);
      return {
        bucketCount: page['bucketCount'], hasNextPage: obj(page['pageInfo'])['hasNextPage'],
        nodes: list(page['nodes']).map((b) => ({ origin: b['origin'] ?? null, transit: b['transit'], destination: b['destination'] ?? null, victims: b['victims'] })),
      };
    },
  },
};

const flowsByCurrencyAndMonth: BenchQuery = {
  name: 'flowsByCurrencyAndMonth',
  operationName: 'FlowsByCurrencyAndMonth',
  title: 'dashboard aggregate (flows by currency and month, a window cutting two months, two days and two hours; ours only)',
  atlas: file('flowsByCurrencyAndMonth.graphql'),
  peer: undefined,
  dashboard: true,
  async discover(driver) {
    // The middle year of the transfers, from 12:30 on the 15th of its first month to 12:30 on the 15th of its last.
    const row = required(await one<{ first: string; last: string }>(driver,
      'MATCH ()-[r:TRANSFERRED]->() WHERE r.at IS NOT NULL RETURN min(r.at) AS first, max(r.at) AS last'), 'dated transfer');
    const middle = new Date((Date.parse(row.first) + Date.parse(row.last)) / 2);
    const at = (months: number, day: number, hour = 0, minute = 0) => new Date(Date.UTC(middle.getUTCFullYear(), middle.getUTCMonth() + months, day, hour, minute)).toISOString();
    const since = at(-6, 15, 12, 30);
    const until = at(6, 15, 12, 30);
    const hours = (months: number, from: number, to: number) => Array.from({ length: to - from }, (_, i) => at(months, 15, from + i).slice(0, 13));
    // Days of a month from `from` up to (not including) `to`; day 0 of the next month is this month's last.
    const days = (months: number, from: number, to: number) => Array.from({ length: to - from }, (_, i) => at(months, from + i).slice(0, 10));
    const lastDayOfSinceMonth = Number(at(-5, 0).slice(8, 10));
    return {
      atlas: { since, until },
      floor: {
        since, until, sinceMonth: since.slice(0, 7), sinceDays: days(-6, 16, lastDayOfSinceMonth + 1), sinceDay: since.slice(0, 10),
        sinceNextHourStart: at(-6, 15, 13), sinceHours: hours(-6, 13, 24), firstWholeMonth: at(-5, 1).slice(0, 7),
        untilMonth: until.slice(0, 7), untilDays: days(6, 1, 15), untilDay: until.slice(0, 10), untilHours: hours(6, 0, 12), untilHourStart: at(6, 15, 12),
      },
      note: `${since} … ${until}`,
    };
  },
  normalise: {
    atlas: (data) => {
      const page = obj(obj(data)['flowsByCurrencyAndMonth']);
      return {
        bucketCount: page['bucketCount'],
        nodes: list(page['nodes']).map((b) => ({ currency: b['currency'] ?? null, month: b['month'] ?? null, transfers: b['transfers'], amount: money(b['amount']), amountUsd: money(b['amountUsd']) })),
      };
    },
  },
};

const groupFanOut: BenchQuery = {
  name: 'groupFanOut',
  operationName: 'GroupFanOut',
  title: 'wide fan-out (group → compounds → people held → recruiters)',
  atlas: file('groupFanOut.graphql'),
  peer: file('groupFanOut.peer.graphql'),
  async discover(driver) {
    const row = required(await one<{ id: string; n: number }>(driver,
      'MATCH (g:Organization)-[:OPERATES]->(c:ScamCentre) WITH g, count(c) AS n ORDER BY n DESC, g.id LIMIT 1 RETURN g.id AS id, n'), 'criminal group operating a compound');
    return { atlas: { id: row.id }, peer: { id: row.id }, floor: { id: row.id }, note: `group ${row.id} (operates ${row.n} compounds; 20 × 20 × 5)` };
  },
  normalise: {
    atlas: (data) => {
      const tree = (node: Json): Json => ({
        id: node['id'], name: node['name'],
        children: list(obj(node['relationships'])['edges']).map((e) => tree(obj(e['other']))),
      });
      return tree(obj(obj(data)['node']));
    },
    peer: (data) => {
      const g = obj(list(obj(data)['organizations'])[0]);
      const edges = (n: Json, field: string) => list(obj(n[field])['edges']).map((e) => obj(e['node']));
      return {
        id: g['id'], name: g['name'],
        children: edges(g, 'operatesCentresConnection').map((c) => ({
          id: c['id'], name: c['name'],
          children: edges(c, 'heldConnection').map((v) => ({
            id: v['id'], name: v['name'],
            children: edges(v, 'recruitedByConnection').map((r) => ({ id: r['id'], name: r['name'], children: [] })),
          })),
        })),
      };
    },
  },
};

const paths: BenchQuery = {
  name: 'paths',
  operationName: 'Paths',
  title: 'paths: 3 shortest paths, ≤ 4 hops (ours only)',
  atlas: file('paths.graphql'),
  peer: undefined,
  async discover(driver, hidesVictims) {
    // A victim and an account three hops away, not through a country: "how is this person connected to that wallet?"
    // For a viewer, victims do not exist: a recruiter instead, and no hidden node on the way.
    const start = hidesVictims ? `MATCH (v:Person)-[:RECRUITED]->() WHERE ${notVictim('v')}` : 'MATCH (v:Person)-[:HELD_AT]->(:ScamCentre)';
    const row = required(await one<{ from: string; to: string }>(driver,
      `${start} WITH DISTINCT v ORDER BY v.id LIMIT 200
       MATCH p = (v)-[*3]-(b:Account)
       WHERE all(n IN nodes(p) WHERE NOT (n:Location AND n.locationType = 'COUNTRY') ${hidesVictims ? `AND ${visibleEntity('n')}` : ''})
       RETURN v.id AS from, b.id AS to LIMIT 1`), 'person three hops from an account');
    const vars = { from: row.from, to: row.to };
    return { atlas: vars, floor: vars, note: `${row.from} → ${row.to}` };
  },
  normalise: {
    // Among equally short paths the choice is the engine's: compare how many and how long.
    atlas: (data) => list(obj(data)['paths']).map((p) => {
      const nodes = list(p['nodes']);
      return { length: p['length'], from: nodes[0]?.['id'], to: nodes.at(-1)?.['id'], steps: list(p['steps']).length };
    }).sort((a, b) => Number(a.length) - Number(b.length)),
  },
};

const moneyTrail: BenchQuery = {
  name: 'moneyTrail',
  operationName: 'MoneyTrail',
  title: 'moneyTrail: downstream, 3 hops (ours only)',
  atlas: file('moneyTrail.graphql'),
  peer: undefined,
  async discover(driver, hidesVictims) {
    // An account whose 3-hop trail reaches tens to hundreds of accounts (no cap cuts it); for a viewer, as the viewer sees it.
    const { records } = await driver.executeQuery(
      `MATCH (a:Account)-[r:TRANSFERRED]->() ${hidesVictims ? `WHERE ${accountVisible('a')}` : ''} WITH a, count(r) AS n WHERE n >= 3 AND n <= 30
       RETURN a.id AS id ORDER BY a.id LIMIT 200`, {}, { routing: 'READ' });
    const cypher = file(hidesVictims ? 'moneyTrail.viewer.cypher' : 'moneyTrail.cypher');
    let fallback: { id: string; reached: number } | undefined;
    for (const record of records) {
      const id = String(record.get('id'));
      const trail = await one<{ moneyTrail: { accounts: unknown[] } }>(driver, cypher, { account: id });
      const reached = trail?.moneyTrail.accounts.length ?? 0;
      if (reached >= 20 && reached <= 500) return { atlas: { account: id }, floor: { account: id }, note: `account ${id} (trail reaches ${reached} accounts)` };
      if (reached > 0 && reached <= 900 && (!fallback || reached > fallback.reached)) fallback = { id, reached };
    }
    const chosen = required(fallback, 'account with a money trail');
    return { atlas: { account: chosen.id }, floor: { account: chosen.id }, note: `account ${chosen.id} (trail reaches ${chosen.reached} accounts)` };
  },
  normalise: {
    atlas: (data) => {
      const t = obj(obj(data)['moneyTrail']);
      return {
        totalAmountUsd: money(t['totalAmountUsd']),
        truncated: t['truncated'],
        accounts: list(t['accounts']).map((a) => ({ id: obj(a['account'])['id'], hops: a['hops'], amountUsd: money(a['amountUsd']), at: instant(a['at']), transferCount: a['transferCount'] })).sort(byId),
        transfers: list(t['transfers']).map((x) => x['id']).sort(),
        cycles: list(t['cycles']).map((x) => x['id']).sort(),
      };
    },
  },
};

/* Shapes beyond the first seven (issue 14): lists and trees users send every day. */

const edgesOf = (connection: unknown) => list(obj(connection)['edges']).map((e) => obj(e['node']));
const pageOf = (connection: unknown, node: (n: Json) => unknown) => {
  const c = obj(connection);
  return { totalCount: c['totalCount'], hasNextPage: obj(c['pageInfo'])['hasNextPage'], nodes: edgesOf(c).map(node) };
};

const centresPage3: BenchQuery = {
  name: 'centresPage3',
  operationName: 'CentresPage3',
  title: 'unfiltered list paged by cursor (every scam centre by name, page 3, with the total)',
  atlas: file('centresPage3.graphql'),
  peer: file('centresPage3.peer.graphql'),
  async discover(driver) {
    // The last centre of page 2: our keyset cursor, the peer's offset cursor, the floor's values.
    const row = required(await one<{ name: string; id: string }>(driver, 'MATCH (n:ScamCentre) WITH n ORDER BY n.name, n.id SKIP 39 LIMIT 1 RETURN n.name AS name, n.id AS id'), 'forty scam centres');
    return {
      atlas: { after: encodeCursor(row.name, row.id, 'ScamCentre:NAME:ASC') },
      peer: { after: Buffer.from('arrayconnection:39').toString('base64') },
      floor: { afterName: row.name, afterId: row.id },
      note: `after ${row.id} (the 40th by name)`,
    };
  },
  normalise: {
    atlas: (data) => pageOf(obj(data)['scamCentres'], (n) => ({ id: n['id'], name: n['name'], status: n['status'] ?? null })),
    peer: (data) => pageOf(obj(data)['scamCentresConnection'], (n) => ({ id: n['id'], name: n['name'], status: n['status'] ?? null })),
  },
};

const transfersWindow: BenchQuery = {
  name: 'transfersWindow',
  operationName: 'TransfersWindow',
  title: 'relationship list with its total (transfers ≥ $1,000 in one month; ours only)',
  atlas: file('transfersWindow.graphql'),
  peer: undefined,
  async discover(driver) {
    const row = required(await one<{ first: string; last: string }>(driver,
      'MATCH ()-[r:TRANSFERRED]->() WHERE r.at IS NOT NULL RETURN min(r.at) AS first, max(r.at) AS last'), 'dated transfer');
    const middle = new Date((Date.parse(row.first) + Date.parse(row.last)) / 2);
    const since = new Date(Date.UTC(middle.getUTCFullYear(), middle.getUTCMonth(), 1)).toISOString();
    const until = new Date(Date.UTC(middle.getUTCFullYear(), middle.getUTCMonth() + 1, 1)).toISOString();
    const vars = { since, until, min: 1000 };
    return { atlas: vars, floor: vars, note: `${since.slice(0, 7)}, at least 1,000 USD` };
  },
  normalise: {
    atlas: (data) => pageOf(obj(data)['transfers'], (n) => ({ id: n['id'], amountUsd: money(n['amountUsd']), at: instant(n['at']), from: obj(n['from'])['id'], to: obj(n['to'])['id'] })),
  },
};

const victimsOfNationality: BenchQuery = {
  name: 'victimsOfNationality',
  operationName: 'VictimsOfNationality',
  title: 'list filtered by role (trafficking victims of one nationality, by name, with the total)',
  atlas: file('victimsOfNationality.graphql'),
  peer: file('victimsOfNationality.peer.graphql'),
  async discover(driver) {
    const row = required(await one<{ country: string; n: number }>(driver,
      `MATCH (v:TraffickingVictim)-[:NATIONAL_OF]->(l:Location) WHERE l.countryCode IS NOT NULL
       WITH l.countryCode AS country, count(DISTINCT v) AS n ORDER BY n DESC, country LIMIT 1 RETURN country, n`), 'victim with a nationality');
    const vars = { country: row.country };
    return { atlas: vars, peer: vars, floor: vars, note: `${row.country} (${row.n} victims; a viewer sees none)` };
  },
  normalise: {
    atlas: (data) => pageOf(obj(data)['people'], (n) => ({ id: n['id'], name: n['name'] })),
    peer: (data) => pageOf(obj(data)['peopleConnection'], (n) => ({ id: n['id'], name: n['name'] })),
  },
};

type Tree = { id: unknown; name: unknown; children: Tree[] };
const fourLevelTree: BenchQuery = {
  name: 'fourLevelTree',
  operationName: 'FourLevelTree',
  title: 'four-level tree, directions mixed (group → compounds → held → recruiters → nationalities)',
  atlas: file('fourLevelTree.graphql'),
  peer: file('fourLevelTree.peer.graphql'),
  async discover(driver) {
    const row = required(await one<{ id: string; n: number }>(driver,
      'MATCH (g:Organization)-[:OPERATES]->(c:ScamCentre) WITH g, count(c) AS n ORDER BY n DESC, g.id LIMIT 1 RETURN g.id AS id, n'), 'criminal group operating a compound');
    return { atlas: { id: row.id }, peer: { id: row.id }, floor: { id: row.id }, note: `group ${row.id} (operates ${row.n} compounds; 10 × 10 × 3 × 2)` };
  },
  normalise: {
    atlas: (data) => {
      const tree = (node: Json): Tree => ({ id: node['id'], name: node['name'], children: list(obj(node['relationships'])['edges']).map((e) => tree(obj(e['other']))) });
      return tree(obj(obj(data)['node']));
    },
    peer: (data) => {
      const levels = ['operatesCentresConnection', 'heldConnection', 'recruitedByConnection', 'nationalitiesConnection'];
      const tree = (node: Json, level: number): Tree => ({
        id: node['id'], name: node['name'],
        children: level < levels.length ? edgesOf(node[levels[level]!]).map((child) => tree(child, level + 1)) : [],
      });
      return tree(obj(list(obj(data)['organizations'])[0]), 0);
    },
  },
};

const centreOperators: BenchQuery = {
  name: 'centreOperators',
  operationName: 'CentreOperators',
  title: 'union-typed end (a scam centre\'s operators, people or organisations, typed fragments)',
  atlas: file('centreOperators.graphql'),
  peer: file('centreOperators.peer.graphql'),
  async discover(driver, hidesVictims) {
    const row = required(await one<{ id: string; n: number }>(driver,
      `MATCH (c:ScamCentre)<-[:OPERATES]-(o) ${hidesVictims ? `WHERE ${notVictim('o')}` : ''}
       WITH c, count(o) AS n, count(CASE WHEN o:Person THEN 1 END) AS people
       // Operated by people and organisations where the network has one; else the most operated.
       RETURN c.id AS id, n ORDER BY (people > 0 AND people < n) DESC, n DESC, id LIMIT 1`), 'scam centre with an operator');
    return { atlas: { id: row.id }, peer: { id: row.id }, floor: { id: row.id }, note: `centre ${row.id} (${row.n} operators)` };
  },
  normalise: {
    atlas: (data) => list(obj(obj(obj(data)['node'])['relationships'])['edges']).map((e) => {
      const o = obj(e['other']);
      return { type: o['__typename'], id: o['id'], name: o['name'], roles: o['roles'] ?? null, orgType: o['orgType'] ?? null, jurisdiction: o['jurisdiction'] ?? null };
    }),
    peer: (data) => edgesOf(obj(list(obj(data)['scamCentres'])[0])['operatorsConnection']).map((o) => (
      { type: o['__typename'], id: o['id'], name: o['name'], roles: o['roles'] ?? null, orgType: o['orgType'] ?? null, jurisdiction: o['jurisdiction'] ?? null })),
  },
};

const mutationMix: BenchQuery = {
  name: 'mutationMix',
  operationName: 'MutationMix',
  title: 'mutation mix (a person upserted and a journey stop linked, one request, as an editor; ours only)',
  atlas: file('mutationMix.graphql'),
  peer: undefined,
  role: 'editor',
  async discover(driver) {
    // A journey stop and its traveller (an editor sees victims): written again with the values they have (idempotent, every request a real write).
    const row = required(await one<{ person: string; name: string; stop: string; to: string; seq: number; stage: string | null; source: string; grade: string }>(driver,
      `MATCH (p:Person)-[r:TRAVELLED_TO]->(l) WHERE size(r.sourceIds) > 0
       RETURN p.id AS person, p.name AS name, r.id AS stop, l.id AS to, r.seq AS seq, r.stage AS stage, r.sourceIds[0] AS source, r.grades[0] AS grade
       ORDER BY p.id LIMIT 1`), 'journey stop with a source');
    const provenance = [{ source: row.source, reliability: row.grade.slice(0, 1), credibility: Number(row.grade.slice(1)) }];
    return {
      atlas: {
        person: { id: row.person, name: row.name, provenance },
        stop: { id: row.stop, from: row.person, to: row.to, seq: row.seq, ...(row.stage ? { stage: row.stage } : {}), provenance },
      },
      floor: { personId: row.person, name: row.name, stopId: row.stop, seq: row.seq, sourceIds: [row.source], grades: [row.grade] },
      note: `person ${row.person}, stop ${row.stop}`,
    };
  },
  normalise: {
    atlas: (data) => ({ person: obj(obj(data)['upsertPerson'])['id'], name: obj(obj(data)['upsertPerson'])['name'], stop: obj(obj(data)['linkJourneyStop'])['id'] }),
    floor: (data) => {
      const r = obj(obj(data)['mutationMix']);
      return { person: r['person'], name: r['name'], stop: r['stop'] };
    },
  },
};

export const BENCH_QUERIES: readonly BenchQuery[] = [
  recruiterTree, activeCentres, hubTransfersPage50, victimsByNationality, groupFanOut, paths, moneyTrail,
  scamCentresByCountry, recruitmentCorridors, flowsByCurrencyAndMonth,
  centresPage3, transfersWindow, victimsOfNationality, fourLevelTree, centreOperators, mutationMix,
];
