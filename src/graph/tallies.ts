import { int, type QueryResult } from 'neo4j-driver';
import type { CypherParams, Database, ObservedTransaction } from '../database/index.js';

/**
 * Dashboard tallies: the buckets of the four dashboards, stored as (:DashboardTally {board, key})
 * nodes and kept current in the transaction of every write that can move them, so that a dashboard
 * reads a few hundred small nodes instead of aggregating the whole graph (1.3 s at 1M entities).
 *
 * How a write keeps them exact (`withTallies`): it names its *subjects* — the people, scam centres and
 * transfers whose bucket it may change — and, under one lock every tally writer takes first, their
 * contribution is taken out of the tallies before the write and put back after it. A subject's
 * contribution is computed by the same statement that builds every tally from scratch
 * (`rebuildTallies`), run over the subjects only. The reference is the full recount in analytics.ts
 * (independent statements); test/dashboards/tallies.test.ts compares the two after mutations,
 * imports, unlinks and deletions.
 *
 * Amounts are summed as integers, each transfer's amount split into whole units and nanounits, so a
 * sum never depends on the order of additions and subtractions (floats would drift).
 */

/** Bumped when what a tally holds changes: a store with another version rebuilds its tallies. */
export const TALLY_VERSION = 3;

export const TALLY_BOARDS = ['victimsByNationality', 'recruitmentCorridors', 'scamCentresByCountry', 'flowsByCurrencyAndMonth', 'flowsByCurrencyAndDay', 'flowsByCurrencyAndHour'] as const;
export type TallyBoard = (typeof TALLY_BOARDS)[number];

/** What a write may change: by id. `locations` are upserted locations with the country code the write gives them (undefined: not given, unchanged). */
export interface TallySubjects {
  persons?: readonly string[];
  centres?: readonly string[];
  transfers?: readonly string[];
  locations?: ReadonlyArray<{ id: string; countryCode: string | null | undefined }>;
}

type SubjectKind = 'persons' | 'centres' | 'transfers';

/** One split of an amount into integers: whole units and nanounits (exact to 1e-9 of a unit). */
const wholeUnits = (amount: string) => `toInteger(floor(coalesce(${amount}, 0.0)))`;
const nanoUnits = (amount: string) => `toInteger(round((coalesce(${amount}, 0.0) - floor(coalesce(${amount}, 0.0))) * 1000000000))`;

/**
 * Per board: which subjects it is about, how to match all of them or some by id, and the body that
 * turns matched subjects into rows (key, dims, count, amounts). Every key is a string; `dims` are the
 * bucket's dimensions as stored on the tally.
 */
