/**
 * A budget of cost points per client per minute, as a token bucket: each client's bucket holds up to
 * `pointsPerMinute` and refills continuously, so a client may spend the whole minute's points in a burst
 * and then about `pointsPerMinute / 60` points a second. Buckets live in memory, per API process (a
 * load-balanced deployment gives each process its budget); the longest-idle clients are forgotten
 * first beyond `maxClients` — forgetting one gives it a full bucket, never less.
 */
export type Charge = { ok: true; remaining: number } | { ok: false; remaining: number; retryAfterSeconds: number };

export class CostBudget {
  private readonly buckets = new Map<string, { points: number; at: number }>();
  private readonly perMs: number;

  constructor(readonly pointsPerMinute: number, private readonly maxClients: number) {
    this.perMs = pointsPerMinute / 60_000;
  }

  /** Takes `cost` points from `client`'s bucket, or says how long until it holds them. */
  charge(client: string, cost: number, now = Date.now()): Charge {
    const capacity = this.pointsPerMinute;
    const bucket = this.buckets.get(client) ?? { points: capacity, at: now };
    this.buckets.delete(client);
    bucket.points = Math.min(capacity, bucket.points + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    // An operation dearer than a whole minute's budget waits for a full bucket, then takes it all.
    const needed = Math.min(cost, capacity);
    if (bucket.points < needed) {
      return { ok: false, remaining: Math.floor(bucket.points), retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.points) / this.perMs / 1000)) };
    }
    bucket.points -= needed;
    return { ok: true, remaining: Math.floor(bucket.points) };
  }
}
