import neo4j, {
  type Driver,
  type EagerResult,
  type QueryResult,
  type RecordShape,
  type Transaction,
} from 'neo4j-driver';
import { Mutex, withTimeout, E_TIMEOUT } from 'async-mutex';
import { DeadlineExceededError } from '../util/deadline.js';
import { DatabaseTimeoutError, DatabaseUnavailableError, isConnectionFailure, isDatabaseTimeout, isRetryable } from './errors.js';
import { DatabaseHealth } from './health.js';

/** Parameters of a Cypher statement. Values only: nothing from a request is ever spliced into Cypher. */
export type CypherParams = Record<string, unknown>;

export interface DatabaseOptions {
  /** Database name; undefined uses the user's home database. */
  database: string | undefined;
  /** Upper bound on every transaction, retries included, enforced by the server. */
  queryTimeoutMs: number;
  /** The configuration variable behind `queryTimeoutMs`, named when a transaction runs past it. */
  timeoutSetting?: string;
  /** Kept by the supervisor; while it says the database is down, every call fails at once. */
  health?: DatabaseHealth;
  /** A request's deadline (epoch ms): each transaction, retries included, ends by it; none starts after it. */
  deadlineAt?: number;
  /** Shared by every view of one database: whose turn it is to write (see `inTransaction`). */
  writeTurns?: Mutex;
}

/** Called once per Cypher round trip; request contexts use it to count and to log. */
export type QueryObserver = (event: { cypher: string; mode: 'READ' | 'WRITE'; ms: number }) => void;

/** The limit of interactive statements (API requests), unless a view says otherwise. */
export const QUERY_TIMEOUT_SETTING = 'NEO4J_QUERY_TIMEOUT_MS';
/**
 * Retries of a retryable failure (a lost connection, a deadlock, a leader switch), all inside the
 * statement's time limit: the first after RETRY_FIRST_DELAY_MS, each next one RETRY_DELAY_FACTOR
 * times later, at most RETRY_MAX_DELAY_MS apart, with RETRY_JITTER either way so that the
 * requests failed by one outage do not all come back at the same instant.
 */
export const RETRY_FIRST_DELAY_MS = 100;
export const RETRY_DELAY_FACTOR = 2;
export const RETRY_MAX_DELAY_MS = 1000;
export const RETRY_JITTER = 0.2;

/**
 * The one door to Neo4j. Reads run with READ routing (a cluster sends them to secondaries): a lone
 * statement as an auto-commit transaction, several in one read transaction; writes in write
 * transactions to the leader; every transaction has a timeout.
 * Retryable failures are retried here, inside that timeout (the driver's managed transactions,
 * which retry on their own, are not used), and not at all while the supervisor knows the database is down: then a call throws
 * DatabaseUnavailableError at once. `withObserver` gives a request its own counting view,
 * `withTransactionTimeout` gives seeding and imports their own limit.
 */
export class Database {
  readonly health: DatabaseHealth;
  private readonly writeTurns: Mutex;

  constructor(
    readonly driver: Driver,
    private readonly options: DatabaseOptions,
    private readonly observer?: QueryObserver,
  ) {
    this.health = options.health ?? new DatabaseHealth();
    this.writeTurns = options.writeTurns ?? new Mutex();
  }

  /** The options of a view of this database: the same health and write turns. */
  private viewOptions(changes: Partial<DatabaseOptions>): DatabaseOptions {
    return { ...this.options, health: this.health, writeTurns: this.writeTurns, ...changes };
  }

  /** A view of the same database that reports each round trip to `observer`. */
  withObserver(observer: QueryObserver): Database {
    return new Database(this.driver, this.viewOptions({}), observer);
  }

  /** A view of the same database whose transactions may run `timeoutMs`, the value of `setting`. */
  withTransactionTimeout(timeoutMs: number, setting: string): Database {
    return new Database(this.driver, this.viewOptions({ queryTimeoutMs: timeoutMs, timeoutSetting: setting }), this.observer);
  }

  /**
   * A view of the same database (and observer) whose transactions end by `deadlineAt`: each gets the
   * smaller of the per-statement timeout and what is left, and past it none starts
   * (DeadlineExceededError). How a request's deadline reaches every statement it runs.
   */
  withDeadline(deadlineAt: number): Database {
    return new Database(this.driver, this.viewOptions({ deadlineAt }), this.observer);
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
    return this.withRetries((timeout) => this.inTransaction('READ', timeout, (tx) => this.observed(tx, 'READ', work)));
  }

