import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, projectRoot } from '../../src/config/index.js';

describe('loadConfig', () => {
  it('defaults to the embedded Neo4j on loopback with documented defaults', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4000, corsOrigins: false, introspection: true });
    expect(config.neo4j).toEqual({
      mode: 'embedded',
      dataDir: path.join(projectRoot, '.data', 'neo4j'),
      boltPort: 7687,
      heap: '4g',
      pageCache: '4g',
      startTimeoutMs: 120_000,
      classDataSharing: true,
      preparedStore: true,
      database: undefined,
    });
    expect(loadConfig({ NEO4J_EMBEDDED_CDS: 'false' }).neo4j).toMatchObject({ mode: 'embedded', classDataSharing: false });
    expect(loadConfig({ NEO4J_EMBEDDED_PREPARED_STORE: 'false' }).neo4j).toMatchObject({ mode: 'embedded', preparedStore: false });
  });

  it('reads the operation limits, the request deadline and the rate limit, with the documented defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.requestTimeoutMs).toBe(30_000);
    expect(defaults.limits).toEqual({ maxDepth: 20, maxAliases: 30, maxRootFields: 20, maxDirectives: 50, maxTokens: 2_000, maxCost: 200_000, costPointsPerMinute: 1_000_000 });
    const set = loadConfig({
      REQUEST_TIMEOUT_MS: '5000', MAX_QUERY_DEPTH: '8', MAX_QUERY_ALIASES: '0', MAX_QUERY_ROOT_FIELDS: '3', MAX_QUERY_DIRECTIVES: '4',
      MAX_QUERY_TOKENS: '500', MAX_QUERY_COST: '1000', RATE_LIMIT_COST_PER_MINUTE: '0',
    });
    expect(set.requestTimeoutMs).toBe(5_000);
    expect(set.limits).toEqual({ maxDepth: 8, maxAliases: 0, maxRootFields: 3, maxDirectives: 4, maxTokens: 500, maxCost: 1_000, costPointsPerMinute: 0 });
    expect(() => loadConfig({ MAX_QUERY_COST: 'lots' })).toThrowError(/MAX_QUERY_COST must be a whole number/);
    expect(() => loadConfig({ MAX_QUERY_DEPTH: '0' })).toThrowError(/MAX_QUERY_DEPTH must be a positive whole number/);
  });

  it('reads which executor and which HTTP pipeline carry a request, fast paths by default', () => {
    expect(loadConfig({})).toMatchObject({ executor: 'compiled', httpPipeline: 'direct' });
    expect(loadConfig({ EXECUTOR: 'graphql-js', HTTP_PIPELINE: 'express' })).toMatchObject({ executor: 'graphql-js', httpPipeline: 'express' });
    expect(() => loadConfig({ HTTP_PIPELINE: 'fastest' })).toThrowError(/HTTP_PIPELINE must be one of direct, express/);
  });

  it('selects an external Neo4j when NEO4J_URI is set', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_PASSWORD: 'secret', NEO4J_DATABASE: 'atlas' });
    expect(config.neo4j).toEqual({ mode: 'external', uri: 'neo4j+s://abc.databases.neo4j.io', username: 'neo4j', password: 'secret', database: 'atlas' });
  });

  it('names the variable and the expected form for a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/PORT must be a whole number \(got "eighty"\)/);
    expect(() => loadConfig({ PORT: '70000' })).toThrowError(/PORT must be at most 65535/);
    expect(() => loadConfig({ NEO4J_EMBEDDED_HEAP: 'lots' })).toThrowError(/NEO4J_EMBEDDED_HEAP must be a size such as 512m or 4g/);
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrowError(/NEO4J_URI must be a Neo4j URI/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrowError(/LOG_LEVEL must be one of/);
    expect(() => loadConfig({ CORS_ORIGINS: 'localhost:5173' })).toThrowError(/CORS_ORIGINS must be \* or a comma-separated list/);
  });

  it('lists every bad variable at once, and never echoes a password', () => {
    try {
      loadConfig({ PORT: 'x', NEO4J_QUERY_TIMEOUT_MS: '-5', NEO4J_URI: 'bolt://h:7687' });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/NEO4J_QUERY_TIMEOUT_MS must be a positive number of milliseconds/);
    }
    expect(() => loadConfig({ NEO4J_URI: 'bolt://h:7687' })).toThrowError(/NEO4J_PASSWORD must be set when NEO4J_URI is set/);
  });

  it('reads CORS origins as a list, * as any origin, empty as none', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).http.corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(loadConfig({ CORS_ORIGINS: '*' }).http.corsOrigins).toBe(true);
    expect(loadConfig({ CORS_ORIGINS: '' }).http.corsOrigins).toBe(false);
  });
});
