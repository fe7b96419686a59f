import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { useRequestLogging } from '../../src/server/middleware/index.js';

/**
 * Request ids and per-request loggers, whether the logger writes info lines (pino-http logs every
 * request) or not (no per-request logger is built until something logs through it).
 */
async function serve(level: string, run: (url: string, lines: Array<Record<string, unknown>>) => Promise<void>): Promise<void> {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = express();
  app.use(useRequestLogging(logger));
  app.get('/fails', (req, res) => {
    req.log.error({ reason: 'test' }, 'something failed');
    res.status(500).json({ id: req.id });
  });
  app.get('/ok', (req, res) => void res.json({ id: req.id }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('request logging', () => {
  for (const level of ['info', 'warn']) {
    it(`gives every request an id and a logger bound to it (logger at ${level})`, async () => {
      await serve(level, async (url, lines) => {
        const given = await fetch(`${url}/ok`, { headers: { 'x-request-id': 'client-id-1' } });
        expect(given.headers.get('x-request-id')).toBe('client-id-1');
        expect(await given.json()).toEqual({ id: 'client-id-1' });
        // A malformed id is replaced, not echoed.
        const replaced = await fetch(`${url}/ok`, { headers: { 'x-request-id': 'no spaces or <tags>' } });
        const fresh = replaced.headers.get('x-request-id');
        expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
        expect(await replaced.json()).toEqual({ id: fresh });

        const failed = await fetch(`${url}/fails`, { headers: { 'x-request-id': 'client-id-2' } });
        expect(failed.status).toBe(500);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const failure = lines.find((line) => line['msg'] === 'something failed');
        expect(failure).toMatchObject({ level: 50, reason: 'test', req: { id: 'client-id-2', method: 'GET', url: '/fails' } });
        const requestLines = lines.filter((line) => line['msg'] === 'http request' || line['msg'] === 'http request failed');
        if (level === 'info') {
          expect(requestLines.map((line) => (line['req'] as { id: string }).id)).toEqual(['client-id-1', fresh, 'client-id-2']);
          expect(requestLines[2]).toMatchObject({ res: { statusCode: 500 } });
        } else {
          expect(requestLines).toEqual([]);
        }
      });
    });
  }
});
