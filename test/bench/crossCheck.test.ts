import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/index.js';
import { BENCH_QUERIES } from '../../bench/queries/index.js';

/**
 * The benchmark's bounded slice: `npm run bench -- --check-only` on a small generated network. Every
 * query is discovered, answered by Scam Atlas, the peer and the floor, and the answers must be
 * equal, in both default scenarios; nothing is timed. A benchmark only run by hand rots unseen (a
 * cursor format change once left a query refused for a day): this runs it with every `npm test`.
 * 10,000 entities is the smallest generated network every query finds its subject in (forty scam
 * centres for centresPage3). Its store is built once into .data/bench-10000 (~35 s), then reused.
 */
const SCALE = '10k';
const SCENARIOS = ['analyst', 'viewer'];

describe('the benchmark queries on a small network', () => {
  it('give the same data on Scam Atlas, the peer and the floor, in every scenario', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench', 'run.ts'), '--scale', SCALE, '--check-only', '--role', SCENARIOS.join(',')], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 540_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    const checks = output.split('\n').filter((line) => line.startsWith('cross-check '));
    expect(checks.filter((line) => !line.endsWith(': same data')), output.slice(-4000)).toEqual([]);
    expect(checks).toHaveLength(BENCH_QUERIES.length * SCENARIOS.length);
    expect(run.status, output.slice(-4000)).toBe(0);
  }, 600_000);
});