const BOARD_STATEMENTS: Record<TallyBoard, { subject: SubjectKind; all: string; some: string; body: string }> = {
  // A victim counts once per nationality (and once under "unknown" when none is recorded).
  victimsByNationality: {
    subject: 'persons',
    all: 'MATCH (p:TraffickingVictim)',
    some: 'UNWIND $ids AS id MATCH (p:Entity {id: id}) WHERE p:TraffickingVictim',
    body: `OPTIONAL MATCH (p)-[:NATIONAL_OF]->(c:Location)
     WITH p, collect(DISTINCT c.id) AS countries
     UNWIND CASE size(countries) WHEN 0 THEN [null] ELSE countries END AS countryId
     WITH countryId, count(*) AS n
     RETURN coalesce(countryId, '') AS key, {countryId: countryId} AS dims, n AS count, null AS amounts`,
  },
  // One corridor per person who travelled: journey stops in order (seq, then id, so equal seqs order the same way every time).
  recruitmentCorridors: {
    subject: 'persons',
    all: 'MATCH (p:Person)',
    some: 'UNWIND $ids AS id MATCH (p:Entity {id: id}) WHERE p:Person',
    body: `MATCH (p)-[t:TRAVELLED_TO]->(l:Location)
     WITH p, t, l ORDER BY t.seq, t.id
     WITH p, collect({stage: t.stage, country: l.countryCode}) AS stops
     WITH p, stops,
          [s IN stops WHERE s.stage = 'RECRUITMENT' | s.country] AS recruited,
          [s IN stops WHERE s.stage = 'EXPLOITATION' | s.country] AS exploited
     WITH coalesce(head(recruited), head(stops).country) AS origin,
          [s IN stops WHERE s.stage = 'TRANSIT' AND s.country IS NOT NULL | s.country] AS transit,
          coalesce(last(exploited), last(stops).country) AS destination
     WITH origin, transit, destination, count(*) AS n
     RETURN coalesce(origin, '') + '|' + reduce(joined = '', c IN transit | joined + c + ',') + '|' + coalesce(destination, '') AS key,
            {origin: origin, transit: transit, destination: destination} AS dims, n AS count, null AS amounts`,
  },
  // A centre counts under the smallest country code among its locations (one bucket, whatever the order of its relationships).
  scamCentresByCountry: {
    subject: 'centres',
    all: 'MATCH (c:ScamCentre)',
    some: 'UNWIND $ids AS id MATCH (c:Entity {id: id}) WHERE c:ScamCentre',
    body: `OPTIONAL MATCH (c)-[:LOCATED_IN]->(l:Location)
     WITH c, min(l.countryCode) AS countryCode
     WITH countryCode, c.status AS status, count(*) AS n
     RETURN coalesce(countryCode, '') + '|' + coalesce(status, '') AS key, {countryCode: countryCode, status: status} AS dims, n AS count, null AS amounts`,
  },
  flowsByCurrencyAndMonth: flowStatement('month', 7),
  // Not dashboards of their own: the days of the months a window cuts and the hours of the days it
  // cuts (analytics.ts), so that only the hour or two it cuts are summed from their transfers.
  flowsByCurrencyAndDay: flowStatement('day', 10),
  flowsByCurrencyAndHour: flowStatement('hour', 13),
};

/** Transfers by currency and period (the first `length` characters of their UTC ISO instant). */
function flowStatement(period: 'month' | 'day' | 'hour', length: number): { subject: SubjectKind; all: string; some: string; body: string } {
  return {
    subject: 'transfers',
    all: 'MATCH ()-[r:TRANSFERRED]->()',
    some: 'UNWIND $ids AS id MATCH ()-[r:TRANSFERRED {id: id}]->()',
    body: `WITH r.currency AS currency, left(r.at, ${length}) AS ${period}, count(*) AS n,
          sum(${wholeUnits('r.amount')}) AS amountWhole, sum(${nanoUnits('r.amount')}) AS amountNanos,
          sum(${wholeUnits('r.amountUsd')}) AS amountUsdWhole, sum(${nanoUnits('r.amountUsd')}) AS amountUsdNanos
     RETURN coalesce(currency, '') + '|' + coalesce(${period}, '') AS key, {currency: currency, ${period}: ${period}} AS dims, n AS count,
            {amountWhole: amountWhole, amountNanos: amountNanos, amountUsdWhole: amountUsdWhole, amountUsdNanos: amountUsdNanos} AS amounts`,
  };
}

/** The per-transfer integer parts, for the reference recount (analytics.ts) to sum the same way. */
export const AMOUNT_PARTS = { wholeUnits, nanoUnits };

/**
 * Adds (`$sign` 1) or takes out (-1) rows from the tallies of `board` (a variable). A tally that
 * reaches zero is deleted, so a bucket with nothing in it is never published. `amounts` are null on
 * boards without amounts. Rows are applied in key order, so writers lock tallies in one order.
 */
