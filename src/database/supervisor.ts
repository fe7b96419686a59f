import type { Logger } from 'pino';
import { withTimeout } from '../util/withTimeout.js';
import type { EmbeddedExit, EmbeddedNeo4j } from './embedded/index.js';
import type { DatabaseHealth } from './health.js';

/**
 * Brings the database back when it is lost, without restarting the API.
 *
 * On the embedded default the JVM is watched: when it exits without being asked to (killed,
 * crashed), the health state says "down" at once — every statement then fails fast with
 * DATABASE_UNAVAILABLE and `/ready` says why — and the JVM is started again on the same data folder
 * and Bolt port (Neo4j recovers committed transactions from its log), with backoff between failed
 * attempts. With NEO4J_URI, a statement that loses its connection makes the supervisor ask the
 * database; if it does not answer, it is marked down and asked again with the same backoff until it
 * does. Each step is logged. `stop()` ends it all: no restart once the API is stopping.
 */

/** The first attempt starts this soon after the loss (a killed JVM is started again at once). */
export const RECOVERY_FIRST_DELAY_MS = 0;
/** The pause after the first failed attempt; each further failure multiplies it by RECOVERY_DELAY_FACTOR. */
export const RECOVERY_SECOND_DELAY_MS = 1000;
export const RECOVERY_DELAY_FACTOR = 2;
/** Longest pause between attempts, however many have failed. */
export const RECOVERY_MAX_DELAY_MS = 30 * 1000;
/** A database lost again within this long of coming back continues the backoff instead of starting it over (a crash loop). */
export const RECOVERY_STABLE_AFTER_MS = 60 * 1000;
/** How long one "are you there?" may take. */
export const PROBE_TIMEOUT_MS = 3 * 1000;

export interface SupervisorOptions {
  health: DatabaseHealth;
  logger: Logger;
  /** Resolves when the database answers through the API's own driver. */
  probe: () => Promise<void>;
  /** On the embedded default: the running JVM, and how to start another one on the same folder and port. */
  embedded?: { instance: EmbeddedNeo4j; restart: () => Promise<EmbeddedNeo4j> };
}

export class DatabaseSupervisor {
  private readonly health: DatabaseHealth;
  private readonly logger: Logger;
  private current: EmbeddedNeo4j | undefined;
  /** The JVM has exited and must be started again before anything can answer. */
  private jvmGone = false;
  private stopped = false;
  private recovering: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private nextDelayMs = RECOVERY_FIRST_DELAY_MS;
  private recoveredAt = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: SupervisorOptions) {
    this.health = options.health;
    this.logger = options.logger;
    this.unsubscribe = this.health.onConnectionFailure((error) => this.onConnectionFailure(error));
    if (options.embedded) this.watch(options.embedded.instance);
  }

  /** The embedded Neo4j running now (a restart replaces it), if there is one. */
  get embedded(): EmbeddedNeo4j | undefined {
    return this.current;
  }

  /** No more attempts; waits for one under way (a JVM it started is left for the caller to stop via `embedded`). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe();
    this.health.markStopped();
    this.wake?.();
    await this.recovering;
  }

  private watch(instance: EmbeddedNeo4j): void {
    this.current = instance;
    instance.onUnexpectedExit((exit) => this.onJvmExit(instance, exit));
  }

  private onJvmExit(instance: EmbeddedNeo4j, exit: EmbeddedExit): void {
    if (this.stopped || instance !== this.current) return;
    this.jvmGone = true;
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    this.lost(`the embedded Neo4j (pid ${instance.pid}) ${how}`);
  }

  private onConnectionFailure(error: unknown): void {
    if (this.stopped || this.recovering) return;
    // One statement lost its connection: a stale pooled connection, a leader switch — or the
    // database is gone. Ask it; only if it does not answer is it marked down.
    this.recovering = (async () => {
      try {
        await withTimeout(this.options.probe(), PROBE_TIMEOUT_MS);
      } catch (probeError) {
        if (this.stopped) return;
        this.startBackoff();
        const reason = `Neo4j does not answer: ${messageOf(probeError)} (after: ${messageOf(error)})`;
        this.health.markDown(reason, Date.now() + this.nextDelayMs);
        this.logger.error({ reason, nextAttemptInMs: this.nextDelayMs }, 'database lost; trying to reach it again');
        await this.recover();
      }
    })().finally(() => {
      this.recovering = undefined;
      // The JVM died while the probe was answering: it still needs starting.
      if (this.jvmGone && !this.stopped) this.ensureRecovering();
    });
  }

  private lost(reason: string): void {
    if (!this.recovering) this.startBackoff();
    this.health.markDown(reason, Date.now() + this.nextDelayMs);
    this.logger.error({ reason, nextAttemptInMs: this.nextDelayMs }, this.jvmGone ? 'database lost; restarting the embedded Neo4j' : 'database lost');
    // A recovery already under way (a statement's lost connection started it) sees that the JVM is
    // gone at its next attempt: make that now, not after its pause.
    this.wake?.();
    this.ensureRecovering();
  }

  private ensureRecovering(): void {
    this.recovering ??= this.recover().finally(() => {
      this.recovering = undefined;
    });
  }

  /**
   * The pause before the first attempt after a loss: none for a database that had been up a while,
   * the next step of the backoff for one lost again soon after it came back (a crash loop).
   */
  private startBackoff(): void {
    const crashLoop = this.recoveredAt > 0 && Date.now() - this.recoveredAt < RECOVERY_STABLE_AFTER_MS;
    this.nextDelayMs = crashLoop ? longer(this.nextDelayMs) : RECOVERY_FIRST_DELAY_MS;
  }

  /** Attempts until the database answers or the supervisor stops, pausing longer after each failure. */
  private async recover(): Promise<void> {
    const lostAt = Date.now();
    for (let attempt = 1; !this.stopped; attempt++) {
      await this.pause(this.nextDelayMs);
      if (this.stopped) return;
      this.health.markRestarting(attempt);
      try {
        if (this.jvmGone && this.options.embedded) {
          this.logger.info({ attempt }, 'starting the embedded Neo4j again');
          const instance = await this.options.embedded.restart();
          this.jvmGone = false;
          this.watch(instance);
          if (this.stopped) return; // the caller stops `embedded`, now this instance
        } else {
          this.logger.info({ attempt }, 'asking Neo4j whether it answers again');
        }
        await withTimeout(this.options.probe(), PROBE_TIMEOUT_MS);
        if (this.stopped) return;
        this.health.markUp();
        this.recoveredAt = Date.now();
        this.logger.info({ attempts: attempt, downMs: Date.now() - lostAt }, 'database available again');
        return;
      } catch (error) {
        if (this.stopped) return;
        this.nextDelayMs = longer(this.nextDelayMs);
        const reason = messageOf(error);
        this.health.markDown(reason, Date.now() + this.nextDelayMs);
        this.logger.warn({ attempt, reason, nextAttemptInMs: this.nextDelayMs }, 'database still unavailable; trying again after a pause');
      }
    }
  }

  private pause(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function longer(delayMs: number): number {
  return delayMs < RECOVERY_SECOND_DELAY_MS ? RECOVERY_SECOND_DELAY_MS : Math.min(delayMs * RECOVERY_DELAY_FACTOR, RECOVERY_MAX_DELAY_MS);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
