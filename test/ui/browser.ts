// Shared set-up for the UI browser tests: Debian's Chromium through playwright-core
// (never a downloaded browser), the built UI, and console-error bookkeeping.

import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const UI_DIR = fileURLToPath(new URL('../../ui/', import.meta.url));
export const DIST_DIR = fileURLToPath(new URL('../../ui/dist/', import.meta.url));
export const SHOTS_DIR = fileURLToPath(new URL('../../.tmp/screenshots/', import.meta.url));

/** Builds the UI when ui/dist is missing (the root `npm test` builds it first). */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(`${DIST_DIR}index.html`)) return;
  const { build } = await import('vite');
  await build({ root: UI_DIR, configFile: `${UI_DIR}vite.config.ts`, logLevel: 'warn' });
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SHOTS_DIR}${name}.png`, fullPage: false });
}