const APPLY_ROWS = `
     WITH board, collect({key: key, dims: dims, count: count, amounts: amounts}) AS rows
     UNWIND rows AS row
     WITH board, row ORDER BY row.key
     MERGE (t:DashboardTally {board: board, key: row.key})
       ON CREATE SET t += row.dims, t.count = 0,
                     t += CASE WHEN row.amounts IS NULL THEN {} ELSE {amountWhole: 0, amountNanos: 0, amountUsdWhole: 0, amountUsdNanos: 0} END
     SET t.count = t.count + $sign * row.count
     FOREACH (a IN CASE WHEN row.amounts IS NULL THEN [] ELSE [row.amounts] END |
       SET t.amountWhole = t.amountWhole + $sign * a.amountWhole, t.amountNanos = t.amountNanos + $sign * a.amountNanos,
           t.amountUsdWhole = t.amountUsdWhole + $sign * a.amountUsdWhole, t.amountUsdNanos = t.amountUsdNanos + $sign * a.amountUsdNanos)
     WITH t WHERE t.count = 0
     DELETE t`;

/**
 * One board's rows applied: over every subject of the graph (`all`), or over the ids in the
 * parameter named after the board's subject kind (`$persons`, `$centres`, `$transfers`). The board's
 * name is the parameter `$boards[i]`, its index in TALLY_BOARDS.
 */
function boardStatement(board: TallyBoard, which: 'all' | 'some'): string {
  const statement = BOARD_STATEMENTS[board];
  const match = which === 'all' ? statement.all : statement.some.replace('$ids', `$${statement.subject}`);
  // The body ends in RETURN; applying rows continues from it with WITH, the board's name carried along.
  const rows = statement.body.replace(/RETURN ([\s\S]*)$/, `WITH $boards[${TALLY_BOARDS.indexOf(board)}] AS board, $1`);
  return `${match}\n     ${rows}${APPLY_ROWS}`;
}

/**
 * Takes the tally writers' lock and moves the revision on: whether the tallies are built (else writes
 * leave them to the rebuild), and the revision this write stamps on the tallies it moves.
 */
async function lockTallies(tx: ObservedTransaction): Promise<{ built: boolean; revision: number }> {
  // Setting a property takes the node's write lock until commit; the revision is what readers cache a board by.
  const { records } = await tx.run<{ version: number; revision: number }>(
    `MATCH (s:DashboardTallyState {id: 'dashboards'})
     SET s.revision = coalesce(s.revision, 0) + 1
     RETURN s.version AS version, s.revision AS revision`,
  );
  return { built: records[0]?.get('version') === TALLY_VERSION, revision: records[0]?.get('revision') ?? 0 };
}

/**
 * The tally writers' lock taken before anything else, for a statement of several writes
 * (src/graph/writesTogether.ts): each part reads through locking index seeks before its own write
 * takes the lock, and two such statements deadlocked on it (752 DeadlockDetected retries in 8 s of
 * the mutation mix, every one on the tallies' state). Setting and removing a property takes the
 * node's write lock until commit and changes nothing; the row goes on as one.
 */
export const TALLY_LOCK_FIRST = `OPTIONAL MATCH (tallyLock:DashboardTallyState {id: 'dashboards'})
SET tallyLock._lock = true
REMOVE tallyLock._lock
WITH count(*) AS tallyLocked`;

/** A subject's bucket as a board statement's body gives it (`amounts` null on boards without amounts). */
interface TallyRow { board: string; key: string; dims: Record<string, unknown>; count: number; amounts: Record<string, number> | null }

/**
 * A subquery returning every row (board, key, dims, count, amounts) the subjects contribute to the
 * boards that have subjects: the boards' own bodies, over the ids in `$persons`, `$centres`,
 * `$transfers`. Null when no board has subjects.
 */
function subjectRows(subjects: Record<SubjectKind, string[]>): string | null {
  const boards = TALLY_BOARDS.filter((board) => subjects[BOARD_STATEMENTS[board].subject].length > 0);
  if (boards.length === 0) return null;
  const parts = boards.map((board) => {
    const statement = BOARD_STATEMENTS[board];
    const body = statement.body.replace(/RETURN ([\s\S]*)$/, `RETURN $boards[${TALLY_BOARDS.indexOf(board)}] AS board, $1`);
    return `${statement.some.replace('$ids', `$${statement.subject}`)}\n       ${body}`;
  });
  return `CALL () {\n       ${parts.join('\n       UNION ALL\n       ')}\n     }`;
}

