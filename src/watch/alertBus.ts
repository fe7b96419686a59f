import { EventEmitter } from 'node:events';
import { PubSub } from 'graphql-subscriptions';
import type { RaisedAlert } from '../model/index.js';

/**
 * The in-process bus from evaluation to the `alertRaised` subscription: one channel per owner, so a
 * subscriber is only ever handed its own alerts' ids (each is then read through its role). Alerts
 * are durable (stored in the write's transaction); the bus only pushes the news to the subscribers
 * of this process. An API run as several processes delivers to each process's subscribers the alerts
 * of the writes that process made; `alerts(...)` lists every alert whichever process raised it.
 */
const emitter = new EventEmitter();
// One listener per open subscription; their number is bounded by the sockets, not by a constant here.
emitter.setMaxListeners(0);
const pubsub = new PubSub<Record<string, RaisedAlert>>({ eventEmitter: emitter });

const channelOf = (owner: string) => `alertRaised:${owner}`;

/** Tells the subscribers of each alert's owner; called once the transaction that raised them has committed. */
export function publishRaisedAlerts(raised: readonly RaisedAlert[]): void {
  for (const alert of raised) void pubsub.publish(channelOf(alert.owner), alert);
}

/**
 * The owner's alerts as they are raised, each turned by `read` into what is sent (undefined: skipped,
 * as an alert the subscriber may not see). `return()` ends it at once, even while it waits.
 */
export function raisedAlertsOf<T>(owner: string, read: (alert: RaisedAlert) => Promise<T | undefined>): AsyncIterableIterator<T> {
  const inner = pubsub.asyncIterableIterator<RaisedAlert>(channelOf(owner));
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      for (;;) {
        const step = await inner.next();
        if (step.done) return { done: true, value: undefined };
        const value = await read(step.value);
        if (value !== undefined) return { done: false, value };
      }
    },
    async return(): Promise<IteratorResult<T>> {
      await inner.return();
      return { done: true, value: undefined };
    },
    async throw(error: unknown): Promise<IteratorResult<T>> {
      await inner.return();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
