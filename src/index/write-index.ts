import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestProblem } from '../domain.ts';
import type { BuiltIndex } from './build-index.ts';
import { syncDirectory, writeDurably } from './durable-write.ts';
import type { Manifest } from './index-store.ts';
import { SCHEMA_VERSION } from './schema.ts';
import type { SegmentEntry, SourceFile } from './segment-manifest.ts';
import { writeSegmentFiles } from './segment-files.ts';

/**
 * Writes a whole index as one segment and publishes it (tests, tools and the benchmark; `npm run
 * index` writes segments as they fill, see src/cli/update-index.ts). `files` is what the seeds
 * folder held, for later incremental runs; without it the next run rebuilds in full.
 * Example: `writeIndex('index', buildIndex(docs), { skipped: [], now })` → a manifest of generation 1 with one segment.
 */
export function writeIndex(dir: string, built: BuiltIndex, info: { skipped: IngestProblem[]; now: Date; files?: Record<string, SourceFile> }): Manifest {
  mkdirSync(dir, { recursive: true });
  const release = acquireBuildLock(dir);
  try {
    const segment = writeSegment(dir, segmentName(info.now, 0), built);
    return publishManifest(dir, {
      schemaVersion: SCHEMA_VERSION,
      generation: 1,
      builtAt: info.now.toISOString(),
      segments: [segment],
      files: info.files ?? {},
      counts: { documents: built.corpus.documents.length, sections: built.corpus.sections.length },
      skipped: info.skipped,
    });
  } finally {
    release();
  }
}

/** A segment folder name, unique per build process. Example: `segmentName(now, 2)` → `seg-1763900000000-4242-2`. */
export function segmentName(now: Date, n: number): string {
  return `seg-${now.getTime()}-${process.pid}-${n}`;
}

/** Writes one immutable segment folder, fsynced; nothing points at it until a manifest does. Example: the documents 罗湖, 福田 → `{ name, documents: 2, sections: 57, deleted: [] … }`. */
export function writeSegment(dir: string, name: string, built: BuiltIndex): SegmentEntry {
  const segDir = join(dir, name);
  mkdirSync(segDir);
  writeSegmentFiles(segDir, built);
  syncDirectory(segDir);
  return { name, documents: built.corpus.documents.length, sections: built.corpus.sections.length, deleted: [], deletedSections: 0 };
}

/**
 * Publishes a generation: the manifest is written beside the old one, fsynced and renamed over it,
 * so a crash at any moment leaves readers the previous complete generation (its segments were
 * fsynced before). Then folders no manifest names — replaced or merged segments, pieces of killed
 * builds, indexes of the old one-folder format — are removed. Call it holding the build lock.
 * Example: a manifest listing [seg-1-1-0, seg-2-9-0] → folder seg-1-1-1 (folded into seg-2-9-0) removed.
 */
export function publishManifest(dir: string, manifest: Manifest): Manifest {
  const tmp = join(dir, `manifest.json.tmp-${process.pid}`);
  writeDurably(tmp, [JSON.stringify(manifest, null, 2)]);
  renameSync(tmp, join(dir, 'manifest.json'));
  syncDirectory(dir);
  removeUnlisted(dir, manifest);
  return manifest;
}

/** Removes what the manifest does not name: folded segments, pieces of killed builds, old-format folders (`gen-…`). Holding the lock. */
export function removeUnlisted(dir: string, manifest: Manifest): void {
  const live = new Set(manifest.segments.map((s) => s.name));
  for (const entry of readdirSync(dir)) {
    if ((/^(seg|gen)-/.test(entry) && !live.has(entry)) || entry.startsWith('manifest.json.tmp-')) {
      rmSync(join(dir, entry), { recursive: true, force: true });
    }
  }
}

const LOCK = '.build.lock';

/** Another live process holds the build lock. */
export class BuildLockedError extends Error {
  override name = 'BuildLockedError';
}

/**
 * Takes `<dir>/.build.lock`, taking over a lock whose process is gone (a killed build): two writers
 * would otherwise delete each other's new segments. Returns the release function.
 */
export function acquireBuildLock(dir: string): () => void {
  const path = join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new BuildLockedError(`another index build (pid ${holder}) is writing ${dir}/; wait for it to finish, or delete ${path} if no build is running`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot take the build lock ${path}; delete it if no build is running`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
