import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exposureProblem, isLoopback } from '../../src/auth/index.js';
import { ConfigError, loadConfig, projectRoot, type Config } from '../../src/config/index.js';
import { embeddedTestNeo4j, startTestApi } from '../support/testApi.js';
import { TEST_SECRET } from './support.js';

const embedded: Config['neo4j'] = embeddedTestNeo4j('/tmp/none');
const external: Config['neo4j'] = { mode: 'external', uri: 'bolt://127.0.0.1:7687', username: 'neo4j', password: 'x', database: undefined };
const http = (host: string): Config['http'] => ({ host, port: 4000, corsOrigins: false, introspection: true });

/** Runs `npm start`'s entry point and collects what it says before exiting. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'main.ts')], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NEO4J_EMBEDDED_CDS: 'false', LOG_LEVEL: 'silent', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('secure by default: a network HOST needs authentication', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect({ host, loopback: isLoopback(host) }).toEqual({ host, loopback: true });
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '128.0.0.1']) expect({ host, loopback: isLoopback(host) }).toEqual({ host, loopback: false });
  });

  it('allows loopback with nothing configured, whatever the anonymous role', () => {
    expect(exposureProblem({ http: http('127.0.0.1'), neo4j: external, auth: { anonymousRole: 'admin' } })).toBeUndefined();
  });

  it('allows a network with a JWKS or a shared secret configured', () => {
    expect(exposureProblem({ http: http('0.0.0.0'), neo4j: external, auth: { anonymousRole: 'viewer', jwksUrl: 'https://idp/jwks', issuer: 'i', audience: 'a' } })).toBeUndefined();
    expect(exposureProblem({ http: http('0.0.0.0'), neo4j: external, auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET } })).toBeUndefined();
  });

  it('counts the embedded default\'s generated secret only while anonymous requests get at most viewer', () => {
    expect(exposureProblem({ http: http('0.0.0.0'), neo4j: embedded, auth: { anonymousRole: 'viewer' } })).toBeUndefined();
    expect(exposureProblem({ http: http('0.0.0.0'), neo4j: embedded, auth: { anonymousRole: 'none' } })).toBeUndefined();
    expect(exposureProblem({ http: http('0.0.0.0'), neo4j: embedded, auth: { anonymousRole: 'analyst' } })).toMatch(/AUTH_ANONYMOUS_ROLE=viewer/);
  });

  it('refuses a network with nothing to verify tokens with (NEO4J_URI, no JWKS, no secret), saying what to set', () => {
    expect(exposureProblem({ http: http('0.0.0.0'), neo4j: external, auth: { anonymousRole: 'viewer' } })).toMatch(/HOST=0\.0\.0\.0 serves the network, but no authentication is configured\. Set AUTH_JWKS_URL .* or AUTH_JWT_SECRET/);
  });

  it('refuses to start the server itself on such a configuration', async () => {
    await expect(startTestApi({ host: '0.0.0.0' }, undefined, { auth: { anonymousRole: 'viewer' } })).rejects.toThrow(/no authentication is configured/);
    const api = await startTestApi({ host: '0.0.0.0' }, undefined, { auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET } });
    await api.stop();
  });

  it('npm start exits 2 with the message before starting Neo4j', async () => {
    const external = await start({ HOST: '0.0.0.0', NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'x' });
    expect(external.code).toBe(2);
    expect(external.output).toMatch(/Scam Atlas will not start: HOST=0\.0\.0\.0 serves the network.*AUTH_JWT_SECRET/);
    const anonymousAnalyst = await start({ HOST: '0.0.0.0', AUTH_ANONYMOUS_ROLE: 'analyst', NEO4J_EMBEDDED_DATA_DIR: '/nonexistent/scam-atlas' });
    expect(anonymousAnalyst.code).toBe(2);
    expect(anonymousAnalyst.output).toMatch(/anonymous requests would be AUTH_ANONYMOUS_ROLE=analyst/);
  }, 60_000);
});

describe('authentication configuration', () => {
  const invalid = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('reads the AUTH_* variables', () => {
    const config = loadConfig({ AUTH_JWKS_URL: 'https://idp.example.org/jwks.json', AUTH_ISSUER: 'https://idp.example.org/', AUTH_AUDIENCE: 'api', AUTH_ROLE_CLAIM: 'realm_access.roles', AUTH_ANONYMOUS_ROLE: 'none' });
    expect(config.auth).toEqual({ anonymousRole: 'none', jwksUrl: 'https://idp.example.org/jwks.json', jwtSecret: undefined, issuer: 'https://idp.example.org/', audience: 'api', roleClaim: 'realm_access.roles' });
    expect(loadConfig({}).auth).toEqual({ anonymousRole: 'viewer', jwksUrl: undefined, jwtSecret: undefined, issuer: undefined, audience: undefined, roleClaim: 'role' });
  });

  it('refuses a JWKS without issuer and audience, both a JWKS and a secret, a short secret (without echoing it), a bad URL', () => {
    expect(invalid({ AUTH_JWKS_URL: 'https://idp/jwks' })).toMatch(/AUTH_ISSUER and AUTH_AUDIENCE must be set/);
    expect(invalid({ AUTH_JWKS_URL: 'https://idp/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_JWT_SECRET: TEST_SECRET })).toMatch(/both set: set one/);
    const short = invalid({ AUTH_JWT_SECRET: 'hunter2' });
    expect(short).toMatch(/AUTH_JWT_SECRET must be at least 32 characters/);
    expect(short).not.toContain('hunter2');
    expect(invalid({ AUTH_JWKS_URL: 'ftp://idp/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' })).toMatch(/AUTH_JWKS_URL must be an http\(s\) URL/);
    expect(invalid({ AUTH_ROLE_CLAIM: 'a..b' })).toMatch(/AUTH_ROLE_CLAIM must be a claim name or a dotted path/);
  });
});
