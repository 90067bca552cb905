import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import bundled from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { startSeedServer } from '../helpers.ts';

export const ARTIFACTS = 'test-artifacts';

/**
 * Headless Chromium for the browser tests: by default the one shipped inside the
 * `@sparticuz/chromium` npm package, so `npm install && npm test` needs no system package;
 * `CHROMIUM_PATH` points at another binary (chosen once in global-setup.ts). Chinese renders from
 * the site's own fallback font (Noto Sans SC under /static/fonts), not from the machine's fonts.
 */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const picked = inject('chromium');
  return chromium.launch({
    executablePath: picked.path,
    headless: true,
    args: [
      // The bundled build's own flags, except --single-process: made for one-page serverless runs,
      // it ends the whole browser when a test closes its first page.
      ...(picked.bundled ? bundled.args.filter((a) => a !== '--single-process') : ['--no-sandbox', '--disable-gpu']),
      // A closed network: no background connections to stall start-up.
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
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

/**
 * Waits for web fonts and checks that the site's Chinese font is the one drawing the page, so a
 * screenshot shows Chinese rather than boxes on a machine without CJK fonts.
 */
export async function expectChineseFont(page: Page): Promise<void> {
  const loaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.family.replace(/['"]/g, '') === 'Noto Sans SC' && f.status === 'loaded').length;
  });
  expect(loaded, 'no Noto Sans SC subset loaded: check /static/fonts/noto-sans-sc and the font-family in site.css').toBeGreaterThan(0);
}
