import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for every importer (the package has no exports map), so a
    // server has one graphql; Vite would give our sources its ES build (`module`) and Apollo,
    // graphql-tools and graphql-jit the CommonJS one: two instances, each refusing the other's schema.
    // One instance here too, as in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
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