/** A row read back (the driver gives JavaScript numbers) with its integers sent as integers again, not floats. */
function asStoredIntegers(row: TallyRow): Record<string, unknown> {
  const amounts = row.amounts === null ? null : Object.fromEntries(Object.entries(row.amounts).map(([name, value]) => [name, int(value)]));
  return { ...row, count: int(row.count), amounts };
}

/** A board statement's rows (board, key, dims, count, amounts) as one list. */
const COLLECTED_ROWS = 'collect({board: board, key: key, dims: dims, count: count, amounts: amounts})';

/** The ids of a write's subjects, each once, with the people and centres a location's change moves (`moved`). */
function subjectIdsOf(subjects: TallySubjects, moved: { persons: string[]; centres: string[] } = { persons: [], centres: [] }): Record<SubjectKind, string[]> {
  return {
    persons: [...new Set([...(subjects.persons ?? []), ...moved.persons])],
    centres: [...new Set([...(subjects.centres ?? []), ...moved.centres])],
    transfers: [...new Set(subjects.transfers ?? [])],
  };
}

/**
 * The net change of the write, applied: the rows after it (read here) minus the rows before it
 * (`before`: the parameter, or a variable of the statement this ends), summed per bucket; buckets
 * that did not move are not touched (no write, no lock), so a write that moves no dashboard — most
 * of them — only reads. Buckets are written in key order, so writers lock tallies in one order. Each
 * tally moved is stamped with the write's revision (`revision`), for readers that catch up by
 * revision (readDerivedBoard); one that reaches zero stays, at zero, so that they see it go (never
 * published: readers skip zeros).
 */
function applyNetChange(rows: string, before = '$before', revision = '$revision'): string {
  return `CALL () {
       ${rows}
       RETURN ${COLLECTED_ROWS} AS after
     }
     UNWIND [row IN ${before} | row {.*, sign: -1}] + [row IN after | row {.*, sign: 1}] AS row
     WITH row.board AS board, row.key AS key, head(collect(row.dims)) AS dims, sum(row.sign * row.count) AS count,
          head(collect(row.amounts IS NOT NULL)) AS hasAmounts,
          sum(row.sign * coalesce(row.amounts.amountWhole, 0)) AS amountWhole, sum(row.sign * coalesce(row.amounts.amountNanos, 0)) AS amountNanos,
          sum(row.sign * coalesce(row.amounts.amountUsdWhole, 0)) AS amountUsdWhole, sum(row.sign * coalesce(row.amounts.amountUsdNanos, 0)) AS amountUsdNanos
     WHERE count <> 0 OR amountWhole <> 0 OR amountNanos <> 0 OR amountUsdWhole <> 0 OR amountUsdNanos <> 0
     WITH * ORDER BY board, key
     MERGE (t:DashboardTally {board: board, key: key})
       ON CREATE SET t += dims, t.count = 0,
                     t += CASE WHEN hasAmounts THEN {amountWhole: 0, amountNanos: 0, amountUsdWhole: 0, amountUsdNanos: 0} ELSE {} END
     SET t.count = t.count + count, t.revision = ${revision}
     FOREACH (_ IN CASE WHEN hasAmounts THEN [1] ELSE [] END |
       SET t.amountWhole = t.amountWhole + amountWhole, t.amountNanos = t.amountNanos + amountNanos,
           t.amountUsdWhole = t.amountUsdWhole + amountUsdWhole, t.amountUsdNanos = t.amountUsdNanos + amountUsdNanos)`;
}

/**
 * People and centres at locations whose country code this write changes (their corridors and country
 * move with it); read under the tally writers' lock.
 */
