import type { WordMatches } from './word-executor.ts';

/** The best k matches in rank order, and how many matched in all. */
export interface TopMatches {
  total: number;
  ordinals: Uint32Array;
  scores: Float64Array;
}

/** Compares two positions: negative when the first comes first. A total order (no ties) is expected. */
export type PositionCompare = (a: number, b: number) => number;

/**
 * The first `k` of `positions` in the order `compare` gives, kept in a heap of k entries, so the
 * cost is O(n log k) and nothing but the k survivors is ever sorted.
 * Example: positions [5, 1, 4], ascending, k 2 → [1, 4].
 */
export function topK(positions: ArrayLike<number>, compare: PositionCompare, k: number): Uint32Array {
  const n = positions.length;
  const size = Math.max(0, Math.min(k, n));
  // heap[0] is the worst of those kept, so a better position replaces it.
  const heap = new Uint32Array(size);
  let held = 0;
  for (let i = 0; i < n && size > 0; i++) {
    const p = positions[i];
    if (held < size) {
      heap[held] = p;
      siftUp(heap, held++, compare);
    } else if (compare(p, heap[0]) < 0) {
      heap[0] = p;
      siftDown(heap, held, compare);
    }
  }
  return heap.sort(compare);
}

/**
 * The k best word matches in MiniSearch's order — score descending, ties by tie group then ordinal
 * (see WordMatches.tieGroup). Example: scores [1, 3, 2] at ordinals [4, 8, 9], k 2 → ordinals [8, 9],
 * scores [3, 2], total 3.
 */
export function topMatches(m: WordMatches, k: number): TopMatches {
  const n = m.ordinals.length;
  const compare: PositionCompare = (a, b) => m.scores[b] - m.scores[a] || m.tieGroup[a] - m.tieGroup[b] || m.ordinals[a] - m.ordinals[b];
  const best = topK(Uint32Array.from({ length: n }, (_, i) => i), compare, k);
  return { total: n, ordinals: best.map((i) => m.ordinals[i]), scores: Float64Array.from(best, (i) => m.scores[i]) };
}

function siftUp(heap: Uint32Array, at: number, compare: PositionCompare): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (compare(heap[parent], heap[at]) >= 0) return;
    [heap[parent], heap[at]] = [heap[at], heap[parent]];
    at = parent;
  }
}

function siftDown(heap: Uint32Array, length: number, compare: PositionCompare): void {
  for (let at = 0; ; ) {
    const left = 2 * at + 1;
    if (left >= length) return;
    const right = left + 1;
    const worse = right < length && compare(heap[left], heap[right]) < 0 ? right : left;
    if (compare(heap[at], heap[worse]) >= 0) return;
    [heap[at], heap[worse]] = [heap[worse], heap[at]];
    at = worse;
  }
}
