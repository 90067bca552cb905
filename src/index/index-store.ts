import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestProblem, PolicyDocument } from '../domain.ts';
import type { BuiltIndex } from './build-index.ts';
import { sectionRecords } from './section-records.ts';
import type { Corpus } from './corpus.ts';
import { type CompiledPostings, compilePostings } from './compiled-postings.ts';
import { deserializeGramIndex, serializeGramIndex } from './gram-index.ts';
import { PostingsFileError, parsePostings, serializePostings } from './postings-file.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { readJsonLines } from './read-json-lines.ts';

export interface Manifest {
  schemaVersion: number;
  seedsHash: string;
  /** Folder inside the index directory that holds this build's files. */
  generation: string;
  builtAt: string;
  counts: { documents: number; sections: number };
  skipped: IngestProblem[];
}

/**
 * What an engine is made from: the corpus, the literal-recall grams and the word postings — compiled
 * (a written index's postings.bin) or, for an index just built in memory, its MiniSearch to compile
 * them from. Example: `buildIndex(documents)` is one; so is `loadIndex('index')`.
 */
export type SearchableIndex = Pick<BuiltIndex, 'corpus' | 'grams'> & ({ postings: CompiledPostings } | Pick<BuiltIndex, 'index'>);

/** A servable index and its manifest (the tests serve freshly built ones). */
export type LoadedIndex = SearchableIndex & { manifest: Manifest };

/** Raised when an index cannot be used; the message names the command that fixes it. */
export class IndexUnusableError extends Error {
  override name = 'IndexUnusableError';
}

const REBUILD = 'run `npm run index` to rebuild it';

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
    writeIndexFiles(genDir, built);
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

/** Writes the chunks in order, each in full, then fsyncs: the data is on disk before anything points at it. */
function writeDurably(path: string, chunks: Iterable<string | Buffer>): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// Every file is written and read a line (or a blob) at a time: one JSON string of a large index
// passes V8's string limit (about 155k sections for MiniSearch's JSON).

/** corpus.jsonl, search.jsonl, postings.bin, grams.json + grams.bin, each fsynced. */
function writeIndexFiles(genDir: string, built: BuiltIndex): void {
  const { documents, sections, vocabulary } = built.corpus;
  // Only what cannot be derived is stored: section records are rebuilt from their documents, a
  // document's body from its sections, 原文 only where it differs, folded text only where it differs.
  const slim = documents.map((d) => ({
    ...d,
    body: undefined,
    sections: d.sections.map((s) => (sameLines(s.original, s.paragraphs) ? { ...s, original: undefined } : s)),
  }));
  const folded = sections.map((s) => (s.folded === s.text ? null : s.folded));
  writeJsonLines(join(genDir, 'corpus.jsonl'), [{ documents: documents.length, vocabulary }, folded, ...slim]);
  const json = built.index.toJSON();
  const { index: entries, ...header } = json;
  writeJsonLines(join(genDir, SEARCH_FILE), [header, ...entries]);
  // Compiled beside MiniSearch: the query path reads these, MiniSearch stays the index of record.
  writeDurably(join(genDir, POSTINGS_FILE), serializePostings(compilePostings(json, sections.map((s) => s.key))));
  const { table, blob } = serializeGramIndex(built.grams);
  writeDurably(join(genDir, 'grams.json'), [JSON.stringify(table)]);
  writeDurably(join(genDir, 'grams.bin'), [blob]);
}

/**
 * What the server needs: the corpus, grams and compiled postings. search.jsonl (MiniSearch, the
 * index of record) is not parsed — loadMiniSearch reads it for tests and tools — but it must be
 * whole: a generation with a damaged file is refused, not half served.
 */
function readIndexFiles(genDir: string): SearchableIndex & { postings: CompiledPostings } {
  const [head, folded, ...stored] = readJsonLines(join(genDir, 'corpus.jsonl')) as [{ documents: number; vocabulary: Corpus['vocabulary'] }, (string | null)[], ...PolicyDocument[]];
  if (!Array.isArray(folded) || stored.length !== head.documents) throw new Error('corpus.jsonl is truncated');
  const documents = stored.map((d) => {
    const sections = d.sections.map((s) => (s.original === undefined ? { ...s, original: s.paragraphs } : s));
    return { ...d, sections, body: sections.flatMap((s) => s.paragraphs) };
  });
  const sections = sectionRecords(documents, folded);
  if (sections.length !== folded.length) throw new Error('corpus.jsonl sections do not match their folded texts');
  const corpus: Corpus = { documents, sections, vocabulary: head.vocabulary };
  assertEndsWithNewline(join(genDir, SEARCH_FILE));
  const grams = deserializeGramIndex(JSON.parse(readFileSync(join(genDir, 'grams.json'), 'utf8')), readFileSync(join(genDir, 'grams.bin')));
  const postings = readPostingsFile(genDir);
  if (postings.ordinalCount !== sections.length) throw new Error(`${POSTINGS_FILE} has ${postings.ordinalCount} sections, corpus.jsonl ${sections.length}`);
  return { corpus, grams, postings };
}

/** A JSON-lines file written in full ends in a newline; reads one byte, not the file. */
function assertEndsWithNewline(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    if (size === 0 || readSync(fd, last, 0, 1, size - 1) !== 1 || last[0] !== 0x0a) throw new Error(`${path} is truncated`);
  } finally {
    closeSync(fd);
  }
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** One JSON value per line, handed to the writer in 4 MB pieces. */
function writeJsonLines(path: string, values: Iterable<unknown>): void {
  writeDurably(path, jsonLinePieces(values));
}

function* jsonLinePieces(values: Iterable<unknown>): Generator<string> {
  let pending: string[] = [];
  let size = 0;
  for (const v of values) {
    const line = JSON.stringify(v) + '\n';
    pending.push(line);
    size += line.length;
    if (size > 4 * 2 ** 20) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  yield pending.join('');
}

const POSTINGS_FILE = 'postings.bin';
/** MiniSearch's toJSON, a line per term (see loadMiniSearch). */
export const SEARCH_FILE = 'search.jsonl';

/**
 * The compiled postings of the index's current generation, read as buffers.
 * Example: `readPostings('index')` → CompiledPostings, or IndexUnusableError naming `npm run index`.
 */
export function readPostings(dir: string): CompiledPostings {
  const manifest = readManifest(dir);
  if (!manifest) throw new IndexUnusableError(`no index in ${dir}/ (manifest.json missing); ${REBUILD}`);
  return readPostingsFile(join(dir, manifest.generation));
}

function readPostingsFile(genDir: string): CompiledPostings {
  const path = join(genDir, POSTINGS_FILE);
  if (!existsSync(path)) throw new IndexUnusableError(`${path} is missing (an index built before compiled postings); ${REBUILD}`);
  try {
    return parsePostings(readFileSync(path), path);
  } catch (error) {
    throw new IndexUnusableError(error instanceof PostingsFileError ? error.message : `${path} cannot be read (${(error as Error).message}); ${REBUILD}`);
  }
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
    const files = readIndexFiles(genDir);
    if (files.corpus.sections.length !== manifest.counts.sections) throw new Error('section count differs from the manifest');
    return { manifest, ...files };
  } catch (error) {
    if (error instanceof IndexUnusableError) throw error; // already names the file and the fix
    throw new IndexUnusableError(`the index files in ${genDir}/ are missing or corrupt (${(error as Error).message}); ${REBUILD}`);
  }
}
