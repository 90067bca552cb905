import { FacetCounter, type FacetName, type FacetTable, type FacetValue, type Filters, filterIds } from './facet-table.ts';
import type { MatchSet } from './match-set.ts';

/** The page-independent part of a result, from one pass over the matches. */
export interface CollectedHits {
  /** Positions in the match set of the matches every filter keeps, ascending by ordinal. */
  kept: Uint32Array;
  literalCount: number;
  totalDocuments: number;
  facets: Record<FacetName, FacetValue[]>;
}

/**
 * One pass over a match set, no object per match: the matches the filters and the date-rank range
 * keep, their literal count and distinct documents, and disjunctive facet counts over every match in
 * the range (a facet does not filter itself). Ordering is left to the page (see hit-order.ts).
 * Example: the matches of 城市更新 with district [罗湖区] → 罗湖 matches kept; the district facet
 * still counts 福田区 and 盐田区.
 */
export function collectHits(table: FacetTable, dateRank: Uint32Array, m: MatchSet, filters: Filters, range: [number, number] | null): CollectedHits {
  const counter = new FacetCounter(table, filterIds(table, filters));
  const kept = new Uint32Array(m.ordinals.length);
  let n = 0;
  let literalCount = 0;
  let totalDocuments = 0;
  let lastDoc = -1;
  for (let i = 0; i < m.ordinals.length; i++) {
    const o = m.ordinals[i];
    if (range && (dateRank[o] < range[0] || dateRank[o] > range[1])) continue;
    if (!counter.add(o)) continue;
    kept[n++] = i;
    literalCount += m.literal[i];
    // Ascending ordinals visit each document's sections together.
    if (table.doc[o] !== lastDoc) {
      lastDoc = table.doc[o];
      totalDocuments++;
    }
  }
  return { kept: kept.subarray(0, n), literalCount, totalDocuments, facets: counter.result() };
}
