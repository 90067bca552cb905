import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { type LoadedIndex, loadIndexInSteps } from '../index/index-store.ts';
import type { SearchBackend } from '../search/search-backend.ts';
import { createApp } from './app.ts';

export interface ReloadingApp {
  /** The request handler to serve: each request goes to the app current when it arrives. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The index being served now. */
  current: () => LoadedIndex;
  /** Looks at the manifest once and loads a new generation if there is one; true when it swapped. */
  check: () => Promise<boolean>;
  stop: () => void;
}

/**
 * Serves the index in `dir` and picks up new generations without a restart: the manifest is read
 * about once a second; a new one is loaded in steps between requests (segments already in memory
 * are reused, only new ones read) and a fresh app swapped in at once, so a request is answered wholly by the old index or
 * wholly by the new. A generation that fails to load is logged once and the old one kept serving.
 * Example: `npm run index` adds a seed → within a second `/healthz` shows the next generation.
 */
export function reloadingApp(dir: string, loaded: LoadedIndex, options: { backend?: SearchBackend; intervalMs?: number; log?: (line: string) => void } = {}): ReloadingApp {
  const log = options.log ?? console.log;
  let served = { loaded, app: createApp(loaded, options.backend) };
  let failed: string | null = null;
  let lastStat = '';
  let loading = false;
  const check = async (): Promise<boolean> => {
    if (loading) return false;
    // A stat a second; the manifest (megabytes at a million sections) is parsed only when it was replaced.
    const stat = statKey(join(dir, 'manifest.json'));
    if (stat === lastStat) return false;
    lastStat = stat;
    const seen = manifestKey(dir);
    if (seen === null || seen === keyOf(served.loaded) || seen === failed) return false;
    const started = Date.now();
    loading = true;
    try {
      const next = await loadIndexInSteps(dir, served.loaded);
      served = { loaded: next, app: createApp(next, options.backend) };
      failed = null;
      log(`index generation ${next.manifest.generation} loaded in ${Date.now() - started} ms (${next.manifest.counts.documents} documents, ${next.manifest.counts.sections} sections)`);
      return true;
    } catch (error) {
      failed = seen;
      log(`index in ${dir}/ changed but cannot be loaded (${(error as Error).message}); still serving generation ${served.loaded.manifest.generation}`);
      return false;
    } finally {
      loading = false;
    }
  };
  const timer = setInterval(() => void check(), options.intervalMs ?? 1000);
  timer.unref();
  return {
    handler: (req, res) => served.app(req, res),
    current: () => served.loaded,
    check,
    stop: () => clearInterval(timer),
  };
}

/** What tells generations apart: a full rebuild restarts the count, so its time is part of it. */
function keyOf(loaded: LoadedIndex): string {
  return `${loaded.manifest.generation} ${loaded.manifest.builtAt}`;
}

/** Identity of the file: a rename gives a new inode, a rewrite a new time or size. */
function statKey(path: string): string {
  try {
    const s = statSync(path);
    return `${s.ino} ${s.mtimeMs} ${s.size}`;
  } catch {
    return 'missing';
  }
}

/** The manifest's key, or null while it cannot be read (a reader never sees half a rename, but a damaged file may). */
function manifestKey(dir: string): string | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { generation?: unknown; builtAt?: unknown };
    return `${m.generation} ${m.builtAt}`;
  } catch {
    return null;
  }
}