  /**
   * Several statements in one write transaction: all or nothing. `takesTurn: false` is for long
   * maintenance writes (a tally rebuild may take minutes) that would otherwise hold every write and
   * audit append of the process behind them; they meet the others in Neo4j's locks instead.
   */
  async writeTransaction<T>(work: (tx: ObservedTransaction) => Promise<T>, { takesTurn = true }: { takesTurn?: boolean } = {}): Promise<T> {
    return this.withRetries((timeout) => this.inTransaction(takesTurn ? 'WRITE' : 'MAINTENANCE', timeout, (tx) => this.observed(tx, 'WRITE', work)));
  }

  /**
   * One write statement as an auto-commit transaction: RUN and PULL in one round trip, Neo4j
   * committing as the statement ends. Not in the write turn: the statement holds Neo4j's locks only
   * while Neo4j runs it, where a transaction holds them (and the turn) across round trips, so such
   * statements meet in Neo4j's locks as the floor's do. For a statement that decides by itself
   * whether to write (src/graph/writes.ts: every refusal and every further statement ruled out inside
   * it), since nothing can roll it back once it has answered. `work` gets a transaction whose first
   * `run` is that statement; any other statement is an error. Retried like any write.
   */
  async writeStatement<T>(work: (tx: ObservedTransaction) => Promise<T>): Promise<T> {
    return this.withRetries(async (timeout) => {
      let ran = false;
      const oneStatement = (): never => {
        throw new Error('An auto-commit write is one statement; a write that needs more runs as a transaction (Database.writeTransaction).');
      };
      return work({
        run: async <R extends RecordShape = RecordShape>(cypher: string, params: CypherParams = {}) => {
          if (ran) oneStatement();
          ran = true;
          return this.autoCommit<R>('WRITE', cypher, params, timeout);
        },
        send: oneStatement,
        settle: async () => undefined,
      });
    });
  }

  /**
   * One statement in an implicit (auto-commit) transaction, for `CALL { … } IN TRANSACTIONS`, which
   * commits batches of its own and so cannot run inside a managed transaction. For maintenance
   * work (migrations), with its own time limit (`limitName` says what sets it, in the timeout
   * message); not retried.
   */
  async runAutoCommit(cypher: string, params: CypherParams, timeoutMs: number, limitName = 'the maintenance statement limit'): Promise<void> {
    this.assertAvailable();
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    const started = performance.now();
    try {
      await session.run(cypher, params, { timeout: timeoutMs });
    } catch (error) {
      throw this.translate(error, timeoutMs, limitName);
    } finally {
      this.observer?.({ cypher, mode: 'WRITE', ms: performance.now() - started });
      await session.close();
    }
  }

