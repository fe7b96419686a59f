import autocannon from 'autocannon';
import { cpuMsOf, rssOf, type ServerProcess } from './servers.js';

export interface Measurement {
  requests: number;
  throughput: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  peakRssBytes: number;
  /** CPU (user + system) per completed request over the measured window, ms: the server process, and the Neo4j JVM when known. */
  cpuMsPerRequest: { server: number | undefined; neo4j: number | undefined };
}

const RSS_SAMPLE_MS = 100;

/** Neo4j counts as idle below this share of one core, sampled over SETTLE_SAMPLE_MS. */
const SETTLE_IDLE_SHARE = 0.2;
const SETTLE_SAMPLE_MS = 250;
const SETTLE_MAX_MS = 120_000;

/**
 * Waits until Neo4j is idle: a load run that ends with slow requests in flight (victimsByNationality
 * at 1M takes seconds) leaves their Cypher running after the client has gone, and whichever server
 * is measured next would pay for it. Gives up after SETTLE_MAX_MS; returns the time waited.
 */
export async function settle(neo4jPid: number | undefined): Promise<number> {
  if (neo4jPid === undefined) return 0;
  const started = performance.now();
  for (;;) {
    const before = await cpuMsOf(neo4jPid);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SAMPLE_MS));
    const after = await cpuMsOf(neo4jPid);
    const waited = performance.now() - started;
    if (before === undefined || after === undefined || (after - before) / SETTLE_SAMPLE_MS < SETTLE_IDLE_SHARE || waited > SETTLE_MAX_MS) return waited;
  }
}

/** The request body each server gets for a query (the floor takes the operation name only). */
export function requestBody(query: string | undefined, operationName: string, variables: Record<string, unknown>): string {
  return JSON.stringify(query === undefined ? { operationName, variables } : { query, operationName, variables });
}

/** POSTs once; returns the parsed body and the round-trip header. */
export async function postOnce(server: ServerProcess, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: { data?: unknown; errors?: unknown[] }; roundTrips: number }> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
  return { status: response.status, json, roundTrips: Number(response.headers.get('x-cypher-round-trips') ?? NaN) };
}

/** Fixed-concurrency load for `seconds`; a response with GraphQL errors counts as an error. `headers`: e.g. the scenario's Authorization. */
export async function drive(server: ServerProcess, body: string, options: { connections: number; seconds: number; neo4jPid?: number | undefined; headers?: Record<string, string> }): Promise<Measurement> {
  let peakRssBytes = await rssOf(server.pid);
  const cpuBefore = { server: await cpuMsOf(server.pid), neo4j: options.neo4jPid === undefined ? undefined : await cpuMsOf(options.neo4jPid) };
  const sampler = setInterval(() => {
    void rssOf(server.pid).then((rss) => {
      peakRssBytes = Math.max(peakRssBytes, rss);
    });
  }, RSS_SAMPLE_MS);
  try {
    const result = await autocannon({
      url: server.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body,
      connections: options.connections,
      duration: options.seconds,
      timeout: 30,
      verifyBody: (responseBody: string) => !responseBody.includes('"errors"'),
    } as autocannon.Options);
    const requests = result.requests.total;
    const perRequest = (before: number | undefined, after: number | undefined) => (before === undefined || after === undefined || requests === 0 ? undefined : (after - before) / requests);
    const cpuMsPerRequest = {
      server: perRequest(cpuBefore.server, await cpuMsOf(server.pid)),
      neo4j: options.neo4jPid === undefined ? undefined : perRequest(cpuBefore.neo4j, await cpuMsOf(options.neo4jPid)),
    };
    return {
      requests: result.requests.total,
      throughput: result.requests.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0),
      peakRssBytes,
      cpuMsPerRequest,
    };
  } finally {
    clearInterval(sampler);
  }
}
