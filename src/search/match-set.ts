/**
 * Every section a query matches, as parallel typed arrays ascending by ordinal: what matching
 * returns, what the ranking cache holds and what the collectors read. No object per match.
 * Example: 城市更新 over three sections → ordinals [0, 2], scores [3.1, 1.4], literal [1, 0], matched null.
 */
export interface MatchSet {
  ordinals: Uint32Array;
  scores: Float64Array;
  /** 1 where every clause matched literally (the query as written occurs in the text). */
  literal: Uint8Array;
  /** Relaxed matches only: how many of the query's units each section contains; null otherwise. */
  matched: Uint16Array | null;
}

/** Bytes a match set holds: the ranking cache is bounded by these. Example: 1,000 matches → 13,000 bytes. */
export function matchSetBytes(m: MatchSet): number {
  return m.ordinals.byteLength + m.scores.byteLength + m.literal.byteLength + (m.matched?.byteLength ?? 0);
}

/** No match. */
export function emptyMatchSet(): MatchSet {
  return { ordinals: new Uint32Array(0), scores: new Float64Array(0), literal: new Uint8Array(0), matched: null };
}

/**
 * Gathers the ordinals marked in `seen` (ascending) with their values from ordinal-indexed arrays.
 * Example: seen [1, 0, 1], score [2, 0, 5] → ordinals [0, 2], scores [2, 5].
 */
export function gatherMatches(seen: Uint8Array, score: Float64Array, literal: Uint8Array, matched: Uint16Array | null = null): MatchSet {
  let n = 0;
  for (let o = 0; o < seen.length; o++) n += seen[o];
  const out: MatchSet = { ordinals: new Uint32Array(n), scores: new Float64Array(n), literal: new Uint8Array(n), matched: matched ? new Uint16Array(n) : null };
  n = 0;
  for (let o = 0; o < seen.length; o++) {
    if (!seen[o]) continue;
    out.ordinals[n] = o;
    out.scores[n] = score[o];
    out.literal[n] = literal[o];
    if (matched) out.matched![n] = matched[o];
    n++;
  }
  return out;
}
