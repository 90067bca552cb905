import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDocument } from '../domain.ts';
import type { BuiltIndex } from './build-index.ts';
import type { Corpus } from './corpus.ts';
import { type CompiledPostings, compilePostings } from './compiled-postings.ts';
import { writeDurably } from './durable-write.ts';
import { deserializeGramIndex, serializeGramIndex } from './gram-index.ts';
import { IndexUnusableError, REBUILD, type SearchableIndex } from './index-store.ts';
import { PostingsFileError, parsePostings, serializePostings } from './postings-file.ts';
import { readJsonLines } from './read-json-lines.ts';
import { sectionRecords } from './section-records.ts';

// Every file is written and read a line (or a blob) at a time: one JSON string of a large index
// passes V8's string limit (about 155k sections for MiniSearch's JSON).

/** corpus.jsonl, search.jsonl, postings.bin, grams.json + grams.bin, each fsynced. */
export function writeSegmentFiles(genDir: string, built: BuiltIndex): void {
  const { documents, sections, vocabulary } = built.corpus;
  // Only what cannot be derived is stored: section records are rebuilt from their documents, a
  // document's body from its sections, 原文 and a section's text (its paragraphs, a line each) only
  // where they differ, folded text only where it differs. Less to decode and parse at load.
  const slim = documents.map((d) => ({
    ...d,
    body: undefined,
    sections: d.sections.map((s) => ({ ...s, original: sameLines(s.original, s.paragraphs) ? undefined : s.original, text: s.text === s.paragraphs.join('\n') ? undefined : s.text })),
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
export function readSegmentFiles(genDir: string): SearchableIndex & { postings: CompiledPostings } {
  const [head, folded, ...stored] = readJsonLines(join(genDir, 'corpus.jsonl')) as [{ documents: number; vocabulary: Corpus['vocabulary'] }, (string | null)[], ...PolicyDocument[]];
  if (!Array.isArray(folded) || stored.length !== head.documents) throw new Error('corpus.jsonl is truncated');
  const documents = stored.map((d) => {
    // Fields left out because they were derivable (older files store them all).
    const sections = d.sections.map((s) => ({ ...s, original: s.original ?? s.paragraphs, text: s.text ?? s.paragraphs.join('\n') }));
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

export function readPostingsFile(genDir: string): CompiledPostings {
  const path = join(genDir, POSTINGS_FILE);
  if (!existsSync(path)) throw new IndexUnusableError(`${path} is missing (an index built before compiled postings); ${REBUILD}`);
  try {
    return parsePostings(readFileSync(path), path);
  } catch (error) {
    throw new IndexUnusableError(error instanceof PostingsFileError ? error.message : `${path} cannot be read (${(error as Error).message}); ${REBUILD}`);
  }
}
