import { type Alloc, HEAP } from './scratch.ts';

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
export function gatherMatches(seen: Uint8Array, score: Float64Array, literal: Uint8Array, matched: Uint16Array | null = null, alloc: Alloc = HEAP): MatchSet {
  let n = 0;
  for (let o = 0; o < seen.length; o++) n += seen[o];
  const out = allocMatches(n, alloc, matched !== null);
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

/**
 * Union of two match sets by merging their ascending ordinals: the larger score, literal when
 * either is. `onlyFirst` keeps just the first set's ordinals (a phrase: word matches only rank it).
 * Example: {1: 0 literal} ∪ {1: 2.5, 4: 1.0} → {1: 2.5 literal, 4: 1.0}.
 */
export function unionMatches(a: MatchSet, b: MatchSet, onlyFirst = false, alloc: Alloc = HEAP): MatchSet {
  // Locals, not `a.ordinals[i]`: these loops run once per match of a common word.
  const [ao, as, al, bo, bs, bl] = [a.ordinals, a.scores, a.literal, b.ordinals, b.scores, b.literal];
  const out = allocMatches(onlyFirst ? ao.length : ao.length + bo.length, alloc);
  const { ordinals, scores, literal } = out;
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < ao.length || j < bo.length) {
    const oa = i < ao.length ? ao[i] : Infinity;
    const ob = j < bo.length ? bo[j] : Infinity;
    if (ob < oa) {
      if (!onlyFirst) {
        ordinals[k] = ob;
        scores[k] = bs[j];
        literal[k++] = bl[j];
      }
      j++;
    } else {
      ordinals[k] = oa;
      scores[k] = oa < ob ? as[i] : Math.max(as[i], bs[j++]);
      literal[k++] = oa < ob ? al[i] : al[i] | bl[j - 1];
      i++;
    }
  }
  return trim(out, k, alloc);
}

/**
 * Intersection by merging ascending ordinals: scores added (first + second), literal when both are.
 * Example: {1: 2, 3: 1 literal} ∩ {3: 0.5 literal, 7: 4} → {3: 1.5 literal}.
 */
export function intersectMatches(a: MatchSet, b: MatchSet, alloc: Alloc = HEAP): MatchSet {
  const [ao, as, al, bo, bs, bl] = [a.ordinals, a.scores, a.literal, b.ordinals, b.scores, b.literal];
  const out = allocMatches(Math.min(ao.length, bo.length), alloc);
  const { ordinals, scores, literal } = out;
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < ao.length && j < bo.length) {
    const oa = ao[i];
    const ob = bo[j];
    if (oa < ob) i++;
    else if (ob < oa) j++;
    else {
      ordinals[k] = oa;
      scores[k] = as[i] + bs[j];
      literal[k++] = al[i++] & bl[j++];
    }
  }
  return trim(out, k, alloc);
}

/** Keeps the matches `keep` says yes to. Example: keep odd ordinals of {1, 2, 3} → {1, 3}. */
export function filterMatches(m: MatchSet, keep: (ordinal: number) => boolean, alloc: Alloc = HEAP): MatchSet {
  const n = m.ordinals.length;
  const out = allocMatches(n, alloc);
  let k = 0;
  for (let i = 0; i < n; i++) if (keep(m.ordinals[i])) put(out, k++, m.ordinals[i], m.scores[i], m.literal[i]);
  return trim(out, k, alloc);
}

/**
 * A match set in arrays of its own, exactly its size: what outlives the query (the ranking cache,
 * the result's pages) never points into scratch memory the next query overwrites.
 * Example: a set of 3 matches viewing a 64 KiB scratch buffer → 3 matches in 39 bytes of their own.
 */
export function ownedMatches(m: MatchSet): MatchSet {
  return { ordinals: m.ordinals.slice(), scores: m.scores.slice(), literal: m.literal.slice(), matched: m.matched?.slice() ?? null };
}

/** Room for n matches from `alloc` (zero-filled), with a `matched` column only for relaxed sets. */
function allocMatches(n: number, alloc: Alloc, withMatched = false): MatchSet {
  return { ordinals: alloc.u32(n), scores: alloc.f64(n), literal: alloc.u8(n), matched: withMatched ? alloc.u16(n) : null };
}

function put(m: MatchSet, k: number, ordinal: number, score: number, literal: number): void {
  m.ordinals[k] = ordinal;
  m.scores[k] = score;
  m.literal[k] = literal;
}

/**
 * The first k matches: views when they fill most of the arrays, else copies, so a cached set holds
 * about the bytes matchSetBytes counts; always views of scratch memory (copied out once, at the end).
 */
function trim(m: MatchSet, k: number, alloc: Alloc): MatchSet {
  const cut = <T extends Uint32Array | Float64Array | Uint8Array>(a: T): T => (alloc !== HEAP || k * 2 >= a.length ? a.subarray(0, k) : a.slice(0, k)) as T;
  return { ordinals: cut(m.ordinals), scores: cut(m.scores), literal: cut(m.literal), matched: null };
}
