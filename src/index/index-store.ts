import type { BuiltIndex } from './build-index.ts';
import type { CompiledPostings } from './compiled-postings.ts';
import type { readSegmentFiles } from './segment-files.ts';
import type { SegmentedManifest } from './segment-manifest.ts';

// Writing lives in write-index.ts, reading in read-index.ts, one segment's files in segment-files.ts;
// callers import all of it from here.
export { writeIndex } from './write-index.ts';
export { loadIndex, loadIndexInSteps, readLiveCorpus, readManifest, readPostings } from './read-index.ts';
export { SEARCH_FILE } from './segment-files.ts';

/** One segment as readSegmentFiles returns it: what combineSegments takes and a loaded index keeps for reuse. */
export type LoadedSegment = ReturnType<typeof readSegmentFiles>;

/** The index directory's manifest.json: a list of segments (see segment-manifest.ts). */
export type Manifest = SegmentedManifest;

/**
 * What an engine is made from: the corpus, the literal-recall grams and the word postings — compiled
 * (a written index's postings.bin) or, for an index just built in memory, its MiniSearch to compile
 * them from. Example: `buildIndex(documents)` is one; so is `loadIndex('index')`.
 */
export type SearchableIndex = Pick<BuiltIndex, 'corpus' | 'grams'> & ({ postings: CompiledPostings } | Pick<BuiltIndex, 'index'>);

/**
 * A servable index and its manifest (the tests serve freshly built ones). A loaded one keeps its
 * segments by folder name, so the next generation's load reuses those it still lists.
 */
export type LoadedIndex = SearchableIndex & { manifest: Manifest; segments?: ReadonlyMap<string, LoadedSegment> };

/** Raised when an index cannot be used; the message names the command that fixes it. */
export class IndexUnusableError extends Error {
  override name = 'IndexUnusableError';
}

export const REBUILD = 'run `npm run index` to rebuild it';
