import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledPostings } from './compiled-postings.ts';
import { IndexUnusableError, type LoadedIndex, type Manifest, REBUILD } from './index-store.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { readPostingsFile, readSegmentFiles } from './segment-files.ts';

/**
 * The compiled postings of the index's current generation, read as buffers.
 * Example: `readPostings('index')` → CompiledPostings, or IndexUnusableError naming `npm run index`.
 */
export function readPostings(dir: string): CompiledPostings {
  const manifest = readManifest(dir);
  if (!manifest) throw new IndexUnusableError(`no index in ${dir}/ (manifest.json missing); ${REBUILD}`);
  return readPostingsFile(join(dir, manifest.generation));
}

/** Reads only the manifest, or null when there is none. */
export function readManifest(dir: string): Manifest | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    throw new IndexUnusableError(`${path} is not valid JSON (truncated or corrupt); ${REBUILD}`);
  }
  // The generation names a folder we read from: only our own naming is accepted, never a path.
  if (typeof manifest?.schemaVersion !== 'number' || typeof manifest.generation !== 'string' || !/^gen-\d+-\d+$/.test(manifest.generation) || typeof manifest.counts?.sections !== 'number') {
    throw new IndexUnusableError(`${path} is not a manifest this code wrote (fields missing or malformed); ${REBUILD}`);
  }
  return manifest;
}

/**
 * Loads a complete index whose schema this code understands.
 * Example: `loadIndex('index')` → `{ manifest, corpus, index }`, or IndexUnusableError naming the fix.
 */
export function loadIndex(dir: string): LoadedIndex & { postings: CompiledPostings } {
  const manifest = readManifest(dir);
  if (!manifest) throw new IndexUnusableError(`no index in ${dir}/ (manifest.json missing); ${REBUILD}`);
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexUnusableError(
      `the index in ${dir}/ has schema version ${manifest.schemaVersion}, this code reads version ${SCHEMA_VERSION}; ${REBUILD}`,
    );
  }
  const genDir = join(dir, manifest.generation);
  try {
    const files = readSegmentFiles(genDir);
    if (files.corpus.sections.length !== manifest.counts.sections) throw new Error('section count differs from the manifest');
    return { manifest, ...files };
  } catch (error) {
    if (error instanceof IndexUnusableError) throw error; // already names the file and the fix
    throw new IndexUnusableError(`the index files in ${genDir}/ are missing or corrupt (${(error as Error).message}); ${REBUILD}`);
  }
}
