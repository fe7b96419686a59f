/**
 * What the API knows about its database right now, kept by the supervisor (supervisor.ts) and read
 * on every statement: while the database is known to be down, the Database wrapper fails at once
 * instead of letting the driver wait and retry, and `/ready` says what is being done about it.
 */

/**
 * `up`: answering. `down`: lost, the next attempt is scheduled. `restarting`: the embedded JVM is
 * being started again (or the external one probed). `stopped`: the API is shutting down.
 */
export type DatabaseState = 'up' | 'down' | 'restarting' | 'stopped';

export interface HealthSnapshot {
  state: DatabaseState;
  /** When the state last changed (ISO 8601). */
  since: string;
  /** Attempts made to bring it back since it was lost (0 while up). */
  attempt: number;
  /** Why it was lost or why the last attempt failed. */
  lastError?: string;
  /** When the next attempt starts (ISO 8601), while down. */
  nextAttemptAt?: string;
  /** What a client is told in `Retry-After`. */
  retryAfterSeconds: number;
}

/** Retry-After while the database is being brought back and no better estimate exists. */
export const DEFAULT_RETRY_AFTER_SECONDS = 2;

export type ConnectionFailureListener = (error: unknown) => void;

export class DatabaseHealth {
  private current: DatabaseState = 'up';
  private changedAt = Date.now();
  private attempts = 0;
  private reason: string | undefined;
  private nextAttempt: number | undefined;
  private readonly failureListeners = new Set<ConnectionFailureListener>();

  get state(): DatabaseState {
    return this.current;
  }

  isAvailable(): boolean {
    return this.current === 'up';
  }

  markUp(): void {
    this.set('up');
    this.attempts = 0;
    this.reason = undefined;
    this.nextAttempt = undefined;
  }

  markDown(reason: string, nextAttemptAt: number | undefined): void {
    if (this.current === 'stopped') return;
    this.set('down');
    this.reason = reason;
    this.nextAttempt = nextAttemptAt;
  }

  markRestarting(attempt: number): void {
    if (this.current === 'stopped') return;
    this.set('restarting');
    this.attempts = attempt;
    this.nextAttempt = undefined;
  }

  markStopped(): void {
    this.set('stopped');
    this.nextAttempt = undefined;
  }

  /** Seconds until it is worth asking again: the next scheduled attempt, or a short default. */
  retryAfterSeconds(): number {
    if (this.nextAttempt === undefined) return DEFAULT_RETRY_AFTER_SECONDS;
    return Math.max(1, Math.ceil((this.nextAttempt - Date.now()) / 1000));
  }

  snapshot(): HealthSnapshot {
    return {
      state: this.current,
      since: new Date(this.changedAt).toISOString(),
      attempt: this.attempts,
      ...(this.reason !== undefined ? { lastError: this.reason } : {}),
      ...(this.nextAttempt !== undefined ? { nextAttemptAt: new Date(this.nextAttempt).toISOString() } : {}),
      retryAfterSeconds: this.retryAfterSeconds(),
    };
  }

  /** A statement lost its connection: the supervisor checks whether the database is still there. */
  reportConnectionFailure(error: unknown): void {
    for (const listener of this.failureListeners) listener(error);
  }

  onConnectionFailure(listener: ConnectionFailureListener): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  private set(state: DatabaseState): void {
    if (state !== this.current) this.changedAt = Date.now();
    this.current = state;
  }
}
