import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'neo4j/lib/', 'neo4j/plugins/', 'neo4j/target/', 'coverage/', '.data/', 'scratch/', 'ui/src/gql/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly', fetch: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'neo4j-driver', importNames: ['default'], message: 'Reach Neo4j through src/database (Database) so every query is bounded, routed and counted.' }] },
      ],
    },
  },
  {
    // The request's caches are filled through Loaders.rememberEntities / replaceEntity only: they hold
    // what is right for every spot of the request, never one spot's projection or fetched-ahead pages.
    files: ['src/**'],
    ignores: ['src/loaders/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name='prime']",
        message: 'Fill the request cache through loaders.rememberEntities (or replaceEntity/replaceRelationship), which keeps fetched-ahead pages and projections out of it.',
      }],
    },
  },
  {
    // The layers that are allowed to build drivers: the database layer, the CLI entry points and tests.
    files: ['src/database/**', 'test/**', 'bench/**', 'src/cli/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
