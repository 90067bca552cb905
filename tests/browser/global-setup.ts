import { existsSync } from 'node:fs';
import bundled from '@sparticuz/chromium';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: { path: string; bundled: boolean };
  }
}

/**
 * Picks the Chromium for the browser tests once, before any test file runs: `CHROMIUM_PATH` when it
 * names an existing binary, else the one inside the `@sparticuz/chromium` npm package, unpacked here
 * once so parallel test files never race to unpack it.
 */
export default async function setup(project: TestProject): Promise<void> {
  const override = process.env.CHROMIUM_PATH;
  if (override && existsSync(override)) {
    project.provide('chromium', { path: override, bundled: false });
    return;
  }
  if (override) console.warn(`CHROMIUM_PATH=${override} does not exist; using the Chromium bundled with @sparticuz/chromium`);
  project.provide('chromium', { path: await bundled.executablePath(), bundled: true });
}
