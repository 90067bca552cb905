import type { WordMatches } from './word-executor.ts';

/** The best k matches in rank order, and how many matched in all. */
export interface TopMatches {
  total: number;
  ordinals: Uint32Array;
  scores: Float64Array;
}

/**
 * The k best word matches in MiniSearch's order — score descending, ties by tie group then ordinal
 * (see WordMatches.tieGroup) — kept in a heap of k entries, so the cost is O(n log k) and nothing
 * but the k survivors is ever sorted. Example: scores [1, 3, 2] at ordinals [4, 8, 9], k 2 →
 * ordinals [8, 9], scores [3, 2], total 3.
 */
export function topMatches(m: WordMatches, k: number): TopMatches {
  const n = m.ordinals.length;
  const size = Math.max(0, Math.min(k, n));
  // Positions into m; heap[0] is the worst of those kept, so a better match replaces it.
  const heap = new Uint32Array(size);
  const better = (a: number, b: number) =>
    m.scores[a] !== m.scores[b] ? m.scores[a] > m.scores[b] : m.tieGroup[a] !== m.tieGroup[b] ? m.tieGroup[a] < m.tieGroup[b] : m.ordinals[a] < m.ordinals[b];
  let held = 0;
  for (let i = 0; i < n && size > 0; i++) {
    if (held < size) {
      heap[held] = i;
      siftUp(heap, held++, better);
    } else if (better(i, heap[0])) {
      heap[0] = i;
      siftDown(heap, held, better);
    }
  }
  // Popping the worst repeatedly fills the answer from the back.
  const out: TopMatches = { total: n, ordinals: new Uint32Array(size), scores: new Float64Array(size) };
  for (let at = size - 1; at >= 0; at--) {
    const worst = heap[0];
    out.ordinals[at] = m.ordinals[worst];
    out.scores[at] = m.scores[worst];
    heap[0] = heap[--held];
    siftDown(heap, held, better);
  }
  return out;
}

type Better = (a: number, b: number) => boolean;

function siftUp(heap: Uint32Array, at: number, better: Better): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!better(heap[parent], heap[at])) return;
    [heap[parent], heap[at]] = [heap[at], heap[parent]];
    at = parent;
  }
}

function siftDown(heap: Uint32Array, length: number, better: Better): void {
  for (let at = 0; ; ) {
    const left = 2 * at + 1;
    if (left >= length) return;
    const right = left + 1;
    const worse = right < length && better(heap[left], heap[right]) ? right : left;
    if (!better(heap[at], heap[worse])) return;
    [heap[at], heap[worse]] = [heap[worse], heap[at]];
    at = worse;
  }
}
