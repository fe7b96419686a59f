import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/testApi.js';

/**
 * neo4j-driver is patched (patches/neo4j-driver-core+6.3.0.patch) to format the caller's stack of a
 * result only when the result fails, not for every result. A failed statement's error must still
 * carry the stack of the code that ran it (what our logs show for a database fault).
 */
describe("a failed statement's stack", () => {
  let driver: Driver;
  beforeAll(() => {
    const config = testConfig();
    if (config.neo4j.mode !== 'external') throw new Error('test config must be external');
    driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.username, config.neo4j.password));
  });
  afterAll(async () => {
    await driver.close();
  });

  it('names the code that ran the statement, and the statement runs as before when it succeeds', async () => {
    const session = driver.session();
    try {
      const ok = await session.run('RETURN 41 + 1 AS answer');
      expect(ok.records[0]?.get('answer').toNumber()).toBe(42);
      const error = (await session.run('RETURN 1 +').then(() => undefined, (e: unknown) => e)) as Error | undefined;
      expect(error).toBeInstanceOf(Error);
      expect(error!.stack).toMatch(/^Neo4jError: /);
      expect(error!.stack).toContain('driverStacks.test.ts');
    } finally {
      await session.close();
    }
  });
});
