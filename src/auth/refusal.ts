/**
 * A request refused for who it is: 401 (no acceptable credentials) or 403 (the role may not do
 * it). Handed to the server's `onRefused` hook, so the audit log can record refusals.
 */
export interface RefusalEvent {
  requestId: string;
  status: 401 | 403;
  /** A short code: an AuthFailureReason, or `mutation_forbidden`. */
  reason: string;
  subject?: string;
  role?: string;
}

export type OnRefused = (event: RefusalEvent) => void | Promise<void>;
