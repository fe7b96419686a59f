import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { projectRoot } from '../../src/config/index.js';

/**
 * Headless Chromium for the explorer's end-to-end tests: Debian's `chromium` package (a test tool's
 * own browser download does not work on this machine), driven by playwright-core. Missing Chromium
 * fails the test loudly: .ci/run installs it.
 */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Screenshots, kept as test artefacts. */
export const ARTEFACTS = path.join(projectRoot, 'test-results', 'ui');

/** Flags that keep Chromium from reaching for the network at start (refused here, many at a time). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium), as .ci/run does, or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Builds the explorer if its sources changed since the last build (the API serves dist/ui). */
export function ensureExplorerBuilt(): void {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'build-if-stale.mjs')], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status}): the explorer cannot be tested`);
}

/**
 * Saves a screenshot as an artefact and fails when it is blank: fewer than `minColours` distinct
 * colours (a white page, or one background) means nothing was drawn.
 */
export async function screenshotNotBlank(page: Page, name: string, minColours = 12): Promise<number> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const buffer = await page.screenshot({ fullPage: false });
  writeFileSync(path.join(ARTEFACTS, `${name}.png`), buffer);
  const png = PNG.sync.read(buffer);
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 7) colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
  if (colours.size < minColours) throw new Error(`Screenshot ${name} looks blank: ${colours.size} colours`);
  return colours.size;
}

/** Counts the pixels of the page's WebGL canvases that are not the background: whether sigma drew anything. */
export async function drawnPixels(page: Page): Promise<number> {
  const buffer = await page.locator('[data-testid="canvas"]').screenshot();
  const png = PNG.sync.read(buffer);
  let drawn = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 235 || png.data[i + 1]! < 235 || png.data[i + 2]! < 235) drawn += 1;
  return drawn;
}


