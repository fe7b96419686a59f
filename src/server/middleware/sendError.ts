import type { ServerResponse } from 'node:http';
import type { HttpRequest } from './httpStep.js';

/** A GraphQL-shaped error answer for requests refused before GraphQL runs: never HTML, never a stack. */
export function sendError(req: HttpRequest, res: ServerResponse, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extensions, requestId: String(req.id) } }] });
}

/** A JSON answer with the headers Express's `res.json` gives it, on Node's own response (either path). */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
