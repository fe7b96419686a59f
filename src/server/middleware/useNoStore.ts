import type { HttpStep } from './httpStep.js';

/** API answers are per viewer and change with every write: no browser or proxy may keep them. */
export function useNoStore(): HttpStep {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
