import neo4j, {
  type Driver,
  type EagerResult,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
} from 'neo4j-driver';
import { DeadlineExceededError } from '../util/deadline.js';

/** Parameters of a Cypher statement. Values only: nothing from a request is ever spliced into Cypher. */
export type CypherParams = Record<string, unknown>;

export interface DatabaseOptions {
  /** Database name; undefined uses the user's home database. */
  database: string | undefined;
  /** Upper bound on every transaction, enforced by the server. */
  queryTimeoutMs: number;
  /** A request's deadline (epoch ms): each transaction gets at most what is left of it; none starts after it. */
  deadlineAt?: number;
}

/** Called once per Cypher round trip; request contexts use it to count and to log. */
export type QueryObserver = (event: { cypher: string; mode: 'READ' | 'WRITE'; ms: number }) => void;

/**
 * The one door to Neo4j. Reads run in read transactions with READ routing (a cluster sends them to
 * secondaries), writes in write transactions to the leader; every transaction has a timeout; the
 * driver retries transient failures. `withObserver` gives a request its own counting view.
 */
export class Database {
  constructor(
    readonly driver: Driver,
    private readonly options: DatabaseOptions,
    private readonly observer?: QueryObserver,
  ) {}

  /** A view of the same database that reports each round trip to `observer`. */
  withObserver(observer: QueryObserver): Database {
    return new Database(this.driver, this.options, observer);
  }

  /**
   * A view of the same database (and observer) whose transactions end by `deadlineAt`: each gets the
   * smaller of the per-statement timeout and what is left, and past it none starts
   * (DeadlineExceededError). How a request's deadline reaches every statement it runs.
   */
  withDeadline(deadlineAt: number): Database {
    return new Database(this.driver, { ...this.options, deadlineAt }, this.observer);
  }

  /** One read statement, one round trip. */
  async read<R extends RecordShape = RecordShape>(cypher: string, params: CypherParams = {}): Promise<EagerResult<R>> {
    return this.query<R>('READ', cypher, params);
  }

  /** One write statement in its own transaction. */
  async write<R extends RecordShape = RecordShape>(cypher: string, params: CypherParams = {}): Promise<EagerResult<R>> {
    return this.query<R>('WRITE', cypher, params);
  }

  /** Several statements in one read transaction (consistent snapshot). */
  async readTransaction<T>(work: (tx: ObservedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead((tx) => work(this.observe(tx, 'READ')), this.txConfig());
    } finally {
      await session.close();
    }
  }

  /** Several statements in one write transaction: all or nothing. */
  async writeTransaction<T>(work: (tx: ObservedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite((tx) => work(this.observe(tx, 'WRITE')), this.txConfig());
    } finally {
      await session.close();
    }
  }

  /**
   * One statement in an implicit (auto-commit) transaction, for `CALL { … } IN TRANSACTIONS`, which
   * commits batches of its own and so cannot run inside a managed transaction. For maintenance
   * work (migrations), with its own time limit.
   */
  async runAutoCommit(cypher: string, params: CypherParams, timeoutMs: number): Promise<void> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    const started = performance.now();
    try {
      await session.run(cypher, params, { timeout: timeoutMs });
    } finally {
      this.observer?.({ cypher, mode: 'WRITE', ms: performance.now() - started });
      await session.close();
    }
  }

  /** Throws unless the database answers a trivial query. */
  async ping(): Promise<void> {
    await this.driver.executeQuery('RETURN 1', {}, { database: this.options.database, routing: neo4j.routing.READ });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async query<R extends RecordShape>(mode: 'READ' | 'WRITE', cypher: string, params: CypherParams): Promise<EagerResult<R>> {
    const started = performance.now();
    try {
      return await this.driver.executeQuery<EagerResult<R>>(cypher, params, {
        database: this.options.database,
        routing: mode === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE,
        transactionConfig: this.txConfig(),
      });
    } finally {
      this.observer?.({ cypher, mode, ms: performance.now() - started });
    }
  }

  private txConfig() {
    const { queryTimeoutMs, deadlineAt } = this.options;
    if (deadlineAt === undefined) return { timeout: queryTimeoutMs };
    const left = Math.floor(deadlineAt - Date.now());
    if (left <= 0) throw new DeadlineExceededError(undefined);
    return { timeout: Math.min(queryTimeoutMs, left) };
  }

  private observe(tx: ManagedTransaction, mode: 'READ' | 'WRITE'): ObservedTransaction {
    const observer = this.observer;
    return {
      async run<R extends RecordShape = RecordShape>(cypher: string, params: CypherParams = {}) {
        const started = performance.now();
        try {
          return await tx.run<R>(cypher, params);
        } finally {
          observer?.({ cypher, mode, ms: performance.now() - started });
        }
      },
    };
  }
}

/** A transaction whose statements are counted like any other round trip. */
export interface ObservedTransaction {
  run<R extends RecordShape = RecordShape>(cypher: string, params?: CypherParams): Promise<QueryResult<R>>;
}
