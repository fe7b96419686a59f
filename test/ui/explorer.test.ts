import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftmValidate } from '../interchange/support.js';
import type { Browser, Page } from 'playwright-core';
import { seedDemoData } from '../../src/seed/index.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { bearer, hs256Token, TEST_SECRET } from '../auth/support.js';
import { checkDashboards } from './dashboardsCheck.js';
import { checkGraphiql } from './graphiqlCheck.js';
import { ARTEFACTS, drawnPixels, ensureExplorerBuilt, launchChromium, screenshotNotBlank } from './browser.js';

/**
 * The explorer, driven in headless Chromium against the real API and the demo story: what an
 * analyst, a viewer and an investigator each see. The explorer only speaks to the API, so the role
 * of its token decides everything it shows.
 */

const PROTECTED_PERSON = 'person:explorer-test-protected';

// What the functions run inside the page use of the browser (this file is compiled without the DOM library).
declare const document: { querySelectorAll(selector: string): { length: number } };
declare const sessionStorage: { setItem(key: string, value: string): void };
declare const window: { location: { hash: string } };

describe('the explorer in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ensureExplorerBuilt();
    api = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET } });
    await seedDemoData(api.db);
    for (const role of ['viewer', 'analyst', 'investigator', 'admin']) tokens[role] = await hs256Token({ role }, { subject: `${role}-e2e` });
    const written = await api.graphql(
      `mutation { upsertPerson(input: { id: "${PROTECTED_PERSON}", name: "Recruiter 'Explorer Test'", roles: [RECRUITER], pseudonymous: true, illustrative: true,
        legalName: "Secret Legal Name", phones: ["+66 80 000 0000"], provenance: [{ source: "source:interpol-2025-trafficking-fraud-statement", reliability: A, credibility: 3 }] }) { id } }`,
      {}, bearer(tokens['admin']!),
    );
    expect(written.errors).toBeUndefined();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.db.writeTransaction((tx) => tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: PROTECTED_PERSON }));
    await api?.stop();
  });

  /** A fresh page signed in as `role` (the token in sessionStorage, where the sign-in form puts it), or anonymous. */
  async function open(role: string | null, hash = ''): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error' && !/favicon/.test(message.text())) problems.push(message.text()); });
    (page as Page & { problems?: string[] }).problems = problems;
    if (role) await context.addInitScript((token) => sessionStorage.setItem('scam-atlas.token', token), tokens[role]!);
    await page.goto(`${api.url}/explore${hash}`);
    await page.getByTestId('role').filter({ hasText: role ?? 'anonymous' }).waitFor();
    return page;
  }
  const problemsOf = (page: Page) => (page as Page & { problems?: string[] }).problems ?? [];

  async function searchAndPick(page: Page, text: string, name: string | RegExp): Promise<void> {
    await page.getByTestId('search').fill(text);
    const option = page.getByTestId('suggestions').getByRole('option').filter({ hasText: name }).first();
    await option.waitFor();
    await option.dispatchEvent('mousedown');
    await page.getByTestId('entity-card').getByRole('heading', { name }).waitFor();
  }

  const entitiesOnCanvas = async (page: Page) => page.getByTestId('canvas-entities').locator('button').allTextContents();

  it('/ opens the explorer, and shows the role of the anonymous request', async () => {
    const page = await open(null);
    expect(new URL(page.url()).pathname).toBe('/explore');
    await expect(page.getByTestId('role').textContent()).resolves.toMatch(/anonymous · viewer/);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('finds Myanmar from "Myanmr", draws it, and shows its card with sources and grades; expands it', async () => {
    const page = await open('analyst');
    await searchAndPick(page, 'Myanmr', 'Myanmar');
    const card = page.getByTestId('entity-card');
    await expect(card.getByTestId('sources').textContent()).resolves.toMatch(/INTERPOL.*A\d|A\d.*INTERPOL/s);
    await expect(card.locator('.grade').first().textContent()).resolves.toMatch(/^[A-F][1-6]$/);
    await page.getByTestId('status').filter({ hasText: '1 entities' }).waitFor();
    await card.getByTestId('expand').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="canvas-entities"] button').length > 3);
    const names = await entitiesOnCanvas(page);
    expect(names.join('|')).toMatch(/Thailand|Kayin State|Southeast Asia/);
    await page.waitForTimeout(500);
    expect(await drawnPixels(page)).toBeGreaterThan(500);
    await screenshotNotBlank(page, 'expand-myanmar');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('finds the paths from the U.S. fraud victim to the Chinese national\'s account, with their steps', async () => {
    const page = await open('analyst');
    await searchAndPick(page, 'Fraud victim US-1', 'Fraud victim US-1');
    await page.getByTestId('path-start').click();
    await searchAndPick(page, 'Exchange account of CN-1', 'Exchange account of CN-1 (Thailand)');
    await page.getByTestId('path-to').click();
    const panel = page.getByTestId('paths-panel');
    await panel.waitFor();
    const steps = await panel.getByTestId('path-step').allTextContents();
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.join('\n')).toMatch(/TRANSFERRED/);
    expect(steps.join('\n')).toMatch(/Exchange account of CN-1/);
    await screenshotNotBlank(page, 'paths-us-victim-to-cn-account');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('follows the money from the scam-linked wallet, with the transfers in time order', async () => {
    const page = await open('analyst');
    await searchAndPick(page, 'Scam-linked wallet', 'Scam-linked wallet W-1');
    await page.getByTestId('follow-money').click();
    const panel = page.getByTestId('money-panel');
    await panel.waitFor();
    const transfers = await panel.getByTestId('trail-transfers').locator('li').allTextContents();
    expect(transfers.length).toBeGreaterThanOrEqual(3);
    expect(transfers.join('\n')).toMatch(/Exchange account of CN-1/);
    const times = transfers.map((line) => line.slice(0, 16));
    expect(times).toEqual([...times].sort());
    await screenshotNotBlank(page, 'money-from-scam-wallet');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('as a viewer, shows no victim anywhere: not in search, not on the canvas, not in a card', async () => {
    const page = await open('viewer');
    await page.getByTestId('search').fill('Victim');
    // Wait for the answer (suggestions, or the "nothing found" hint), not for a fixed time.
    await page.locator('[data-testid="suggestions"], .search .hint').first().waitFor();
    const suggestions = await page.getByTestId('suggestions').getByRole('option').allTextContents();
    expect(suggestions.join('|')).not.toMatch(/Victim (UG|MY)|Fraud victim/);
    await page.getByTestId('search').fill('');
    // A shared link that expands the Myanmar compound, where three Ugandan victims are held.
    const hash = `#s=${Buffer.from(JSON.stringify([{ t: 'add', id: 'scamcentre:mm-myawaddy-1' }, { t: 'expand', id: 'scamcentre:mm-myawaddy-1' }])).toString('base64url')}`;
    await page.evaluate((fragment) => { window.location.hash = fragment; }, hash);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="canvas-entities"] button').length > 1);
    const names = await entitiesOnCanvas(page);
    expect(names.length).toBeGreaterThan(1);
    expect(names.join('|')).not.toMatch(/Victim/);
    await screenshotNotBlank(page, 'viewer-no-victims');
    await page.context().close();
  });

  it('as an investigator, shows protected fields; as an analyst, does not', async () => {
    for (const [role, shows] of [['investigator', true], ['analyst', false]] as const) {
      const page = await open(role, `#s=${Buffer.from(JSON.stringify([{ t: 'add', id: PROTECTED_PERSON }])).toString('base64url')}`);
      await page.getByTestId('canvas-entities').locator(`button[data-id="${PROTECTED_PERSON}"]`).dispatchEvent('click');
      const card = page.getByTestId('entity-card');
      await card.waitFor();
      await expect(card.getByTestId('protected-fields').count()).resolves.toBe(shows ? 1 : 0);
      if (shows) await expect(card.getByTestId('protected-fields').textContent()).resolves.toMatch(/Secret Legal Name.*\+66 80 000 0000/s);
      await page.context().close();
    }
  });

  it('serves GraphiQL offline at /graphiql, with the signed-in token in its headers and the README\'s queries as tabs', async () => {
    const page = await open('analyst');
    await checkGraphiql(page, api.url);
    // The token lives in this tab's sessionStorage only: nothing GraphiQL keeps on disk holds it.
    const kept = await page.evaluate(() => Object.values((globalThis as unknown as { localStorage: Record<string, string> }).localStorage).join('\n'));
    expect(kept).not.toContain(tokens['analyst']!.split('.')[2]);
    await screenshotNotBlank(page, 'graphiql');
    await page.context().close();
  });

  it('draws the dashboards: four charts and the world map, with numbers for an investigator', async () => {
    const page = await open('investigator');
    await page.getByTestId('tab-dashboards').click();
    await checkDashboards(page);
    await screenshotNotBlank(page, 'dashboards');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('undoes step by step, and a copied link replays the same view for whoever opens it', async () => {
    const page = await open('analyst');
    // Keyboard only: type, arrow down to the suggestion, Enter.
    await page.getByTestId('search').focus();
    await page.keyboard.type('Compound MM-1 near Myawaddy');
    await page.getByTestId('suggestions').getByRole('option').filter({ hasText: 'Compound MM-1 near Myawaddy' }).first().waitFor();
    // Down and back up to the best hit, then Enter.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('suggestions').locator('[aria-selected="true"]').textContent()).resolves.toMatch(/Compound MM-1 near Myawaddy/);
    await page.keyboard.press('Enter');
    await page.getByTestId('entity-card').getByTestId('expand').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="canvas-entities"] button').length > 3);
    const expanded = (await entitiesOnCanvas(page)).length;
    const link = page.url();
    expect(new URL(link).hash).toMatch(/^#s=/);
    const other = await open('analyst');
    await other.goto(link);
    await other.waitForFunction((n) => document.querySelectorAll('[data-testid="canvas-entities"] button').length === n, expanded);
    await other.context().close();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="canvas-entities"] button').length === 1);
    await expect(entitiesOnCanvas(page)).resolves.toEqual([expect.stringMatching(/Compound MM-1/)]);
    await page.context().close();
  });

  it('draws the network as of a date: the October 2025 arrest is not on the canvas before it, and the date travels in the link', async () => {
    const operation = /INTERPOL's first operation/;
    const actions = [{ t: 'add', id: 'person:recruiter-kay' }, { t: 'expand', id: 'person:recruiter-kay' }];
    const page = await open('analyst', `#s=${Buffer.from(JSON.stringify(actions)).toString('base64url')}&asOf=2025-10-15`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="canvas-entities"] button').length > 1);
    await expect(page.getByTestId('as-of').inputValue()).resolves.toBe('2025-10-15');
    const before = await entitiesOnCanvas(page);
    expect(before.some((label) => operation.test(label))).toBe(false);
    // The day of the arrest: the operation is drawn, and the link keeps the date.
    await page.getByTestId('as-of').fill('2025-10-16');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="canvas-entities"] button')).some((b) => /INTERPOL's first operation/.test((b as { textContent: string | null }).textContent ?? '')));
    expect(new URL(page.url()).hash).toMatch(/&asOf=2025-10-16$/);
    // Today's graph again.
    await page.getByRole('button', { name: 'Today' }).click();
    await expect(page.getByTestId('as-of').inputValue()).resolves.toBe('');
    await page.waitForFunction(() => !/asOf=/.test(window.location.hash));
    await page.context().close();
  });

  it('filters the canvas by the timeline (three transfers on three days between two accounts)', async () => {
    const page = await open('analyst', `#s=${Buffer.from(JSON.stringify([{ t: 'add', id: 'account:scam-wallet-w1' }, { t: 'money', id: 'account:scam-wallet-w1', direction: 'DOWNSTREAM' }])).toString('base64url')}`);
    await page.getByTestId('money-panel').waitFor();
    await page.getByTestId('timeline').waitFor();
    const status = page.getByTestId('status');
    const before = await status.textContent();
    expect(before).toMatch(/2 entities · 3 links/);
    // The "From" handle to its last position (keyboard): only the last day's links remain.
    await page.getByTestId('timeline').getByLabel('From').focus();
    await page.keyboard.press('End');
    await expect(status.textContent()).resolves.toMatch(/\(1 in the time window\)/);
    await screenshotNotBlank(page, 'timeline');
    await page.context().close();
  });

  it('exports the view as PNG, GraphML and FollowTheMoney that the followthemoney library accepts', async () => {
    const page = await open('analyst', `#s=${Buffer.from(JSON.stringify([{ t: 'paths', from: 'person:us-fraud-victim-1', to: 'account:cn-holder-exchange' }])).toString('base64url')}`);
    await page.getByTestId('paths-panel').waitFor();
    const saved: Record<string, string> = {};
    for (const [button, name] of [['export-png', 'view.png'], ['export-graphml', 'view.graphml'], ['export-ftm', 'view.ftm.jsonl']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
      const file = path.join(ARTEFACTS, name);
      await download.saveAs(file);
      saved[button] = file;
    }
    expect(readFileSync(saved['export-png']!).subarray(1, 4).toString()).toBe('PNG');
    const graphml = readFileSync(saved['export-graphml']!, 'utf8');
    expect(graphml).toContain('<graphml');
    expect(graphml).toContain('account:cn-holder-exchange');
    const ftm = readFileSync(saved['export-ftm']!, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { schema: string });
    expect(ftm.map((entity) => entity.schema)).toEqual(expect.arrayContaining(['Person', 'Payment']));
    const validation = await ftmValidate(saved['export-ftm']!);
    expect(validation).toMatchObject({ entities: ftm.length, validated: ftm.length, dropped: [], stripped: [], dangling: [] });
    await expect(page.getByTestId('status').textContent()).resolves.toMatch(/Exported \d+ entities/);
    await page.context().close();
  });

  it('runs a bounded slice of the drawing benchmark (npm run bench:explorer draws 5,000 and 10,000): figures reported, not timed', async () => {
    const page = await open(null, '');
    await page.goto(`${api.url}/explore?bench`);
    await page.waitForFunction(() => typeof (globalThis as { scamAtlasBench?: unknown }).scamAtlasBench === 'function');
    const result = await page.evaluate(() => (globalThis as unknown as { scamAtlasBench: (r: object) => Promise<Record<string, unknown>> }).scamAtlasBench({ nodes: 500, edges: 1000, moves: 2, moveMs: 300 }));
    expect(result).toMatchObject({ nodes: 500, edges: 1000, iterations: expect.any(Number), layoutMs: expect.any(Number), workerMs: expect.any(Number) });
    expect((result['frames'] as { count: number }).count).toBeGreaterThan(0);
    expect(await drawnPixels(page)).toBeGreaterThan(1000);
    await page.context().close();
  });

  it('expands one relationship type from the card\'s links, and with a minimum grade', async () => {
    const page = await open('analyst');
    await searchAndPick(page, 'Myanmar', 'Myanmar');
    const card = page.getByTestId('entity-card');
    await card.getByRole('button', { name: /^TRAVELLED_TO · \d+$/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="canvas-entities"] button').length > 1);
    const names = await entitiesOnCanvas(page);
    expect(names.filter((name) => !/Myanmar/.test(name)).every((name) => /Victim UG-\d/.test(name))).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="canvas-entities"] button').length === 1);
    // Only links graded A1 (confirmed by the most reliable source): Myanmar's place in Southeast Asia.
    await card.locator('summary', { hasText: 'Expand filters' }).click();
    await card.getByLabel('Minimum reliability').selectOption('A');
    await card.getByLabel('Minimum credibility').selectOption('1');
    await card.getByTestId('expand').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="canvas-entities"] button').length > 1);
    await expect(entitiesOnCanvas(page)).resolves.toEqual([expect.stringMatching(/^L?Myanmar/), expect.stringMatching(/^L?Southeast Asia/)]);
    await page.context().close();
  });
});
