/**
 * A request's deadline passed: whatever was still to run is not started. Raised by the database
 * view of a request (Database.withDeadline) and by work stopped at the deadline (worker threads);
 * clients get TIMEOUT.
 */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
  constructor(readonly timeoutMs: number | undefined, what = 'the request') {
    super(`${what} ran past its deadline${timeoutMs === undefined ? '' : ` of ${timeoutMs} ms`}`);
  }
}

/** Milliseconds left until `deadlineAt` (an epoch time in ms); 0 or less once it has passed. */
export function timeLeft(deadlineAt: number): number {
  return deadlineAt - Date.now();
}
