#!/usr/bin/env node
// `npm start` runs this first (prestart): it runs `npm run build` (codegen check, tsc and the explorer's Vite build, several
// seconds) only when something the build reads changed since the last successful build, so that a
// start from an unchanged checkout goes straight to the API. `npm run build` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What `npm run build` reads: sources, the schema, codegen and compiler settings, dependencies. */
const INPUTS = ['src', 'schema', 'ui/src', 'ui/index.html', 'ui/graphiql.html', 'ui/vite.config.ts', 'ui/tsconfig.json', 'README.md', 'docs/story-queries.md', 'codegen.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
/** Touched after each successful build, with the time the build started. */
const STAMP = join(ROOT, 'dist', '.build-stamp');
const ENTRY = join(ROOT, 'dist', 'src', 'main.js');
/** The explorer's page (ui/vite.config.ts builds it into dist/ui). */
const UI_ENTRY = join(ROOT, 'dist', 'ui', 'index.html');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder's mtime
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const built = existsSync(STAMP) && existsSync(ENTRY) && existsSync(UI_ENTRY) ? statSync(STAMP).mtimeMs : 0;
const changed = Math.max(...INPUTS.map((input) => newestMtime(join(ROOT, input))));
if (built > 0 && changed <= built) process.exit(0);

const started = new Date();
console.error(built === 0 ? '[scam-atlas] building dist/ (first time)...' : '[scam-atlas] sources changed since the last build; building...');
const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(dirname(STAMP), { recursive: true });
writeFileSync(STAMP, '');
// The start time, not the end: a file saved during the build makes the next start build again.
utimesSync(STAMP, started, started);
