/**
 * The reference server: the same graph served by the Neo4j GraphQL Library (@neo4j/graphql 7) on
 * the same HTTP stack as Scam Atlas (Apollo Server 5 + Express 5), reading the same Neo4j.
 * Env: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, PORT, BENCH_JWT_SECRET. Answers `X-Cypher-Round-Trips` like ours.
 * The library verifies the request's Bearer token (HS256, the bench secret) and applies the
 * `@authorization` rules of peerTypeDefs.graphql: Scam Atlas's viewer policy, written the library's way.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import neo4j from 'neo4j-driver';
import { countCypherStatements, withStatementCounter } from './roundTrips.js';
import { serverEnv } from './serverEnv.js';

interface PeerContext {
  counter: { statements: number };
}

countCypherStatements();
const env = serverEnv();
const driver = neo4j.driver(env.uri, neo4j.auth.basic(env.username, env.password), { userAgent: 'bench-peer' });
const typeDefs = readFileSync(new URL('./peerTypeDefs.graphql', import.meta.url), 'utf8');
const jwtSecret = process.env['BENCH_JWT_SECRET'];
if (!jwtSecret) throw new Error('The peer needs BENCH_JWT_SECRET (the bench runner sets it).');
const schema = await new Neo4jGraphQL({ typeDefs, driver, features: { authorization: { key: jwtSecret } } }).getSchema();

const roundTripHeader: ApolloServerPlugin<PeerContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        response.http.headers.set('x-cypher-round-trips', String(contextValue.counter.statements));
      },
    };
  },
};
const apollo = new ApolloServer<PeerContext>({ schema, plugins: [roundTripHeader] });
await apollo.start();

const app = express();
app.disable('x-powered-by');
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.use(
  '/graphql',
  (_req, res, next) => withStatementCounter((counter) => {
    res.locals['counter'] = counter;
    next();
  }),
  express.json({ limit: '1mb' }),
  // `token`: the library decodes and verifies the Authorization header itself, with the key above.
  expressMiddleware(apollo, { context: async ({ req, res }) => ({ counter: res.locals['counter'] as PeerContext['counter'], executionContext: driver, token: req.headers.authorization }) }),
);
const server = http.createServer(app);
server.listen(env.port, '127.0.0.1', () => {
  process.stdout.write(`peer ready on http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);
});
const stop = () => {
  server.close();
  void apollo.stop().then(() => driver.close()).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
