import type { Config } from '../config.ts';
import { buildIndex } from '../index/build-index.ts';
import { IndexUnusableError, type LoadedIndex, loadIndex, readManifest, writeIndex } from '../index/index-store.ts';
import { readSeeds, seedsHash } from '../index/read-seeds.ts';
import { SCHEMA_VERSION } from '../index/schema.ts';

/**
 * Ingests the seeds and writes the index, printing one line per document and per skipped file.
 * With `strict`, any skipped file aborts the build before anything is written.
 */
export function buildFromSeeds(config: Config, log: (line: string) => void = console.log, options: { strict?: boolean } = {}): { skipped: number } {
  const started = Date.now();
  const { documents, problems } = readSeeds(config.seedsDir);
  for (const d of documents) {
    const depts = new Set(d.sections.flatMap((s) => [...s.departments.lead, ...s.departments.assist]));
    log(`${d.id}  ${d.meta.district ?? '—'}  ${d.meta.publishDate ?? '—'}  ${d.sections.length} sections  ${depts.size} departments  ${d.meta.title}`);
  }
  for (const p of problems) log(`skipped ${config.seedsDir}/${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
  if (options.strict && problems.length > 0) {
    throw new Error(`${problems.length} file(s) could not be read and --strict is set; nothing was written, the previous index stays in use`);
  }
  const built = buildIndex(documents);
  const manifest = writeIndex(config.indexDir, built, { seedsHash: seedsHash(config.seedsDir), skipped: problems, now: new Date() });
  log(`indexed ${manifest.counts.documents} documents, ${manifest.counts.sections} sections into ${config.indexDir}/ in ${Date.now() - started} ms`);
  return { skipped: problems.length };
}

/** Loads the index, rebuilding it first when it is missing, stale or from another schema. */
export function ensureIndex(config: Config, log: (line: string) => void = console.log): LoadedIndex {
  let manifest = null;
  try {
    manifest = readManifest(config.indexDir);
  } catch {
    manifest = null;
  }
  const fresh = manifest && manifest.schemaVersion === SCHEMA_VERSION && manifest.seedsHash === seedsHash(config.seedsDir);
  if (!fresh) {
    log(manifest ? 'seeds or schema changed since the last build: rebuilding the index' : 'no index yet: building it');
    buildFromSeeds(config, log);
  }
  try {
    return loadIndex(config.indexDir);
  } catch (error) {
    if (!(error instanceof IndexUnusableError) || !fresh) throw error;
    // The seeds are at hand, so a damaged index is rebuilt rather than refused.
    log(`${error.message.replace(/; run .*$/, '')}: rebuilding it from ${config.seedsDir}/`);
    buildFromSeeds(config, log);
    return loadIndex(config.indexDir);
  }
}
