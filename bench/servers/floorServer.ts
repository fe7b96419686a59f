/**
 * The floor: answers each benchmark query with one hand-written Cypher statement
 * (bench/queries/<name>.cypher) through neo4j-driver, and returns the JSON Scam Atlas returns — no
 * GraphQL parsing, validation or resolvers. Requests: POST /graphql {operationName, variables}.
 * A Bearer token is verified with jose (HS256, the bench secret) and remembered for a minute, as
 * Scam Atlas does; a viewer's request runs <name>.viewer.cypher, the same statement with the viewer's
 * filters written in. No token: the unfiltered statement (the anonymous baseline).
 * Env: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, PORT, BENCH_JWT_SECRET.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import neo4j from 'neo4j-driver';
import { countCypherStatements, withStatementCounter } from './roundTrips.js';
import { serverEnv } from './serverEnv.js';

countCypherStatements();
const env = serverEnv();
const driver = neo4j.driver(env.uri, neo4j.auth.basic(env.username, env.password), { disableLosslessIntegers: true, userAgent: 'bench-floor' });

const jwtSecret = process.env['BENCH_JWT_SECRET'];
if (!jwtSecret) throw new Error('The floor needs BENCH_JWT_SECRET (the bench runner sets it).');
const jwtKey = new TextEncoder().encode(jwtSecret);
/** The role that does not see victims, and the suffix of its statements' files. */
const VIEWER_ROLE = 'viewer';
const VIEWER_SUFFIX = '.viewer.cypher';

/** Operation name (PascalCase of the file name) → Cypher, for every role but the viewer, and for the viewer. */
const queriesDir = new URL('../queries/', import.meta.url);
const statements = new Map<string, string>();
const viewerStatements = new Map<string, string>();
const operationName = (name: string) => name[0]!.toUpperCase() + name.slice(1);
for (const file of readdirSync(queriesDir)) {
  if (file.endsWith(VIEWER_SUFFIX)) viewerStatements.set(operationName(file.slice(0, -VIEWER_SUFFIX.length)), readFileSync(new URL(file, queriesDir), 'utf8'));
  else if (file.endsWith('.cypher')) statements.set(operationName(file.slice(0, -'.cypher'.length)), readFileSync(new URL(file, queriesDir), 'utf8'));
}

class Unauthenticated extends Error {}

/**
 * Tokens verified in the last minute, as Scam Atlas remembers them (src/auth/verifyToken.ts: a
 * minute at most, never past `exp`, 10,000 at most): without it the floor would verify the
 * signature on every request, a cost Scam Atlas does not pay, and a slower floor flatters us.
 */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { role: string; untilMs: number }>();

/** The token's role, verified as Scam Atlas verifies it (HS256 only, `exp` and `sub` required); undefined without a token. */
async function roleOf(authorization: string | undefined): Promise<string | undefined> {
  if (authorization === undefined) return undefined;
  const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
  if (token === undefined) throw new Unauthenticated('malformed Authorization header');
  const known = verified.get(token);
  if (known !== undefined && Date.now() < known.untilMs) return known.role;
  try {
    const { payload } = await jwtVerify(token, jwtKey, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
    const role = String(payload['role']);
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(token, { role, untilMs: Math.min(Date.now() + VERIFIED_TTL_MS, (payload.exp ?? 0) * 1000) });
    return role;
  } catch (error) {
    throw new Unauthenticated(error instanceof Error ? error.message : String(error));
  }
}

/** Whole numbers go to Neo4j as integers (LIMIT and slices need them). */
function toParams(variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v]));
}

async function answer(body: { operationName?: string; variables?: Record<string, unknown> }, role: string | undefined): Promise<{ status: number; json: unknown }> {
  // A viewer's statement must exist: falling back to the unfiltered one would show victims.
  const forRole = role === VIEWER_ROLE ? viewerStatements : statements;
  const cypher = body.operationName ? forRole.get(body.operationName) : undefined;
  if (!cypher) return { status: 400, json: { errors: [{ message: `unknown operation ${String(body.operationName)} for role ${String(role)}` }] } };
  // A statement that writes (the mutation mix) says so on its first line, `// writes`: it runs in a write transaction.
  const routing = cypher.startsWith('// writes') ? neo4j.routing.WRITE : neo4j.routing.READ;
  const { records, keys } = await driver.executeQuery(cypher, toParams(body.variables ?? {}), { routing });
  const key = String(keys[0]);
  return { status: 200, json: { data: { [key]: records[0]?.get(key) ?? null } } };
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    withStatementCounter(async (counter) => {
      // `counter` counts the statements `answer` runs (one), through the patched driver.
      try {
        const { status, json } = await answer(JSON.parse(Buffer.concat(chunks).toString('utf8')), await roleOf(req.headers.authorization));
        res.writeHead(status, { 'content-type': 'application/json', 'x-cypher-round-trips': String(counter.statements) }).end(JSON.stringify(json));
      } catch (error) {
        if (error instanceof Unauthenticated) {
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: `unauthenticated: ${error.message}` }] }));
          return;
        }
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
      }
    });
  });
});
/**
 * The floor's mutation mix keeps an audit chain of its own (bench/queries/mutationMix.cypher), with
 * the constraint and indexes migration 0006 gives the API's, so its appends cost what ours do.
 */
const FLOOR_AUDIT_SCHEMA = [
  'CREATE CONSTRAINT bench_floor_audit_event_seq IF NOT EXISTS FOR (a:BenchFloorAuditEvent) REQUIRE a.seq IS UNIQUE',
  'CREATE CONSTRAINT bench_floor_audit_head_id IF NOT EXISTS FOR (h:BenchFloorAuditHead) REQUIRE h.id IS UNIQUE',
  'CREATE INDEX bench_floor_audit_event_at IF NOT EXISTS FOR (a:BenchFloorAuditEvent) ON (a.at)',
  'CREATE INDEX bench_floor_audit_event_subject IF NOT EXISTS FOR (a:BenchFloorAuditEvent) ON (a.subject)',
];
for (const statement of FLOOR_AUDIT_SCHEMA) await driver.executeQuery(statement);
await driver.executeQuery('CALL db.awaitIndexes(300)');

server.listen(env.port, '127.0.0.1', () => {
  process.stdout.write(`floor ready on http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);
});
const stop = () => {
  server.close();
  void driver.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
