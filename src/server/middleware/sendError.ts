import type { Request, Response } from 'express';

/** A GraphQL-shaped error answer for requests refused before GraphQL runs: never HTML, never a stack. */
export function sendError(req: Request, res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions, requestId: String(req.id) } }] });
}
