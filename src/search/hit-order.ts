import type { MatchSet } from './match-set.ts';
import type { OrderColumns } from './order-columns.ts';
import type { SearchParams } from './search.ts';
import { type PositionCompare, topK } from './top-k.ts';

/** Compares two positions of a match set: negative when the first comes first. */
export type HitCompare = PositionCompare;

/**
 * The orders of rank-order.ts over a match set's positions, on numbers only: relevance is literal
 * band, score, then `tie` (newer first, then key); a relaxed set ranks by units matched, score,
 * ordinal; date orders put the date first and rank within it, undated last.
 * Example: relevance, literal [0, 1], scores [9, 1] → position 1 before position 0.
 */
export function hitCompare(m: MatchSet, columns: OrderColumns, sort: SearchParams['sort']): HitCompare {
  const { ordinals: ord, scores, literal, matched } = m;
  const { tie, date } = columns;
  const byRank: HitCompare = (a, b) => literal[b] - literal[a] || scores[b] - scores[a] || tie[ord[a]] - tie[ord[b]];
  if (sort === 'date') return (a, b) => date[ord[b]] - date[ord[a]] || byRank(a, b);
  if (sort === 'date-asc') {
    const ascending = (o: number) => (date[o] === 0 ? 0xffffffff : date[o]);
    return (a, b) => ascending(ord[a]) - ascending(ord[b]) || byRank(a, b);
  }
  if (matched) return (a, b) => matched[b] - matched[a] || scores[b] - scores[a] || ord[a] - ord[b];
  return byRank;
}

/**
 * The first `k` of `positions` in order: by a heap of k entries when k is small beside the list,
 * else by sorting a copy. Example: k 2 of [5, 1, 4] ascending → [1, 4].
 */
export function firstInOrder(positions: Uint32Array, compare: HitCompare, k: number): Uint32Array {
  const size = Math.max(0, Math.min(k, positions.length));
  return size * 8 > positions.length ? Uint32Array.from(positions).sort(compare).subarray(0, size) : topK(positions, compare, size);
}
