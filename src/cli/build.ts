import type { Config } from '../config.ts';
import { IndexUnusableError, type LoadedIndex, loadIndex, readManifest } from '../index/index-store.ts';
import { BuildLockedError } from '../index/write-index.ts';
import type { ProgressOptions } from './progress.ts';
import { updateIndex } from './update-index.ts';

/**
 * Brings the index up to date (an incremental run: only changed seeds are read; a full build when
 * there is no usable index) and loads it; an index whose segment files are damaged is rebuilt
 * from the seeds rather than refused.
 * Example: `await ensureIndex(config)` → the loaded index, after `updated index/ …` when a seed changed.
 */
export async function ensureIndex(config: Config, log: (line: string) => void = console.log, progress?: ProgressOptions['stream']): Promise<LoadedIndex> {
  try {
    await updateIndex(config, log, { progress });
  } catch (error) {
    // `npm run index` is running: serve what is published; its generation is picked up when it lands.
    if (!(error instanceof BuildLockedError) || !readManifest(config.indexDir)) throw error;
    log(`${error.message.replace(/; wait for it.*$/, '')}: serving the index as it is until that build publishes`);
  }
  try {
    return loadIndex(config.indexDir);
  } catch (error) {
    if (!(error instanceof IndexUnusableError)) throw error;
    // The seeds are at hand, so a damaged index is rebuilt rather than refused.
    log(`${error.message.replace(/; run .*$/, '')}: rebuilding it from ${config.seedsDir}/`);
    await updateIndex(config, log, { progress, full: true });
    return loadIndex(config.indexDir);
  }
}
