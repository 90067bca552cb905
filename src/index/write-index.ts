import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestProblem } from '../domain.ts';
import type { BuiltIndex } from './build-index.ts';
import { syncDirectory, writeDurably } from './durable-write.ts';
import type { Manifest } from './index-store.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { writeSegmentFiles } from './segment-files.ts';

/**
 * Writes an index atomically: the build's files go to a fresh generation folder, then the manifest
 * that points at it replaces the old one with a rename. A crash at any moment leaves the previous
 * manifest pointing at the previous, complete generation; files are fsynced before the rename so
 * a power cut cannot leave the manifest ahead of its data. A lock keeps two builds from deleting
 * each other's generation.
 */
export function writeIndex(dir: string, built: BuiltIndex, info: { seedsHash: string; skipped: IngestProblem[]; now: Date }): Manifest {
  mkdirSync(dir, { recursive: true });
  const release = acquireBuildLock(dir);
  try {
    const generation = `gen-${info.now.getTime()}-${process.pid}`;
    const genDir = join(dir, generation);
    mkdirSync(genDir);
    writeSegmentFiles(genDir, built);
    syncDirectory(genDir);
    const manifest: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      seedsHash: info.seedsHash,
      generation,
      builtAt: info.now.toISOString(),
      counts: { documents: built.corpus.documents.length, sections: built.corpus.sections.length },
      skipped: info.skipped,
    };
    const tmp = join(dir, `manifest.json.tmp-${process.pid}`);
    writeDurably(tmp, [JSON.stringify(manifest, null, 2)]);
    renameSync(tmp, join(dir, 'manifest.json'));
    syncDirectory(dir);
    // Earlier generations and the leftovers of killed builds: nothing points at them any more.
    for (const entry of readdirSync(dir)) {
      if ((entry.startsWith('gen-') && entry !== generation) || entry.startsWith('manifest.json.tmp-')) {
        rmSync(join(dir, entry), { recursive: true, force: true });
      }
    }
    return manifest;
  } finally {
    release();
  }
}

const LOCK = '.build.lock';

/** Takes `<dir>/.build.lock`, taking over a lock whose process is gone (a killed build). */
function acquireBuildLock(dir: string): () => void {
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
        throw new Error(`another index build (pid ${holder}) is writing ${dir}/; wait for it to finish, or delete ${path} if no build is running`);
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
