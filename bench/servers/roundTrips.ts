import { AsyncLocalStorage } from 'node:async_hooks';
import { ManagedTransaction, Session } from 'neo4j-driver';

/**
 * Counts Cypher statements per HTTP request in the peer and floor servers, the way Scam Atlas's
 * `X-Cypher-Round-Trips` header does: every `run` on a managed transaction or a session is one
 * statement sent to Neo4j. The count lives in an AsyncLocalStorage store opened per request.
 */
const requestCounter = new AsyncLocalStorage<{ statements: number }>();

let installed = false;
export function countCypherStatements(): void {
  if (installed) return;
  installed = true;
  for (const prototype of [ManagedTransaction.prototype, Session.prototype] as Array<{ run: (...args: unknown[]) => unknown }>) {
    const original = prototype.run;
    prototype.run = function run(this: unknown, ...args: unknown[]) {
      const counter = requestCounter.getStore();
      if (counter) counter.statements += 1;
      return original.apply(this, args);
    };
  }
}

/** Runs `handle` with a fresh counter; `counter.statements` is read when the response is written. */
export function withStatementCounter<T>(handle: (counter: { statements: number }) => T): T {
  const counter = { statements: 0 };
  return requestCounter.run(counter, () => handle(counter));
}