async function peopleAndCentresAt(tx: ObservedTransaction, locations: TallySubjects['locations']): Promise<{ persons: string[]; centres: string[] }> {
  const changing = (locations ?? []).filter((l) => l.countryCode !== undefined);
  if (changing.length === 0) return { persons: [], centres: [] };
  const { records } = await tx.run<{ persons: string[]; centres: string[] }>(
    `UNWIND $locations AS given
     MATCH (l:Entity {id: given.id}) WHERE l:Location AND coalesce(l.countryCode, '') <> coalesce(given.countryCode, '')
     CALL (l) { OPTIONAL MATCH (p:Person)-[:TRAVELLED_TO]->(l) RETURN collect(DISTINCT p.id) AS persons }
     CALL (l) { OPTIONAL MATCH (c:ScamCentre)-[:LOCATED_IN]->(l) RETURN collect(DISTINCT c.id) AS centres }
     RETURN persons, centres`,
    { locations: changing.map((l) => ({ id: l.id, countryCode: l.countryCode ?? null })) },
  );
  return { persons: records.flatMap((r) => r.get('persons')), centres: records.flatMap((r) => r.get('centres')) };
}

/**
 * Runs `write` inside `tx` with the tallies kept exact, under one lock every tally writer takes
 * first: the subjects' contributions are read before the write, read again after it, and the
 * difference applied — the lock, then one statement either side of the write (one more when a
 * location's country changes). Writes that name no subject (an Organization, a
 * membership) take no lock.
 */
export async function withTallies<T>(tx: ObservedTransaction, subjects: TallySubjects, write: () => Promise<T>): Promise<T> {
  const any = (subjects.persons?.length ?? 0) + (subjects.centres?.length ?? 0) + (subjects.transfers?.length ?? 0) + (subjects.locations?.length ?? 0) > 0;
  if (!any) return write();
  const readRows = (rows: string, params: CypherParams) =>
    tx.run<{ rows: TallyRow[] }>(`${rows} RETURN ${COLLECTED_ROWS} AS rows`, params);
  let lock: { built: boolean; revision: number };
  let ids: Record<SubjectKind, string[]>;
  let before: QueryResult<{ rows: TallyRow[] }> | undefined;
  if ((subjects.locations?.length ?? 0) === 0) {
    // The subjects are known before the lock: the lock and the read of their rows go in one
    // round trip (the read runs after the lock, in order; it is dropped when the tallies are not built).
    ids = subjectIdsOf(subjects);
    const rows = subjectRows(ids);
    [lock, before] = await Promise.all([lockTallies(tx), rows === null ? undefined : readRows(rows, { ...ids, boards: [...TALLY_BOARDS] })]);
  } else {
    lock = await lockTallies(tx);
    ids = subjectIdsOf(subjects, lock.built ? await peopleAndCentresAt(tx, subjects.locations) : undefined);
    const rows = subjectRows(ids);
    before = lock.built && rows !== null ? await readRows(rows, { ...ids, boards: [...TALLY_BOARDS] }) : undefined;
  }
  const rows = subjectRows(ids);
  if (!lock.built || rows === null || before === undefined) return write();
  const params = { ...ids, boards: [...TALLY_BOARDS], revision: int(lock.revision) };
  const result = await write();
  // Its answer is not needed: sent without waiting (statements after it still run after it), settled before the commit.
  tx.send(applyNetChange(rows), { ...params, before: (before.records[0]?.get('rows') ?? []).map(asStoredIntegers) });
  return result;
}

/** A write statement ending in `RETURN <returns>`, with its parameters. */
export interface WriteStatement { cypher: string; params: CypherParams; returns: string }

/**
 * withTallies' steps in one statement, for a write whose subjects are known before it: the lock,
 * the subjects' rows before, the write, their rows after and the net change applied, in that order
 * — one round trip instead of two and a third sent. Undefined when a location's country may change
 * (the people and centres at it are read under the lock first): such writes take withTallies, which
 * is also the reference this is tested against (test/graph/talliedWrites.test.ts).
 */
