import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium package; CI installs the same. Set CHROMIUM_PATH to use another build. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

/**
 * Launches headless Chromium for the journeys. A missing browser fails the run with instructions
 * rather than skipping: a journey that silently did not run reads like one that passed.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new ChromiumMissingError(
      `Chromium not found at ${chromiumPath}. The browser journeys need Debian's chromium: ` +
        `run \`sudo apt-get update && sudo apt-get install -y chromium\`, ` +
        `or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
