import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A request as the GraphQL endpoint's steps see it: Node's own, with the parsed JSON body once read.
 * (`id` and `log` come from pino-http's typing of IncomingMessage.) Express's Request is one, so the
 * same steps run under Express and on the direct path (directGraphQL.ts).
 */
export type HttpRequest = IncomingMessage & { body?: unknown; query?: unknown };

/** One connect-style step: answers, or calls `next` (with an error to fail the request). */
export type HttpStep = (req: HttpRequest, res: ServerResponse, next: (error?: unknown) => void) => void | Promise<void>;
