import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { IngestProblem } from '../domain.ts';
import type { BuiltIndex } from './build-index.ts';
import type { Corpus } from './corpus.ts';
import { type IndexEntry, MINISEARCH_OPTIONS, SCHEMA_VERSION } from './schema.ts';

export interface Manifest {
  schemaVersion: number;
  seedsHash: string;
  /** Folder inside the index directory that holds this build's files. */
  generation: string;
  builtAt: string;
  counts: { documents: number; sections: number };
  skipped: IngestProblem[];
}

export interface LoadedIndex extends BuiltIndex {
  manifest: Manifest;
}

/** Raised when an index cannot be used; the message names the command that fixes it. */
export class IndexUnusableError extends Error {
  override name = 'IndexUnusableError';
}

const REBUILD = 'run `npm run index` to rebuild it';

/**
 * Writes an index atomically: the build's files go to a fresh generation folder, then the manifest
 * that points at it replaces the old one with a rename. A crash at any moment leaves the previous
 * manifest pointing at the previous, complete generation.
 */
export function writeIndex(dir: string, built: BuiltIndex, info: { seedsHash: string; skipped: IngestProblem[]; now: Date }): Manifest {
  mkdirSync(dir, { recursive: true });
  const generation = `gen-${info.now.getTime()}-${process.pid}`;
  const genDir = join(dir, generation);
  mkdirSync(genDir);
  writeFileSync(join(genDir, 'corpus.json'), JSON.stringify(built.corpus));
  writeFileSync(join(genDir, 'search.json'), JSON.stringify(built.index));
  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    seedsHash: info.seedsHash,
    generation,
    builtAt: info.now.toISOString(),
    counts: { documents: built.corpus.documents.length, sections: built.corpus.sections.length },
    skipped: info.skipped,
  };
  const tmp = join(dir, `manifest.json.tmp-${process.pid}`);
  writeFileSync(tmp, JSON.stringify(manifest, null, 2));
  renameSync(tmp, join(dir, 'manifest.json'));
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('gen-') && entry !== generation) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  return manifest;
}

/** Reads only the manifest, or null when there is none. */
export function readManifest(dir: string): Manifest | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    throw new IndexUnusableError(`${path} is not valid JSON (truncated or corrupt); ${REBUILD}`);
  }
}

/**
 * Loads a complete index whose schema this code understands.
 * Example: `loadIndex('index')` → `{ manifest, corpus, index }`, or IndexUnusableError naming the fix.
 */
export function loadIndex(dir: string): LoadedIndex {
  const manifest = readManifest(dir);
  if (!manifest) throw new IndexUnusableError(`no index in ${dir}/ (manifest.json missing); ${REBUILD}`);
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexUnusableError(
      `the index in ${dir}/ has schema version ${manifest.schemaVersion}, this code reads version ${SCHEMA_VERSION}; ${REBUILD}`,
    );
  }
  const genDir = join(dir, manifest.generation);
  try {
    const corpus = JSON.parse(readFileSync(join(genDir, 'corpus.json'), 'utf8')) as Corpus;
    const index = MiniSearch.loadJSON<IndexEntry>(readFileSync(join(genDir, 'search.json'), 'utf8'), MINISEARCH_OPTIONS);
    if (corpus.sections.length !== manifest.counts.sections) throw new Error('section count differs from the manifest');
    return { manifest, corpus, index };
  } catch (error) {
    throw new IndexUnusableError(`the index files in ${genDir}/ are missing or corrupt (${(error as Error).message}); ${REBUILD}`);
  }
}