export function talliedWrite(subjects: TallySubjects, write: WriteStatement): { cypher: string; params: CypherParams } | undefined {
  if ((subjects.locations?.length ?? 0) > 0) return undefined;
  const ids = subjectIdsOf(subjects);
  const rows = subjectRows(ids);
  // No subject: no lock, as withTallies.
  if (rows === null) return { cypher: write.cypher, params: write.params };
  return {
    // Setting the state's revision takes the tally writers' lock (lockTallies); a store without tallies has no state node.
    cypher: `OPTIONAL MATCH (tallyState:DashboardTallyState {id: 'dashboards'})
     SET tallyState.revision = coalesce(tallyState.revision, 0) + 1
     WITH coalesce(tallyState.version = $tallyVersion, false) AS talliesBuilt, tallyState.revision AS tallyRevision
     CALL (talliesBuilt) {
       WITH talliesBuilt WHERE talliesBuilt
       ${rows}
       RETURN ${COLLECTED_ROWS} AS before
     }
     CALL () {
       ${write.cypher}
     }
     CALL (talliesBuilt, tallyRevision, before) {
       WITH * WHERE talliesBuilt
       ${applyNetChange(rows, 'before', 'tallyRevision')}
     }
     RETURN ${write.returns}`,
    params: { ...write.params, ...ids, boards: [...TALLY_BOARDS], tallyVersion: int(TALLY_VERSION) },
  };
}

/**
 * The subjects of deleting these entities: themselves, the people and centres whose nationality,
 * journey or location runs through them, and the transfers that go with them.
 */
