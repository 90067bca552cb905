import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltIndex } from './build-index.ts';
import type { Corpus } from './corpus.ts';
import { type CompiledPostings, compilePostings } from './compiled-postings.ts';
import { writeDurably } from './durable-write.ts';
import { deserializeGramIndex, serializeGramIndex } from './gram-index.ts';
import { IndexUnusableError, REBUILD, type SearchableIndex } from './index-store.ts';
import { PostingsFileError, parsePostings, serializePostings } from './postings-file.ts';
import { DocumentBodies, type DocumentsFile, StoredDocument, bodyLine, documentHead } from './document-store.ts';
import { SectionStoreError, parseSectionStore, serializeSectionStore } from './section-store-file.ts';
import { SectionStore, StoredSection } from './section-store.ts';

// Every file is written and read a line (or a blob) at a time: one JSON string of a large index
// passes V8's string limit (about 155k sections for MiniSearch's JSON).

/** sections.bin, documents.json + bodies.jsonl, search.jsonl, postings.bin, grams.json + grams.bin, each fsynced. */
export function writeSegmentFiles(genDir: string, built: BuiltIndex): void {
  const { documents, sections, vocabulary } = built.corpus;
  // Sections as columns and one text buffer (read without parsing); documents as heads (parsed at
  // load: listings, facets, glossary) and bodies (a line each, parsed when a page needs one).
  writeDurably(join(genDir, SECTIONS_FILE), serializeSectionStore(sections, documents));
  const bodies = documents.map(bodyLine);
  const head: DocumentsFile = { heads: documents.map(documentHead), bytes: bodies.map((b) => Buffer.byteLength(b)), vocabulary };
  writeDurably(join(genDir, DOCUMENTS_FILE), [JSON.stringify(head)]);
  writeDurably(join(genDir, BODIES_FILE), linePieces(bodies));
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
 * What the server needs: the corpus (section columns, document heads; bodies stay on disk until
 * asked for), grams and compiled postings. search.jsonl (MiniSearch, the index of record) is not
 * parsed — loadMiniSearch reads it for tests and tools — but it must be whole: a generation with a
 * damaged file is refused, not half served.
 */
export function readSegmentFiles(genDir: string): SearchableIndex & { postings: CompiledPostings } {
  const corpus = readCorpus(genDir);
  assertEndsWithNewline(join(genDir, SEARCH_FILE));
  const grams = deserializeGramIndex(JSON.parse(readFileSync(join(genDir, 'grams.json'), 'utf8')), readFileSync(join(genDir, 'grams.bin')));
  const postings = readPostingsFile(genDir);
  if (postings.ordinalCount !== corpus.sections.length) throw new Error(`${POSTINGS_FILE} has ${postings.ordinalCount} sections, ${SECTIONS_FILE} ${corpus.sections.length}`);
  return { corpus, grams, postings };
}

function readCorpus(genDir: string): Corpus {
  const path = join(genDir, SECTIONS_FILE);
  // A folder without the store was written by an older build: refused with the fix, never misread.
  if (!existsSync(path)) {
    if (existsSync(join(genDir, 'corpus.jsonl'))) throw new IndexUnusableError(`${path} is missing (an index built before the section store); ${REBUILD}`);
    throw new Error(`${path} is missing`);
  }
  let parsed: ReturnType<typeof parseSectionStore>;
  try {
    parsed = parseSectionStore(readFileSync(path), path);
  } catch (error) {
    throw new IndexUnusableError(error instanceof SectionStoreError ? error.message : `${path} cannot be read (${(error as Error).message}); ${REBUILD}`);
  }
  const head = JSON.parse(readFileSync(join(genDir, DOCUMENTS_FILE), 'utf8')) as DocumentsFile;
  if (head.heads.length !== parsed.header.documents || head.bytes.length !== head.heads.length) throw new Error(`${DOCUMENTS_FILE} and ${SECTIONS_FILE} count different documents`);
  const store = new SectionStore(parsed.header, parsed.columns, head.heads.map((h) => h.id));
  const counts = new Uint32Array(head.heads.length);
  for (let o = 0; o < store.size; o++) counts[store.docOrdinal(o)]++;
  const bodies = new DocumentBodies(join(genDir, BODIES_FILE), head.bytes);
  const documents = head.heads.map((h, k) => new StoredDocument(h, bodies, k, counts[k]));
  const sections = Array.from({ length: store.size }, (_, o) => new StoredSection(store, o));
  return { documents, sections, vocabulary: head.vocabulary };
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

/** One JSON value per line, handed to the writer in 4 MB pieces. */
function writeJsonLines(path: string, values: Iterable<unknown>): void {
  writeDurably(path, jsonLinePieces(values));
}

function* jsonLinePieces(values: Iterable<unknown>): Generator<string> {
  yield* linePieces((function* () {
    for (const v of values) yield JSON.stringify(v) + '\n';
  })());
}

/** Lines handed to the writer in 4 MB pieces. */
function* linePieces(lines: Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let size = 0;
  for (const line of lines) {
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
const SECTIONS_FILE = 'sections.bin';
const DOCUMENTS_FILE = 'documents.json';
const BODIES_FILE = 'bodies.jsonl';
/** MiniSearch's toJSON, a line per term (see loadMiniSearch). */
export const SEARCH_FILE = 'search.jsonl';

export function readPostingsFile(genDir: string): CompiledPostings {
  const path = join(genDir, POSTINGS_FILE);
  if (!existsSync(path)) throw new IndexUnusableError(`${path} is missing (an index built before compiled postings); ${REBUILD}`);
  try {
    return parsePostings(readFileSync(path), path);
  } catch (error) {
    throw new IndexUnusableError(error instanceof PostingsFileError ? error.message : `${path} cannot be read (${(error as Error).message}); ${REBUILD}`);
  }
}
