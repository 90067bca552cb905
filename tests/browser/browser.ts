import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startSeedServer } from '../helpers.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = 'test-artifacts';

/** Debian's Chromium, headless; fails with the install command rather than skipping. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: run \`apt-get install -y chromium fonts-wqy-microhei\` (or set CHROMIUM_PATH). .ci/run installs it.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Registers hooks that start the seed server and Chromium for a test file and stop them after. */
export function useSeedBrowser(): { browser: Browser; base: string } {
  const ctx = {} as { browser: Browser; base: string; server: Server };
  beforeAll(async () => {
    Object.assign(ctx, await startSeedServer());
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    ctx.server?.close();
  });
  return ctx;
}
