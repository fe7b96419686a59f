/**
 * The floor: answers each benchmark query with one hand-written Cypher statement
 * (bench/queries/<name>.cypher) through neo4j-driver, and returns the JSON Scam Atlas returns — no
 * GraphQL parsing, validation or resolvers. Requests: POST /graphql {operationName, variables}.
 * Env: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, PORT.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { countCypherStatements, withStatementCounter } from './roundTrips.js';
import { serverEnv } from './serverEnv.js';

countCypherStatements();
const env = serverEnv();
const driver = neo4j.driver(env.uri, neo4j.auth.basic(env.username, env.password), { disableLosslessIntegers: true, userAgent: 'bench-floor' });

/** Operation name (PascalCase of the file name) → Cypher. */
const queriesDir = new URL('../queries/', import.meta.url);
const statements = new Map<string, string>();
for (const file of readdirSync(queriesDir)) {
  if (!file.endsWith('.cypher')) continue;
  const name = file.slice(0, -'.cypher'.length);
  statements.set(name[0]!.toUpperCase() + name.slice(1), readFileSync(new URL(file, queriesDir), 'utf8'));
}

/** Whole numbers go to Neo4j as integers (LIMIT and slices need them). */
function toParams(variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? neo4j.int(v) : v]));
}

async function answer(body: { operationName?: string; variables?: Record<string, unknown> }): Promise<{ status: number; json: unknown }> {
  const cypher = body.operationName ? statements.get(body.operationName) : undefined;
  if (!cypher) return { status: 400, json: { errors: [{ message: `unknown operation ${String(body.operationName)}` }] } };
  const { records, keys } = await driver.executeQuery(cypher, toParams(body.variables ?? {}), { routing: neo4j.routing.READ });
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
        const { status, json } = await answer(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(status, { 'content-type': 'application/json', 'x-cypher-round-trips': String(counter.statements) }).end(JSON.stringify(json));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
      }
    });
  });
});
server.listen(env.port, '127.0.0.1', () => {
  process.stdout.write(`floor ready on http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);
});
const stop = () => {
  server.close();
  void driver.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
