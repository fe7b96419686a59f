import type { RequestHandler } from 'express';

/** API answers are per viewer and change with every write: no browser or proxy may keep them. */
export function useNoStore(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
