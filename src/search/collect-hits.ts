import { type FacetName, type FacetTable, type FacetValue, type Filters, countFacets, filterIds, passesIds } from './facet-table.ts';
import { countLiteral } from './count-literal.ts';
import { byDate, byDateAscending } from './rank-order.ts';
import type { RankedSection, SearchParams } from './search.ts';

/** The page-independent part of a result: every kept hit in order, the band, the document count, the facets. */
export interface CollectedHits {
  hits: RankedSection[];
  literalCount: number;
  totalDocuments: number;
  facets: Record<FacetName, FacetValue[]>;
}

/**
 * What one pass over a ranking collects: disjunctive facet counts over every match, the hits the
 * filters keep (in rank order, or by date when asked), the literal band and the documents hit.
 * Filtering keeps the rank order, so one cached ranking serves every filter combination.
 * Example: the ranking of 城市更新 with district [罗湖区] → 罗湖 hits only; the district facet still
 * counts 福田区 and 盐田区 (a facet does not filter itself).
 */
export function collectHits(table: FacetTable, ranked: readonly RankedSection[], filters: Filters, sort: SearchParams['sort']): CollectedHits {
  const ids = filterIds(table, filters);
  const ordinals = Uint32Array.from(ranked, (h) => h.ordinal);
  const facets = countFacets(table, ordinals, ids);
  const hits = ranked.filter((_, i) => passesIds(table, ordinals[i], ids, null));
  if (sort === 'date') hits.sort(byDate);
  if (sort === 'date-asc') hits.sort(byDateAscending);
  return { hits, literalCount: countLiteral(hits, sort), totalDocuments: countDocuments(table, hits), facets };
}

/** Distinct documents among the hits, by the facet table's per-section document number. */
function countDocuments(table: FacetTable, hits: RankedSection[]): number {
  const seen = new Uint8Array(table.doc.length > 0 ? table.doc[table.doc.length - 1] + 1 : 0);
  let n = 0;
  for (const h of hits) {
    const d = table.doc[h.ordinal];
    if (!seen[d]) {
      seen[d] = 1;
      n++;
    }
  }
  return n;
}
