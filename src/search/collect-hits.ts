import { FacetCounter, type FacetName, type FacetTable, type FacetValue, type Filters, filterIds } from './facet-table.ts';
import type { MatchSet } from './match-set.ts';
import type { Alloc } from './scratch.ts';

/** The engine's reusable memory: scratch for the pass, and 0, 1, 2, … to view when every match is kept. */
export interface CollectMemory {
  scratch: Alloc;
  identity: Uint32Array;
}

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
 * With `memory`, the positions are gathered in scratch and what is returned is the engine's identity
 * (every match kept: no copy) or a copy of its own (the result's pages read it after the query).
 * Example: the matches of 城市更新 with district [罗湖区] → 罗湖 matches kept; the district facet
 * still counts 福田区 and 盐田区.
 */
export function collectHits(table: FacetTable, dateRank: Uint32Array, m: MatchSet, filters: Filters, range: [number, number] | null, memory?: CollectMemory): CollectedHits {
  const counter = new FacetCounter(table, filterIds(table, filters));
  const all = m.ordinals.length;
  const kept = memory ? memory.scratch.u32(all) : new Uint32Array(all);
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
  const owned = !memory ? kept.subarray(0, n) : n === all && memory.identity.length >= n ? memory.identity.subarray(0, n) : kept.slice(0, n);
  return { kept: owned, literalCount, totalDocuments, facets: counter.result() };
}
