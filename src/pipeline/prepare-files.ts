import type { IngestProblem, PolicyDocument } from '../domain.ts';
import { type PreparedSection, prepareSections } from '../index/prepare-sections.ts';
import { readSeedFile } from './read-seeds.ts';

/** A seed file read, ingested and prepared for indexing, or the reason it was skipped. */
export type PreparedFile = { file: string; document: PolicyDocument; sections: PreparedSection[] } | { file: string; problem: IngestProblem };

/**
 * Reads, ingests and prepares the files, yielding them in the order given. This is the sequential
 * reference: a parallel version must yield the same values in the same order. Document ids are as
 * ingest made them (not yet unique across files): a caller that renames a document must re-derive
 * its sections' records (their keys carry the id).
 * Example: `prepareFiles('seeds', ['000.txt'])` → one PreparedFile with the document `000` and its sections' words.
 */
export async function* prepareFiles(dir: string, files: string[]): AsyncGenerator<PreparedFile> {
  for (const file of files) yield prepareFile(dir, file);
}

/**
 * One file read, ingested and prepared, or the reason it is skipped; what a file costs wherever it runs.
 * Example: `prepareFile('seeds', 'x.txt')` on an empty file → `{ file: 'x.txt', problem: { reason: 'the file is empty' … } }`.
 */
export function prepareFile(dir: string, file: string): PreparedFile {
  const read = readSeedFile(dir, file);
  return 'reason' in read ? { file, problem: read } : { file, document: read, sections: prepareSections([read]) };
}
