import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestProblem, PolicyDocument } from '../domain.ts';
import { ingestDocument } from '../ingest/ingest-document.ts';
import { IngestError } from '../ingest/ingest-error.ts';

/** Pages larger than this are refused rather than slowing every build. */
const MAX_PAGE_BYTES = 20 * 1024 * 1024;

export interface SeedsRead {
  documents: PolicyDocument[];
  problems: IngestProblem[];
}

/**
 * Ingests every page in a seeds folder; a bad file is reported by name with its reason and skipped.
 * `onFile` hears of each file as it is taken up (for progress), with the number of files in all.
 * Example: `seeds/` with `000.txt` and an empty `x.txt` → 1 document, problem `x.txt: the file is empty`.
 */
export function readSeeds(dir: string, onFile?: (file: string, total: number) => void): SeedsRead {
  const documents: PolicyDocument[] = [];
  const problems: IngestProblem[] = [];
  const ids = new Set<string>();
  const files = listSeeds(dir);
  for (const file of files) {
    onFile?.(file, files.length);
    const read = readSeedFile(dir, file);
    if ('reason' in read) problems.push(read);
    else documents.push({ ...read, id: uniqueId(read.id, ids) });
  }
  return { documents, problems };
}

/**
 * One seed file ingested, or the reason it is skipped. Ids are not made unique here: that needs
 * the other files (see readSeeds).
 * Example: `readSeedFile('seeds', 'x.txt')` on an empty file → `{ file: 'x.txt', reason: 'the file is empty' }`.
 */
export function readSeedFile(dir: string, file: string): PolicyDocument | IngestProblem {
  const path = join(dir, file);
  const stat = statSync(path);
  if (!stat.isFile()) return { file, reason: 'not a file (a folder?): seeds are read from the top level only' };
  if (stat.size > MAX_PAGE_BYTES) return { file, reason: `larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB; split it or remove it` };
  try {
    return ingestDocument({ file, bytes: readFileSync(path) });
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    return { file, line: error.line, reason: error.reason };
  }
}

/** `a b.txt` and `a-b.html` both make the id `a-b`; the later file (in name order) gets `a-b-2`. */
export function uniqueId(id: string, taken: Set<string>): string {
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`;
  taken.add(unique);
  return unique;
}

/** sha256 over the names and bytes of the seeds: tells whether the index is stale. */
export function seedsHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listSeeds(dir)) {
    const path = join(dir, file);
    hash.update(file).update('\0');
    if (statSync(path).isFile()) hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function listSeeds(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
  } catch {
    throw new Error(`cannot read the seeds folder ${dir}: create it or set SEEDS_DIR to the folder holding the pages`);
  }
}
