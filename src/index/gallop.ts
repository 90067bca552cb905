/**
 * First position in `list[from..to)` (ascending) whose value is ≥ `value`, or `to`: exponential
 * steps from `from`, then a binary search. Walking a short list against a long one with a moving
 * `from` costs O(short · log(long / short)) instead of the long list's length.
 * Example: `gallop(Uint32Array.of(2, 5, 9, 14), 0, 4, 9)` → 2.
 */
export function gallop(list: Uint32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = from;
  let step = 1;
  while (hi < to && list[hi] < value) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > to) hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The values of `small` that also occur in `list[from..to)`, ascending; both inputs ascending.
 * Example: `intersectRange(Uint32Array.of(1, 5, 9), Uint32Array.of(0, 5, 7, 9), 0, 4)` → [5, 9].
 */
export function intersectRange(small: Uint32Array, list: Uint32Array, from: number, to: number): Uint32Array {
  const out = new Uint32Array(Math.min(small.length, to - from));
  let n = 0;
  let at = from;
  for (let i = 0; i < small.length && at < to; i++) {
    at = gallop(list, at, to, small[i]);
    if (at < to && list[at] === small[i]) out[n++] = small[i];
  }
  return out.subarray(0, n);
}
