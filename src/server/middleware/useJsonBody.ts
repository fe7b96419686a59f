import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';

/**
 * JSON request bodies up to `limit` bytes, which must be UTF-8: body-parser would otherwise decode invalid
 * bytes as U+FFFD and run a query the client never sent. An invalid body is refused (400, BAD_REQUEST,
 * see the error handler in createServer.ts).
 */
export function useJsonBody(limit: number): RequestHandler {
  return express.json({
    limit,
    verify: (_req, _res, buffer) => {
      if (!isUtf8(buffer)) throw Object.assign(new Error('Request body is not valid UTF-8.'), { status: 400, type: 'encoding.invalid' });
    },
  });
}