  /** Throws unless the database answers a trivial query. */
  async ping(): Promise<void> {
    this.assertAvailable();
    try {
      await this.inTransaction('READ', this.options.queryTimeoutMs, (tx) => tx.run('RETURN 1'));
    } catch (error) {
      if (isConnectionFailure(error)) this.health.reportConnectionFailure(error);
      throw this.translate(error, this.options.queryTimeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async query<R extends RecordShape>(mode: 'READ' | 'WRITE', cypher: string, params: CypherParams): Promise<EagerResult<R>> {
    const eager = (result: QueryResult<R>) => ({ keys: result.records[0]?.keys ?? [], records: result.records, summary: result.summary }) as EagerResult<R>;
    if (mode === 'READ') return this.withRetries(async (timeout) => eager(await this.autoCommit<R>('READ', cypher, params, timeout)));
    return this.withRetries((timeout) =>
      this.inTransaction(mode, timeout, async (tx) => {
        const started = performance.now();
        try {
          return eager(await tx.run<R>(cypher, params));
        } finally {
          this.observer?.({ cypher, mode, ms: performance.now() - started });
        }
      }),
    );
  }

  /**
   * A lone statement as an auto-commit transaction: RUN and PULL in one round trip, where an
   * explicit transaction adds BEGIN and a COMMIT that waits for its own answer. A single read has
   * nothing to commit and no snapshot to share, so the answer is the same; a write must decide alone
   * (writeStatement). Retries stay ours.
   */
  private async autoCommit<R extends RecordShape>(mode: 'READ' | 'WRITE', cypher: string, params: CypherParams, timeout: number): Promise<QueryResult<R>> {
    const session = this.openSession(mode);
    const started = performance.now();
    try {
      return await session.run<R>(cypher, params, { timeout });
    } finally {
      this.observer?.({ cypher, mode, ms: performance.now() - started });
      await session.close().catch(() => undefined);
    }
  }

  /** A session routed for `mode`, sharing the driver's bookmark manager (a read sees the writes before it, on a cluster too). */
  private openSession(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
  }

  /**
   * One attempt: an explicit transaction, committed when `work` succeeds. Not the driver's managed
   * transactions (executeRead, executeQuery): they retry on their own, a second later, even when
   * told not to (maxTransactionRetryTime 0 still allows one retry of an instant failure).
   *
   * Write transactions from this process take turns. Every write the API makes takes the same
   * locks in Neo4j (the audit chain's head; the tallies' state), so two at once only queue there —
   * and Neo4j's lock waiters spin, then sleep in growing steps, so a lock freed is taken up late and
   * the waiting burns CPU: 16 concurrent mutation requests got 47 requests/s with Neo4j at 25 ms CPU
   * each. Waiting here costs nothing and the next writer starts the moment the last commits. The
   * wait counts against the attempt's time limit. Writers in other processes still meet in Neo4j.
   */
  private async inTransaction<T>(mode: 'READ' | 'WRITE' | 'MAINTENANCE', timeout: number, work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (mode === 'READ') return this.attempt(mode, timeout, work);
    if (mode === 'MAINTENANCE') return this.attempt('WRITE', timeout, work);
    const waitStarted = Date.now();
    let release: () => void;
    try {
      release = await withTimeout(this.writeTurns, timeout).acquire();
    } catch (error) {
      if (error !== E_TIMEOUT) throw error;
      throw this.timeoutError(timeout, this.options.timeoutSetting ?? QUERY_TIMEOUT_SETTING, 'waiting for the writes before it');
    }
    try {
      return await this.attempt(mode, Math.max(1, timeout - (Date.now() - waitStarted)), work);
    } finally {
      release();
    }
  }

  private async attempt<T>(mode: 'READ' | 'WRITE', timeout: number, work: (tx: Transaction) => Promise<T>): Promise<T> {
    const session = this.openSession(mode);
    try {
      const tx = session.beginTransaction({ timeout });
      let result: T;
      try {
        result = await work(tx);
      } catch (error) {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        throw error;
      }
      await tx.commit();
      return result;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /**
   * Runs `attempt` (given the time it may take) until it succeeds, fails for good, or the limit is
   * spent: the statement's timeout, or what is left of the request's deadline if that is sooner.
   * A lost connection is reported to the health state, whose supervisor checks the database; once
   * it is known to be down, no more attempts are made.
   */
  private async withRetries<T>(attempt: (timeoutMs: number) => Promise<T>): Promise<T> {
    const { queryTimeoutMs, deadlineAt } = this.options;
    const budgetEnd = Math.min(Date.now() + queryTimeoutMs, deadlineAt ?? Infinity);
    const limit = Math.max(1, Math.floor(budgetEnd - Date.now()));
    let delay = RETRY_FIRST_DELAY_MS;
    for (;;) {
      this.assertAvailable();
      const left = Math.floor(budgetEnd - Date.now());
      if (deadlineAt !== undefined && left <= 0) throw new DeadlineExceededError(undefined);
      try {
        return await attempt(Math.max(1, left));
      } catch (error) {
        if (isConnectionFailure(error)) this.health.reportConnectionFailure(error);
        const wait = delay * (1 + RETRY_JITTER * (2 * Math.random() - 1));
        if (!isRetryable(error) || Date.now() + wait >= budgetEnd) throw this.translate(error, limit);
        await new Promise((resolve) => setTimeout(resolve, wait));
        delay = Math.min(delay * RETRY_DELAY_FACTOR, RETRY_MAX_DELAY_MS);
        if (!this.health.isAvailable()) throw this.unavailable(error);
      }
    }
  }

  private assertAvailable(): void {
    if (!this.health.isAvailable()) throw this.unavailable(undefined);
  }

  private unavailable(cause: unknown): DatabaseUnavailableError {
    const state = this.health.state;
    const what = state === 'restarting' ? 'is being restarted' : state === 'stopped' ? 'is shutting down' : 'cannot be reached';
    return new DatabaseUnavailableError(`The database ${what}; retry later.`, this.health.retryAfterSeconds(), { cause });
  }

  /** Our own error for a timeout (naming the setting) or a connection given up on; others as they are. */
  private translate(error: unknown, timeoutMs: number, setting = this.options.timeoutSetting ?? QUERY_TIMEOUT_SETTING): unknown {
    if (isDatabaseTimeout(error) && !(error instanceof DatabaseTimeoutError)) return this.timeoutError(timeoutMs, setting, undefined, error);
    if (isConnectionFailure(error)) return this.unavailable(error);
    return error;
  }

  /** A transaction that ran (or waited, `while`) past its limit, naming the setting that sets it. */
  private timeoutError(timeoutMs: number, setting: string, waiting?: string, cause?: unknown): DatabaseTimeoutError {
    const what = waiting ? `A Neo4j write waited past its limit of ${formatSeconds(timeoutMs)} (${setting}), ${waiting}` : `A Neo4j transaction ran past its limit of ${formatSeconds(timeoutMs)} (${setting})`;
    return new DatabaseTimeoutError(
      /^[A-Z][A-Z0-9_]*$/.test(setting) ? `${what}; set ${setting} higher on a busy machine or a large graph.` : `${what}.`,
      timeoutMs,
      setting,
      { cause },
    );
  }

  /** `work` on the transaction as callers see it; what it sent and did not wait for is settled before the commit. */
  private async observed<T>(tx: Transaction, mode: 'READ' | 'WRITE', work: (tx: ObservedTransaction) => Promise<T>): Promise<T> {
    const observed = this.observe(tx, mode);
    const result = await work(observed);
    await observed.settle();
    return result;
  }

  private observe(tx: Transaction, mode: 'READ' | 'WRITE'): ObservedTransaction {
    const observer = this.observer;
    let sent: Promise<unknown>[] = [];
    let sentFailure: { error: unknown } | undefined;
    const settle = async () => {
      const pending = sent;
      sent = [];
      // In order: the first statement that failed is the cause (the ones after it were not run).
      try {
        for (const summary of pending) await summary;
      } catch (error) {
        sentFailure ??= { error };
      }
      if (sentFailure) throw sentFailure.error;
    };
    return {
      async run<R extends RecordShape = RecordShape>(cypher: string, params: CypherParams = {}) {
        const started = performance.now();
        try {
          return await tx.run<R>(cypher, params);
        } finally {
          observer?.({ cypher, mode, ms: performance.now() - started });
        }
      },
      send(cypher: string, params: CypherParams = {}) {
        const started = performance.now();
        const summary = tx.run(cypher, params).summary().finally(() => observer?.({ cypher, mode, ms: performance.now() - started }));
        // Seen here so that a failure is not an unhandled rejection; it is thrown by settle().
        summary.catch(() => undefined);
        sent.push(summary);
      },
      settle,
    };
  }
}

/**
 * Thrown by work given to Database.writeStatement when its statement wrote nothing because of
 * something it does not decide by itself (a watch rule to evaluate, a new entity's or a renamed
 * one's keys to make): the caller runs the write as a transaction instead.
 */
export class StatementDeclined extends Error {
  constructor(readonly why: string) {
    super(`The one-statement write declined (${why}); it runs as a transaction.`);
    this.name = 'StatementDeclined';
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Cypher one layer adds to another's write statement, so that both go in one statement: a subquery
 * body (ending in its own RETURN of `columns`), run after the host's write, with its parameters.
 * Its variables, columns and parameters are named apart from the host's; the host hands back the
 * columns' values.
 */
export interface StatementPiece { cypher: string; params: CypherParams; columns: readonly string[] }

/** A transaction whose statements are counted like any other round trip. */
export interface ObservedTransaction {
  run<R extends RecordShape = RecordShape>(cypher: string, params?: CypherParams): Promise<QueryResult<R>>;
  /**
   * Sends a statement whose answer the caller does not need, without waiting for it: the
   * statements after it and the commit follow it on the same connection, so several cost one round
   * trip. A failure fails the transaction: every statement after it fails with the same error (the
   * driver's doing), and `settle()`, which every transaction runs before its commit, throws it.
   */
  send(cypher: string, params?: CypherParams): void;
  /** Waits for every statement sent so far; throws the first that failed (again on every later call). */
  settle(): Promise<void>;
}
