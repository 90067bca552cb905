import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** How to start a worker thread: a module to load, or (from sources) a script to evaluate. */
export type WorkerEntry = { url: URL; eval?: false } | { script: string; eval: true };

/**
 * Where the worker thread's module is and how to start it. Compiled (dist/) it is the `.js` beside
 * this file. Run from sources (vitest, tsx) it is the `.ts`, and Node 20 does not apply `--import tsx`
 * to a worker's entry, so a small script registers tsx's loader in the worker, then imports it.
 * Example: `workerEntry('batch-worker')` from `dist/pipeline/` → `{ url: …/dist/pipeline/batch-worker.js }`.
 */
export function workerEntry(name: string): WorkerEntry {
  const fromSource = new URL(import.meta.url).pathname.endsWith('.ts');
  const url = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return { url };
  // tsx is a development dependency: only looked up when running from sources.
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exported = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'];
  const api = pathToFileURL(join(dirname(manifest), exported.import.default)).href;
  return { script: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, eval: true };
}
