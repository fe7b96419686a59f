import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One Neo4j for the whole run, started (or reached through NEO4J_URI) by the global setup.
    globalSetup: ['test/support/globalSetup.ts'],
    // Test files share that database; running them one after another keeps graph-wide assertions
    // (counts, aggregates) meaningful, and a 2-core machine gains little from parallel files.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: process.env['CI'] ? ['default'] : ['default'],
  },
});
