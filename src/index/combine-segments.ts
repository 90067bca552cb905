import { buildIndex } from './build-index.ts';
import type { LoadedSegment, SearchableIndex } from './index-store.ts';

/**
 * The segments of a generation as one searchable index: sections in segment order, deleted
 * documents left out, statistics of the live sections only.
 * Placeholder until the query path's combiner lands: a single segment without deletes is served
 * as it is; anything else is rebuilt from its live documents (correct, but it re-tokenizes).
 * Example: segments [A: 000, 001 (001 deleted)], [B: 001] → an index of 000 and B's 001.
 */
export function combineSegments(parts: { segment: LoadedSegment; deleted: Set<string> }[]): SearchableIndex {
  if (parts.length === 1 && parts[0].deleted.size === 0) return parts[0].segment;
  return buildIndex(parts.flatMap(({ segment, deleted }) => segment.corpus.documents.filter((d) => !deleted.has(d.id))));
}
