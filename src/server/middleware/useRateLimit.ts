import { RATE_LIMIT_MAX_CLIENTS } from '../../config/index.js';
import { ErrorCode } from '../../errors/index.js';
import { CostBudget } from '../limits/costBudget.js';
import { viewerOf } from './useAuthentication.js';
import { operationMeasureOf } from './useOperationLimits.js';
import type { HttpRequest, HttpStep } from './httpStep.js';
import { sendError } from './sendError.js';

export interface RateLimitState {
  pointsPerMinute: number;
  remaining: number;
}
const states = new WeakMap<HttpRequest, RateLimitState>();

/** The client's budget after this request was charged, for the cost extension; undefined when rate limiting is off. */
export function rateLimitOf(req: HttpRequest): RateLimitState | undefined {
  return states.get(req);
}

/**
 * The client a budget belongs to: the verified token's subject (one budget per person, from
 * whichever address), else the peer address (the socket's: `trust proxy` is off, so a forged
 * X-Forwarded-For changes nothing). Prefixed, so no subject can spend an address's budget.
 */
export function clientKeyOf(req: HttpRequest): string {
  const subject = viewerOf(req)?.subject;
  return subject !== undefined ? `subject:${subject}` : `address:${req.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * Per-client budget of cost points per minute (costBudget.ts), per client as clientKeyOf says
 * (useAuthentication runs first). A request is charged
 * its estimated cost (useOperationLimits), at least 1 — unreadable requests too, so a flood of
 * garbage spends the budget like anything else. Over budget: 429, RATE_LIMITED and `Retry-After`.
 * `pointsPerMinute` 0 turns it off.
 */
export function useRateLimit(pointsPerMinute: number, clientOf: (req: HttpRequest) => string = clientKeyOf): HttpStep {
  if (pointsPerMinute <= 0) return (_req, _res, next) => next();
  const budget = new CostBudget(pointsPerMinute, RATE_LIMIT_MAX_CLIENTS);
  return (req, res, next) => {
    const cost = Math.max(1, Math.ceil(operationMeasureOf(req)?.cost ?? 1));
    const charge = budget.charge(clientOf(req), cost);
    if (!charge.ok) {
      res.setHeader('Retry-After', String(charge.retryAfterSeconds));
      return sendError(req, res, 429, ErrorCode.RATE_LIMITED,
        `Rate limited: this request costs ${cost} points and ${charge.remaining} of your ${pointsPerMinute} points per minute are left; retry after ${charge.retryAfterSeconds} s, or send cheaper requests (smaller pages, fewer nested levels).`,
        { cost, remaining: charge.remaining, pointsPerMinute, retryAfterSeconds: charge.retryAfterSeconds });
    }
    states.set(req, { pointsPerMinute, remaining: charge.remaining });
    next();
  };
}
