import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { combineSegments } from './combine-segments.ts';
import { type CompiledPostings, compilePostings } from './compiled-postings.ts';
import type { Corpus } from './corpus.ts';
import { IndexUnusableError, type LoadedIndex, type LoadedSegment, type Manifest, REBUILD, type SearchableIndex } from './index-store.ts';
import { buildIndex } from './build-index.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { readPostingsFile, readSegmentFiles } from './segment-files.ts';

/** Segment folders are named by the writer; a manifest naming anything else (a path) is refused. */
export const SEGMENT_NAME = /^seg-[0-9a-z-]+$/;

/**
 * The compiled postings of the index's current generation: read as buffers when it is one segment
 * without deletes, else those of the combined generation.
 * Example: `readPostings('index')` → CompiledPostings, or IndexUnusableError naming `npm run index`.
 */
export function readPostings(dir: string): CompiledPostings {
  const manifest = requireManifest(dir);
  const [only, ...others] = manifest.segments;
  if (only && others.length === 0 && only.deleted.length === 0) return readPostingsFile(join(dir, only.name));
  return loadIndex(dir).postings;
}

/**
 * Reads only the manifest, or null when there is none; a manifest of another schema version (an
 * index written before segments included) is refused with the command that rebuilds it.
 * Example: `readManifest('index')` → `{ schemaVersion: 6, generation: 3, segments: [{ name: 'seg-…' }], … }`.
 */
export function readManifest(dir: string): Manifest | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    throw new IndexUnusableError(`${path} is not valid JSON (truncated or corrupt); ${REBUILD}`);
  }
  const malformed = new IndexUnusableError(`${path} is not a manifest this code wrote (fields missing or malformed); ${REBUILD}`);
  if (typeof manifest?.schemaVersion !== 'number') throw malformed;
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexUnusableError(`the index in ${dir}/ has schema version ${manifest.schemaVersion}, this code reads version ${SCHEMA_VERSION}; ${REBUILD}`);
  }
  // Segments name folders we read from: only our own naming is accepted, never a path.
  const segmentsOk = Array.isArray(manifest.segments) && manifest.segments.every((s) => typeof s?.name === 'string' && SEGMENT_NAME.test(s.name) && Array.isArray(s.deleted));
  if (!segmentsOk || typeof manifest.generation !== 'number' || typeof manifest.files !== 'object' || manifest.files === null || typeof manifest.counts?.sections !== 'number') throw malformed;
  return manifest;
}

/**
 * Loads the current generation: each segment's files (or, when `previous` is given, the segments
 * it already holds: segment folders never change), combined with deleted documents left out.
 * Example: `loadIndex('index')` → `{ manifest, corpus, grams, postings, segments }`, or IndexUnusableError naming the fix.
 */
export function loadIndex(dir: string, previous?: LoadedIndex): LoadedIndex & { postings: CompiledPostings } {
  const steps = loadSteps(dir, previous);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * loadIndex for a server that keeps answering while it loads: it yields to the event loop after
 * each segment read, so requests wait for one segment at most, not the whole load.
 * Example: `await loadIndexInSteps('index', current)` → the next generation.
 */
export async function loadIndexInSteps(dir: string, previous?: LoadedIndex): Promise<LoadedIndex & { postings: CompiledPostings }> {
  const steps = loadSteps(dir, previous);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The load, pausing (yield) after each segment it reads from disk. */
function* loadSteps(dir: string, previous?: LoadedIndex): Generator<void, LoadedIndex & { postings: CompiledPostings }> {
  const manifest = requireManifest(dir);
  const segments = new Map<string, LoadedSegment>();
  const parts: { segment: LoadedSegment; deleted: Set<string> }[] = [];
  for (const entry of manifest.segments) {
    let segment = previous?.segments?.get(entry.name);
    if (!segment) {
      segment = readSegment(join(dir, entry.name));
      yield;
    }
    segments.set(entry.name, segment);
    parts.push({ segment, deleted: new Set(entry.deleted) });
  }
  const combined = parts.length > 0 ? combineSegments(parts) : emptyIndex();
  if (combined.corpus.sections.length !== manifest.counts.sections) {
    throw new IndexUnusableError(`the index in ${dir}/ serves ${combined.corpus.sections.length} sections, its manifest counts ${manifest.counts.sections}; ${REBUILD}`);
  }
  return { corpus: combined.corpus, grams: combined.grams, postings: combined.postings, manifest, segments };
}

/** A generation without segments (no readable page in the seeds): nothing to combine. */
function emptyIndex(): SearchableIndex & { postings: CompiledPostings } {
  const built = buildIndex([]);
  return { corpus: built.corpus, grams: built.grams, postings: compilePostings(built.index, []) };
}

/**
 * The live documents and section records of the current generation in ordinal order, read segment
 * by segment without combining postings: what the PostgreSQL load takes.
 * Example: segments [罗湖, 福田 (deleted)], [福田] → documents [罗湖, 福田 (the new one)] and their sections.
 */
export function readLiveCorpus(dir: string): Pick<Corpus, 'documents' | 'sections'> {
  const manifest = requireManifest(dir);
  const documents: Corpus['documents'] = [];
  const sections: Corpus['sections'] = [];
  for (const entry of manifest.segments) {
    const deleted = new Set(entry.deleted);
    const { corpus } = readSegment(join(dir, entry.name));
    for (const d of corpus.documents) if (!deleted.has(d.id)) documents.push(d);
    for (const s of corpus.sections) if (!deleted.has(s.docId)) sections.push(s);
  }
  if (sections.length !== manifest.counts.sections) {
    throw new IndexUnusableError(`the index in ${dir}/ holds ${sections.length} live sections, its manifest counts ${manifest.counts.sections}; ${REBUILD}`);
  }
  return { documents, sections };
}

function requireManifest(dir: string): Manifest {
  const manifest = readManifest(dir);
  if (!manifest) throw new IndexUnusableError(`no index in ${dir}/ (manifest.json missing); ${REBUILD}`);
  return manifest;
}

function readSegment(segDir: string): LoadedSegment {
  try {
    return readSegmentFiles(segDir);
  } catch (error) {
    if (error instanceof IndexUnusableError) throw error; // already names the file and the fix
    throw new IndexUnusableError(`the index files in ${segDir}/ are missing or corrupt (${(error as Error).message}); ${REBUILD}`);
  }
}
