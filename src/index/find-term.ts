import type { CompiledPostings } from './compiled-postings.ts';

/**
 * The term's number in the dictionary, or -1: a binary search comparing UTF-16 code units, so no
 * term string is built. Example: `findTerm(p, encodeTerm('城市'))` → 城市's position among the terms in
 * code-unit order, or -1 when no section has it.
 */
export function findTerm(p: CompiledPostings, term: string): number {
  let lo = 0;
  let hi = p.termStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareTerm(p, mid, term) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < p.termStart.length - 1 && compareTerm(p, lo, term) === 0 ? lo : -1;
}

/** Sign of (term t − the string), in code-unit order. */
function compareTerm(p: CompiledPostings, t: number, term: string): number {
  const start = p.termStart[t];
  const length = p.termStart[t + 1] - start;
  const n = Math.min(length, term.length);
  for (let i = 0; i < n; i++) {
    const d = p.termChars[start + i] - term.charCodeAt(i);
    if (d !== 0) return d;
  }
  return length - term.length;
}
