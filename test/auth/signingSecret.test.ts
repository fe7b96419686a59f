import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSigningSecret, resolveSigningKeys, SIGNING_SECRET_FILE } from '../../src/auth/index.js';
import type { Config } from '../../src/config/index.js';
import { embeddedTestNeo4j } from '../support/testApi.js';

describe('the embedded default\'s signing secret', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-secret-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  const file = () => path.join(dataDir, SIGNING_SECRET_FILE);

  it('is generated once, owner-only, and the same on every later start, even when several start at once', async () => {
    const secrets = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateSigningSecret(dataDir)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^[\w-]{43}$/);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSigningSecret(dataDir)).toBe(secrets[0]);
    expect((await readFile(file(), 'utf8')).trim()).toBe(secrets[0]);
  });

  it('repairs loosened permissions', async () => {
    await loadOrCreateSigningSecret(dataDir);
    await chmod(file(), 0o644);
    await loadOrCreateSigningSecret(dataDir);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
  });

  it('refuses an empty file rather than signing with nothing', async () => {
    await writeFile(file(), '\n');
    await expect(loadOrCreateSigningSecret(dataDir)).rejects.toThrow(/exists but is empty/);
  });

  it('is used only when nothing is configured, and only on the embedded default', async () => {
    const embedded: Config['neo4j'] = embeddedTestNeo4j(dataDir);
    const external: Config['neo4j'] = { mode: 'external', uri: 'bolt://x', username: 'neo4j', password: 'x', database: undefined };
    expect(await resolveSigningKeys({ neo4j: embedded, auth: { anonymousRole: 'viewer' } })).toMatchObject({ kind: 'secret', origin: 'embedded' });
    expect(await resolveSigningKeys({ neo4j: embedded, auth: { anonymousRole: 'viewer', jwtSecret: 'x'.repeat(32) } })).toMatchObject({ kind: 'secret', origin: 'configured', secret: 'x'.repeat(32) });
    expect(await resolveSigningKeys({ neo4j: embedded, auth: { anonymousRole: 'viewer', jwksUrl: 'https://idp/jwks', issuer: 'i', audience: 'a' } })).toMatchObject({ kind: 'jwks' });
    expect(await resolveSigningKeys({ neo4j: external, auth: { anonymousRole: 'viewer' } })).toEqual({ kind: 'none' });
  });
});
