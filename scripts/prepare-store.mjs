#!/usr/bin/env node
// Run by npm's postinstall after the embedded Neo4j is built: makes the prepared store that a first
// `npm start` copies instead of migrating and seeding (src/cli/prepareStore.ts; quick when it exists).
// Never fails the install: without the store the first start only takes longer.
//
// Skipped with SCAM_ATLAS_SKIP_NEO4J_INSTALL=1, with NEO4J_URI set (no embedded database), and when
// the embedded Neo4j is not built (no Java or Maven: neo4j/install.mjs said so already).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const INSTALLED_MARKER = join(ROOT, 'neo4j', 'lib', '.installed');
const CLI = join(ROOT, 'src', 'cli', 'prepareStore.ts');

function log(message) {
  console.error(`[scam-atlas prepared store] ${message}`);
}

if (process.env.SCAM_ATLAS_SKIP_NEO4J_INSTALL === '1' || process.env.NEO4J_URI || !existsSync(INSTALLED_MARKER)) process.exit(0);
log('Preparing the embedded database for the first start (migrations and demo story; about 20 s, once)...');
const result = spawnSync(process.execPath, ['--import', 'tsx', CLI], {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});
if (result.error || result.status !== 0) {
  log(`Not prepared (${result.error?.message ?? `exit code ${result.status}`}): the first \`npm start\` will migrate and seed instead. \`npm run store:prepare\` tries again.`);
}
process.exit(0);
