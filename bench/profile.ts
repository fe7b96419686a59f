/**
 * `npm run bench:profile -- [--scale 100k] [--queries a,b] [--samples 10]`: one request at a time per
 * server and query (no concurrency), with the Cypher round trips, to see where a query's time goes
 * before driving it under load, and the CPU each request costs the server process and the Neo4j
 * JVM (from /proc: where a server's time goes on a 2-core machine). Also prints PROFILE of the
 * floor's Cypher (db hits, rows).
 */
import { parseArgs } from 'node:util';
import { int } from 'neo4j-driver';
import { openBenchDatabase } from './lib/dataset.js';
import { authorizationHeader, roleOf } from './lib/auth.js';
import { postOnce, requestBody } from './lib/drive.js';
import { cpuMsOf, startServerProcess, type ServerProcess } from './lib/servers.js';
import { BENCH_QUERIES, type ServerName } from './queries/index.js';
import { readFileSync } from 'node:fs';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '100k' }, queries: { type: 'string' }, samples: { type: 'string', default: '10' }, seed: { type: 'string', default: '42' } } });
const entities = Math.round(Number(values.scale.replace(/[km]$/i, '')) * (/m$/i.test(values.scale) ? 1e6 : /k$/i.test(values.scale) ? 1e3 : 1));
const samples = Number(values.samples);
const queries = BENCH_QUERIES.filter((q) => !values.queries || values.queries.split(',').includes(q.name));
const database = await openBenchDatabase(entities, Number(values.seed), (line) => process.stdout.write(`${line}\n`));
const servers: ServerProcess[] = [];
try {
  for (const name of ['atlas', 'peer', 'floor'] as const) servers.push(await startServerProcess(name, database));
  for (const query of queries) {
    // As an analyst: the servers verify tokens as in `npm run bench`.
    const variables = await query.discover(database.driver, false);
    const headers = await authorizationHeader(roleOf('analyst', query));
    process.stdout.write(`\n${query.name}: ${variables.note}\n`);
    for (const server of servers) {
      if (server.name === 'peer' && !query.peer) continue;
      const vars = server.name === 'floor' ? variables.floor : server.name === 'peer' ? variables.peer ?? {} : variables.atlas;
      const body = requestBody(server.name === 'floor' ? undefined : server.name === 'peer' ? query.peer : query.atlas, query.operationName, vars);
      const times: number[] = [];
      let trips = 0;
      let bytes = 0;
      let cpu: { server?: number; neo4j?: number } = {};
      for (let i = 0; i < samples + 2; i++) {
        if (i === 2) cpu = { server: await cpuMsOf(server.pid), neo4j: database.pid ? await cpuMsOf(database.pid) : undefined };
        const started = performance.now();
        const { roundTrips, json } = await postOnce(server, body, headers);
        if (i >= 2) times.push(performance.now() - started);
        trips = roundTrips;
        bytes = JSON.stringify(json).length;
      }
      const serverCpu = cpu.server === undefined ? undefined : ((await cpuMsOf(server.pid)) ?? NaN) - cpu.server;
      const neo4jCpu = cpu.neo4j === undefined || !database.pid ? undefined : ((await cpuMsOf(database.pid)) ?? NaN) - cpu.neo4j;
      const perRequest = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / samples).toFixed(1)} ms`);
      times.sort((a, b) => a - b);
      process.stdout.write(`  ${(server.name as ServerName).padEnd(5)} median ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(7)} ms  min ${times[0]!.toFixed(1).padStart(7)} ms  trips ${trips}  ${bytes} bytes  CPU/request: server ${perRequest(serverCpu)}, Neo4j ${perRequest(neo4jCpu)}\n`);
    }
    const cypher = readFileSync(new URL(`./queries/${query.name}.cypher`, import.meta.url), 'utf8');
    const params = Object.fromEntries(Object.entries(variables.floor).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? int(v) : v]));
    const { summary } = await database.driver.executeQuery(`PROFILE ${cypher}`, params);
    let hits = 0;
    const walk = (plan: { dbHits: number; children: unknown[] }) => {
      hits += plan.dbHits;
      for (const child of plan.children) walk(child as typeof plan);
    };
    if (summary.profile) walk(summary.profile as unknown as { dbHits: number; children: unknown[] });
    process.stdout.write(`  floor PROFILE: ${hits} db hits\n`);
  }
} finally {
  for (const server of servers) await server.stop();
  await database.stop();
}
