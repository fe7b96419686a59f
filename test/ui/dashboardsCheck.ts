import type { Page } from 'playwright-core';

/**
 * Checks the explorer's Dashboards view on an open page where it is visible: the four charts and the
 * world map are drawn (the map with its country paths). Throws an Error saying what is missing, with
 * any error the view shows (a GraphQL error message and code) so a failure explains itself.
 */
const CHARTS = [
  'chart-victims-by-nationality',
  'chart-recruitment-corridors',
  'chart-scam-centres-by-country',
  'chart-flows-by-currency-and-month',
] as const;

export async function checkDashboards(page: Page, timeoutMs = 30_000): Promise<void> {
  const root = page.locator('[data-testid="dashboards"]');
  try {
    await root.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    throw new Error('Dashboards: the view ([data-testid="dashboards"]) is not visible; is the Dashboards tab open?');
  }
  const shownErrors = async (): Promise<string> => {
    const texts = await root.locator('.dash-error, [role="alert"]').allInnerTexts();
    return texts.length > 0 ? ` The view shows: ${texts.map((t) => t.trim()).join(' | ')}` : '';
  };

  const missing: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (const testId of CHARTS) {
    const canvas = root.locator(`canvas[data-testid="${testId}"]`);
    try {
      await canvas.waitFor({ state: 'visible', timeout: Math.max(1_000, deadline - Date.now()) });
    } catch {
      missing.push(testId);
      continue;
    }
    // Chart.js sizes the canvas when it draws: a drawn chart has a non-empty bitmap.
    const drawn = await canvas.evaluate((el) => (el as unknown as { width: number; height: number }).width > 0 && (el as unknown as { width: number; height: number }).height > 0);
    if (!drawn) missing.push(`${testId} (canvas has no size: the chart was not drawn)`);
  }

  const map = root.locator('svg[data-testid="world-map"]');
  let mapProblem: string | null = null;
  try {
    await map.waitFor({ state: 'visible', timeout: Math.max(1_000, deadline - Date.now()) });
    const countries = await map.locator('path.dash-country').count();
    if (countries === 0) mapProblem = 'world-map has no country paths';
    else {
      const drawn = await map.locator('path.dash-country').first().getAttribute('d');
      if (!drawn) mapProblem = 'world-map country paths have no geometry (empty "d")';
    }
  } catch {
    mapProblem = 'world-map (svg[data-testid="world-map"]) is missing';
  }
  if (mapProblem) missing.push(mapProblem);

  if (missing.length > 0) throw new Error(`Dashboards: missing or not drawn: ${missing.join(', ')}.${await shownErrors()}`);
}
