/**
 * `npm run bench:explain -- [--scale 100k] [--queries a,b] [--role viewer]`: runs each benchmark query through
 * Scam Atlas in this process, captures the Cypher it sends, and prints the database hits of each
 * statement (PROFILE) beside those of the floor's hand-written Cypher: where our statements cost
 * Neo4j more than they need to. `--plan` prints each statement's operator tree (operator, db hits, rows)
 * under it. Writes are captured too (the mutation mix, with its editor's token): PROFILE runs them
 * again, which the bench's writes allow, for they write the values the graph already holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { int, type Driver } from 'neo4j-driver';
import { pino } from 'pino';
import { Database } from '../src/database/index.js';
import { DEFAULT_OPERATION_LIMITS } from '../src/config/index.js';
import { startServer } from '../src/server/index.js';
import { authorizationHeader, BENCH_JWT_SECRET } from './lib/auth.js';
import { openBenchDatabase } from './lib/dataset.js';
import { BENCH_QUERIES } from './queries/index.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '100k' }, queries: { type: 'string' }, seed: { type: 'string', default: '42' }, cypher: { type: 'boolean', default: false }, plan: { type: 'boolean', default: false }, role: { type: 'string', default: 'admin' } } });
// As a viewer: the viewer's statements, beside the floor's <name>.viewer.cypher where there is one.
const hidesVictims = values.role === 'viewer';
const entities = Math.round(Number(values.scale.replace(/[km]$/i, '')) * (/m$/i.test(values.scale) ? 1e6 : /k$/i.test(values.scale) ? 1e3 : 1));
const queries = BENCH_QUERIES.filter((q) => !values.queries || values.queries.split(',').includes(q.name));
const database = await openBenchDatabase(entities, Number(values.seed), (line) => process.stdout.write(`${line}\n`));

interface ProfiledPlan { operatorType: string; dbHits: number; rows: number; arguments: Record<string, unknown>; children: ProfiledPlan[] }

/** The statement's db hits (PROFILE); with --plan, its operator tree too (operator, db hits, rows, details). */
async function dbHits(driver: Driver, cypher: string, params: Record<string, unknown>): Promise<{ hits: number; rows: number; plan: string }> {
  const { summary } = await driver.executeQuery(`PROFILE ${cypher}`, params);
  let hits = 0;
  let tree = '';
  const walk = (plan: ProfiledPlan, depth: number) => {
    hits += plan.dbHits;
    if (values.plan) tree += `      ${'  '.repeat(depth)}${plan.operatorType} ${plan.dbHits} hits, ${plan.rows} rows  ${String(plan.arguments['Details'] ?? '').replace(/\s+/g, ' ').slice(0, 160)}\n`;
    for (const child of plan.children) walk(child, depth + 1);
  };
  const profile = summary.profile as unknown as ProfiledPlan | false;
  if (profile) walk(profile, 0);
  return { hits, rows: profile ? profile.rows : 0, plan: tree };
}

const captured: Array<{ cypher: string; params: Record<string, unknown> }> = [];
const db = new Database(database.driver, { database: undefined, queryTimeoutMs: 60_000 });
// Capture each statement the resolvers send, with its parameters (every request's Database view shares the prototype).
const read = Database.prototype.read;
Database.prototype.read = async function capture(this: Database, cypher: string, params: Record<string, unknown> = {}) {
  captured.push({ cypher, params });
  return read.call(this, cypher, params);
} as typeof read;
// Writes (the mutation mix) go as auto-commit statements: captured too (reads are captured above).
type AutoCommit = (this: Database, mode: 'READ' | 'WRITE', cypher: string, params: Record<string, unknown>, timeout: number) => Promise<unknown>;
const withAutoCommit = Database.prototype as unknown as { autoCommit: AutoCommit };
const autoCommit = withAutoCommit.autoCommit;
withAutoCommit.autoCommit = async function capture(this: Database, mode, cypher, params, timeout) {
  if (mode === 'WRITE') captured.push({ cypher, params });
  return autoCommit.call(this, mode, cypher, params, timeout);
};
const server = await startServer({
  config: {
    http: { host: '127.0.0.1', port: 0, corsOrigins: false, introspection: false },
    logLevel: 'silent',
    neo4j: { mode: 'external', uri: database.uri, username: database.username, password: database.password, database: undefined },
    queryTimeoutMs: 60_000,
    bulkTimeoutMs: 600_000,
    requestTimeoutMs: 120_000,
    // One request at a time, measured: the default operation limits, no rate limiting.
    limits: { ...DEFAULT_OPERATION_LIMITS, costPointsPerMinute: 0 },
    shutdownTimeoutMs: 2_000,
    lookAhead: true, oneStatementWrites: true, mutationsTogether: true,
    executor: 'compiled',
    httpPipeline: 'direct',
    // Anonymous requests have the role asked for; a query with a role of its own (the mix's editor) sends its token.
    auth: { anonymousRole: values.role as 'admin' | 'viewer', jwtSecret: BENCH_JWT_SECRET },
  },
  db,
  logger: pino({ level: 'silent' }),
});
try {
  for (const query of queries) {
    const variables = await query.discover(database.driver, hidesVictims);
    captured.length = 0;
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await authorizationHeader(query.role)) }, body: JSON.stringify({ query: query.atlas, variables: variables.atlas }) });
    const answer = (await response.json()) as { errors?: unknown };
    if (answer.errors) process.stdout.write(`  atlas errors: ${JSON.stringify(answer.errors).slice(0, 1200)}\n`);
    process.stdout.write(`\n${query.name}: ${variables.note}\n`);
    for (const [i, statement] of captured.entries()) {
      const { hits, rows, plan } = await dbHits(database.driver, statement.cypher, statement.params);
      process.stdout.write(`  atlas #${i + 1}: ${hits} db hits, ${rows} rows  ${statement.cypher.replace(/\s+/g, ' ').slice(0, values.cypher ? 100_000 : 100)}\n${plan}`);
    }
    const viewerFloor = new URL(`./queries/${query.name}.viewer.cypher`, import.meta.url);
    const floor = readFileSync(hidesVictims && existsSync(viewerFloor) ? viewerFloor : new URL(`./queries/${query.name}.cypher`, import.meta.url), 'utf8');
    const params = Object.fromEntries(Object.entries(variables.floor).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? int(v) : v]));
    const { hits, plan } = await dbHits(database.driver, floor, params);
    process.stdout.write(`  floor:    ${hits} db hits\n${plan}`);
  }
} finally {
  await server.stop();
  await database.stop();
}
