import type { IngestProblem, PolicyDocument } from '../domain.ts';
import { type PreparedSection, prepareSections } from '../index/prepare-sections.ts';
import { readSeedFile } from './read-seeds.ts';

/** A seed file read, ingested and prepared for indexing, or the reason it was skipped. */
export type PreparedFile = { file: string; document: PolicyDocument; sections: PreparedSection[] } | { file: string; problem: IngestProblem };

/**
 * One file read, ingested and prepared, or the reason it is skipped; what a file costs wherever it runs.
 * Example: `prepareFile('seeds', 'x.txt')` on an empty file → `{ file: 'x.txt', problem: { reason: 'the file is empty' … } }`.
 */
export function prepareFile(dir: string, file: string): PreparedFile {
  const read = readSeedFile(dir, file);
  return 'reason' in read ? { file, problem: read } : { file, document: read, sections: prepareSections([read]) };
}
