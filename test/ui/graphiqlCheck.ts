import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The documents whose ```graphql blocks GraphiQL opens as tabs (ui/src/graphiql/main.tsx). */
const EXAMPLE_DOCUMENTS = ['../../README.md', '../../docs/story-queries.md'];

/** How many ```graphql fenced blocks the README and docs/story-queries.md hold. */
export function countGraphqlBlocks(): number {
  let count = 0;
  for (const document of EXAMPLE_DOCUMENTS) {
    const text = readFileSync(new URL(document, import.meta.url), 'utf8');
    count += text.match(/^ {0,3}(?:`{3,}|~{3,})\s*graphql\b/gim)?.length ?? 0;
  }
  return count;
}

/**
 * Opens GraphiQL at `${baseUrl}/graphiql`, runs the first tab (the intro `viewer` query) and checks
 * that the answer holds "viewer" and that every example query of the docs has its tab. Throws an
 * Error saying what is wrong; waits on the page's state, never on fixed sleeps.
 */
export async function checkGraphiql(page: Page, baseUrl: string, timeoutMs = 30_000): Promise<void> {
  const url = `${baseUrl.replace(/\/+$/, '')}/graphiql`;
  const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  if (!response || !response.ok()) {
    throw new Error(`GraphiQL: GET ${url} answered ${response ? response.status() : 'nothing'} (is the UI built? npx vite build --config ui/vite.config.ts)`);
  }

  const queryEditor = page.locator('.graphiql-query-editor .monaco-editor').first();
  try {
    await queryEditor.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (error) {
    throw new Error(`GraphiQL: the query editor did not appear at ${url} within ${timeoutMs} ms: ${String(error)}`);
  }

  const tabs = page.locator('.graphiql-sessions [role="tab"]');
  const expectedTabs = countGraphqlBlocks();
  const tabCount = await tabs.count();
  if (tabCount < expectedTabs) {
    throw new Error(`GraphiQL: ${tabCount} tab(s), expected at least ${expectedTabs} (one per \`\`\`graphql block of README.md and docs/story-queries.md)`);
  }

  // The first tab is the intro `viewer` query; select it in case a stored state made another active.
  if (tabCount > 1) {
    await tabs.first().locator('button').first().click({ timeout: timeoutMs });
    await page.locator('.graphiql-sessions [role="tab"][aria-selected="true"]').first().waitFor({ timeout: timeoutMs });
    if ((await tabs.first().getAttribute('aria-selected')) !== 'true') {
      throw new Error('GraphiQL: the first tab could not be selected');
    }
  }
  const queryText = (await queryEditor.locator('.view-lines').textContent({ timeout: timeoutMs })) ?? '';
  if (!queryText.includes('viewer')) {
    throw new Error(`GraphiQL: the first tab does not hold the viewer query; it shows: ${queryText.slice(0, 200)}`);
  }

  const result = page.locator('.graphiql-response .result-window');
  await page.locator('.graphiql-execute-button').first().click({ timeout: timeoutMs });
  try {
    await result.filter({ hasText: '"viewer"' }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    const shown = ((await result.first().textContent().catch(() => null)) ?? '').replace(/\s+/g, ' ').slice(0, 300);
    throw new Error(`GraphiQL: running the first tab did not give a "viewer" result within ${timeoutMs} ms; the result pane shows: ${shown || '(nothing)'}`);
  }
}