export async function subjectsOfDeletion(tx: ObservedTransaction, ids: readonly string[]): Promise<TallySubjects> {
  const { records } = await tx.run<{ persons: string[]; centres: string[]; transfers: string[] }>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     CALL (n) { OPTIONAL MATCH (n)<-[:NATIONAL_OF|TRAVELLED_TO]-(p:Person) RETURN collect(DISTINCT p.id) AS persons }
     CALL (n) { OPTIONAL MATCH (n)<-[:LOCATED_IN]-(c:ScamCentre) RETURN collect(DISTINCT c.id) AS centres }
     CALL (n) { OPTIONAL MATCH (n)-[r:TRANSFERRED]-() RETURN collect(DISTINCT r.id) AS transfers }
     RETURN persons + CASE WHEN n:Person THEN [n.id] ELSE [] END AS persons,
            centres + CASE WHEN n:ScamCentre THEN [n.id] ELSE [] END AS centres, transfers`,
    { ids },
  );
  return {
    persons: records.flatMap((r) => r.get('persons')),
    centres: records.flatMap((r) => r.get('centres')),
    transfers: records.flatMap((r) => r.get('transfers')),
  };
}

/**
 * Builds every tally from the graph, under the writers' lock (skipped when another start already
 * built them). Minutes at 1M entities: it does not take a turn among the process's writes, which
 * would hold every mutation and audit append behind it (it meets them in the tallies' lock).
 */
export async function rebuildTallies(db: Database, options: { force?: boolean } = {}): Promise<boolean> {
  // Built already: nothing to write (taking the lock would move the revision for nothing).
  if (!options.force && (await tallyState(db)).built) return false;
  return db.writeTransaction(async (tx) => {
    if ((await lockTallies(tx)).built && !options.force) return false;
    await tx.run('MATCH (t:DashboardTally) DELETE t');
    for (const board of TALLY_BOARDS) await tx.run(boardStatement(board, 'all'), { boards: [...TALLY_BOARDS], sign: int(1) });
    // Readers holding a board from before this revision read it whole again (their tallies are gone).
    await tx.run(
      `MATCH (s:DashboardTallyState {id: 'dashboards'}) SET s.version = $version, s.builtAt = datetime(), s.rebuiltAt = s.revision`,
      { version: int(TALLY_VERSION) },
    );
    return true;
  }, { takesTurn: false });
}

/** A tally as read: its dimensions (as stored), count, and for flows the amounts. */
export type StoredTally = Record<string, unknown> & { count: number; parts?: [amountWhole: number, amountNanos: number, amountUsdWhole: number, amountUsdNanos: number] };

/**
 * Where the store's tallies stand: built at this version or not, the revision writes have moved them
 * to, and the revision of the last rebuild (a board held from before it is read whole again).
 */
export interface TallyState { built: boolean; revision: number; rebuiltAt: number }

async function tallyState(db: Database): Promise<TallyState> {
  const { records } = await db.read<{ version: number | null; revision: number | null; rebuiltAt: number | null }>(
    `OPTIONAL MATCH (s:DashboardTallyState {id: 'dashboards'}) RETURN s.version AS version, s.revision AS revision, s.rebuiltAt AS rebuiltAt`,
  );
  const record = records[0];
  return { built: record?.get('version') === TALLY_VERSION, revision: record?.get('revision') ?? 0, rebuiltAt: record?.get('rebuiltAt') ?? 0 };
}

/** A board's tallies as read, by key: every one (`since` null, zeros left out), or those moved after revision `since` (zeros in). */
async function readBoard(db: Database, board: TallyBoard, since: number | null): Promise<Array<[key: string, tally: StoredTally]>> {
  const { records } = await db.read<{ tally: Record<string, unknown> }>(
    since === null
      ? 'MATCH (t:DashboardTally {board: $board}) WHERE t.count <> 0 RETURN t {.*} AS tally'
      : 'MATCH (t:DashboardTally {board: $board}) WHERE t.revision > $since RETURN t {.*} AS tally',
    { board, since: since === null ? null : int(since) },
  );
  return records.map((record) => {
    const { board: _board, key, revision: _revision, amountWhole, amountNanos, amountUsdWhole, amountUsdNanos, ...rest } = record.get('tally');
    const tally = rest as StoredTally;
    if (amountWhole !== undefined) tally.parts = [Number(amountWhole), Number(amountNanos), Number(amountUsdWhole), Number(amountUsdNanos)];
    return [String(key), tally];
  });
}

/** Whole units and nanounits back into one number (one rounding, at the end). */
export function joinUnits(whole: unknown, nanos: unknown): number {
  return Number(whole ?? 0) + Number(nanos ?? 0) / 1e9;
}

/** Builds the tallies unless they are built: every start does this after its migrations (app.ts). */
export async function ensureTallies(db: Database): Promise<boolean> {
  return rebuildTallies(db);
}

/** Building every tally reads the whole graph once: more than a request's time limit at 1M entities. */
const TALLY_REBUILD_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * A board as its readers hold it, per database (keyed by the driver) and board: its tallies by key
 * as of `revision`, and the table its readers derived from them (`derive`: sorted buckets, with what
 * they look up). A dashboard request costs one read of the revision until a write moves it; then one
 * read of the tallies moved since (by revision: a write stamps those it moves), not of the whole board
 * — at 1M entities 30,000 corridors, a 3 s read after every write. Reads of one board run one at a
 * time: each applies what it read over the last, so they must not overtake one another.
 */
interface HeldBoard {
  revision: number;
  tallies: Map<string, StoredTally>;
  derived: unknown;
  /** The read under way, if any: requests that miss together share it. */
  reading: Promise<void> | null;
}
const heldBoards = new WeakMap<object, Map<TallyBoard, HeldBoard>>();

/**
 * Reads the tallies moved since the held revision — every tally when nothing is held yet, or when a
 * rebuild replaced them since — and derives the board again. `full` forces the whole read (the
 * reference the catching-up read is tested against).
 */
async function catchUp<T>(db: Database, board: TallyBoard, held: HeldBoard, current: TallyState, derive: DeriveBoard<T>, full: boolean): Promise<void> {
  const whole = full || held.revision < 0 || held.revision < current.rebuiltAt;
  const read = await readBoard(db, board, whole ? null : held.revision);
  const tallies = whole ? new Map<string, StoredTally>() : held.tallies;
  const moved: MovedTally[] = [];
  for (const [key, tally] of read) {
    const before = tallies.get(key);
    const after = tally.count === 0 ? undefined : tally;
    if (after) tallies.set(key, after);
    else tallies.delete(key);
    if (before !== undefined || after !== undefined) moved.push({ before, after });
  }
  let derived: T;
  try {
    derived = await derive([...tallies.values()], { byKey: tallies, since: whole || held.derived === undefined ? undefined : { derived: held.derived as T, moved } });
  } catch (error) {
    // The held tallies are ahead of the held table now: the next read starts from the whole.
    Object.assign(held, { revision: -1, tallies: new Map(), derived: undefined });
    throw error;
  }
  // Held as of the revision seen before the read: every tally stamped up to it was committed then
  // (writers stamp under the lock that moves it), so the read has them all; any it saw from later
  // writes it reads again next time, and takes as they are then.
  held.tallies = tallies;
  held.derived = derived;
  held.revision = current.revision;
}

/** A tally a catch-up read moved: as held before (undefined: absent) and after (undefined: gone, at zero). */
export interface MovedTally { before: StoredTally | undefined; after: StoredTally | undefined }

/**
 * What readers derive a board from, besides the list of its tallies: the tallies by key (the map held,
 * not a copy), and on a catch-up by revision the table derived last time with the tallies moved since,
 * for readers that update their table rather than build it again (absent: derive from the whole).
 */
export interface BoardRead<T> {
  byKey: ReadonlyMap<string, StoredTally>;
  since: { derived: T; moved: readonly MovedTally[] } | undefined;
}
type DeriveBoard<T> = (tallies: StoredTally[], read: BoardRead<T>) => Promise<T>;

export async function readDerivedBoard<T>(db: Database, board: TallyBoard, derive: DeriveBoard<T>, state?: TallyState, options: { full?: boolean } = {}): Promise<T> {
  const current = state ?? (await currentTallies(db));
  let boards = heldBoards.get(db.driver);
  if (!boards) heldBoards.set(db.driver, (boards = new Map()));
  let held = boards.get(board);
  if (!held) boards.set(board, (held = { revision: -1, tallies: new Map(), derived: undefined, reading: null }));
  for (;;) {
    if (held.revision >= current.revision && !options.full) return held.derived as T;
    if (held.reading) {
      // One read at a time: wait for the one under way, then see whether it was recent enough.
      await held.reading.catch(() => undefined);
      continue;
    }
    const reading = catchUp(db, board, held, current, derive, options.full === true);
    held.reading = reading;
    try {
      await reading;
    } finally {
      held.reading = null;
    }
    return held.derived as T;
  }
}

/**
 * A board's tallies by key (`currency|period` for flows), for readers that look up a few of many
 * (the hours of a cut day among 35,000 at 1M) rather than derive a table. The map is the one held:
 * a later catch-up updates it in place, so a reader uses it before its next await.
 */
export function readTalliesByKey(db: Database, board: TallyBoard, state: TallyState): Promise<ReadonlyMap<string, StoredTally>> {
  return readDerivedBoard(db, board, (_tallies, { byKey }) => Promise.resolve(byKey), state);
}

/**
 * The tallies' state, built first when they are not (a store loaded in bulk, or written by an older
 * version, that no start has prepared yet). A request reading several boards reads it once.
 */
export async function currentTallies(db: Database): Promise<TallyState> {
  const state = await tallyState(db);
  if (state.built) return state;
  await rebuildTallies(db.withTransactionTimeout(TALLY_REBUILD_TIMEOUT_MS, 'the tally rebuild limit (src/graph/tallies.ts)'));
  return tallyState(db);
}
