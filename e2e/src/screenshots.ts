import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './server.ts';

export const screenshotDir = path.join(repoRoot, 'e2e', 'screenshots');

/**
 * Numbered full-page screenshots for one journey: e2e/screenshots/<journey>-<nn>-<step>.png, so a
 * person can page through what the journey saw in order. `viewport: true` takes only what is on the
 * screen, for a sheet or dialog fixed to it (a full page would draw it in the middle of the page).
 */
export function screenshotsFor(journey: string): (page: Page, step: string, options?: { viewport?: boolean }) => Promise<string> {
  let count = 0;
  fs.mkdirSync(screenshotDir, { recursive: true });
  for (const file of fs.readdirSync(screenshotDir)) {
    if (file.startsWith(`${journey}-`) && file.endsWith('.png')) fs.rmSync(path.join(screenshotDir, file));
  }
  return async (page, step, options = {}) => {
    count += 1;
    const file = path.join(screenshotDir, `${journey}-${String(count).padStart(2, '0')}-${step}.png`);
    // Let fonts and late layout settle so the picture shows what a person would see.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: file, fullPage: !options.viewport, animations: 'disabled' });
    return file;
  };
}
