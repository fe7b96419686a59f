/**
 * GraphiQL at /graphiql, bundled from npm (no CDN: it works offline). The Monaco editors run in module
 * workers that Vite emits next to the page (graphiql/setup-workers/vite), so the page needs no eval
 * and no worker from another origin.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher, createLocalStorage, type Fetcher } from '@graphiql/toolkit';
import { Kind, parse } from 'graphql';
import readme from '../../../README.md?raw';
import storyQueries from '../../../docs/story-queries.md?raw';
import { commentLines, exampleTabQueries, extractGraphqlExamples } from './examples';

/** Where the explorer keeps the signed-in token (ui/src/api/session.ts). */
const TOKEN_KEY = 'scam-atlas.token';
const STORAGE_PREFIX = 'scam-atlas.graphiql';

function signedInToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || null;
  } catch {
    return null;
  }
}

const token = signedInToken();

const INTRO_QUERY = [
  '# Scam Atlas — GraphiQL',
  '#',
  ...commentLines(
    'What the API answers depends on the role in the Authorization header (the Headers tab below the ' +
      'editor). Without a token a request is the public "viewer" role: victims do not exist for it.',
  ),
  '#',
  ...(token
    ? commentLines('The headers hold the token you signed in with in the explorer (/explore).')
    : [
        '# To act as an analyst (or another role), mint a token:',
        '#   npm run token -- --role analyst --subject you',
        '# and put it in the Headers editor below:',
        '#   {"Authorization": "Bearer <paste a token from npm run token -- --role analyst --subject you>"}',
      ]),
  '#',
  ...commentLines(
    'The other tabs hold the example queries of README.md and docs/story-queries.md. Run a tab with the ' +
      '▶ button or Ctrl/Cmd+Enter; the Docs button (top left) shows the schema.',
  ),
  'query WhoAmI {',
  '  viewer {',
  '    role',
  '    subject',
  '    seesVictims',
  '    readsProtected',
  '    exactAggregates',
  '    mayWrite',
  '  }',
  '}',
  '',
].join('\n');

const examples = [...extractGraphqlExamples(readme, 'README.md'), ...extractGraphqlExamples(storyQueries, 'docs/story-queries.md')];
const defaultTabs = [INTRO_QUERY, ...exampleTabQueries(examples)].map((query) => ({ query }));

const defaultHeaders = token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : '{}';

/** A short, stable hash (FNV-1a) of the default tabs: new examples give a fresh GraphiQL state. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * GraphiQL keeps its tabs in localStorage and shows the defaults only when none are stored: under a
 * namespace named after the defaults, the examples are those of this build, and a user's edits stay
 * until the examples change. The states of earlier builds are dropped. Headers are never stored
 * (shouldPersistHeaders is off, and no history plugin, which would save each run's headers), so a
 * token is not left in localStorage (test/ui/explorer.test.ts checks).
 */
function tabStorage(): ReturnType<typeof createLocalStorage> | undefined {
  try {
    const namespace = `${STORAGE_PREFIX}.${hash(defaultTabs.map((tab) => tab.query).join('\u0000'))}`;
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(`${STORAGE_PREFIX}.`) && !key.startsWith(`${namespace}:`)) localStorage.removeItem(key);
    }
    return createLocalStorage({ namespace });
  } catch {
    return undefined; // no localStorage (e.g. blocked): GraphiQL then keeps nothing
  }
}

const httpFetcher = createGraphiQLFetcher({ url: '/graphql' });

/**
 * GraphiQL learns a tab's operation name 100 ms after the editor changes: run right after switching
 * tabs and it would send the previous tab's name, which the API refuses. A name the document does not
 * define is replaced by its only operation's (or dropped).
 */
const fetcher: Fetcher = (params, options) => {
  if (params.operationName) {
    try {
      const names = parse(params.query)
        .definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
        .map((operation) => operation.name?.value ?? null);
      if (!names.includes(params.operationName)) {
        const [only] = names;
        return httpFetcher({ ...params, operationName: names.length === 1 && only ? only : undefined }, options);
      }
    } catch {
      // not parseable: send it as it is, the API says what is wrong
    }
  }
  return httpFetcher(params, options);
};
const storage = tabStorage();

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      storage={storage}
      defaultTabs={defaultTabs}
      defaultQuery={INTRO_QUERY}
      defaultHeaders={defaultHeaders}
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
      // No history plugin (GraphiQL's default): it saves each run's headers — the bearer token — in localStorage.
      plugins={[]}
      defaultEditorToolsVisibility="headers"
    >
      <GraphiQL.Logo>
        <a className="scam-atlas-graphiql-logo" href="/explore" title="Back to the Scam Atlas explorer" aria-label="Back to the Scam Atlas explorer">
          <span aria-hidden="true">←</span> Explorer
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

const container = document.getElementById('graphiql');
if (!container) throw new Error('GraphiQL: the page has no #graphiql element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
