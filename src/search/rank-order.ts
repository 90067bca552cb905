import { codeOrder } from './code-order.ts';
import type { RankedSection } from './search.ts';

/**
 * The orders of a ranking, shared by the embedded engine and the sharded merge (which must give the
 * same order over global ordinals). Relevance: literal matches first, then score, newer first, key.
 * Example: [{ 000#s2, literal, 1.2 }, { 001#s0, not literal, 9.5 }] → 000#s2 first.
 */
export function byRank(a: RankedSection, b: RankedSection): number {
  return Number(b.literal) - Number(a.literal) || b.score - a.score || codeOrder(b.section.date ?? '', a.section.date ?? '') || codeOrder(a.section.key, b.section.key);
}

/** A relaxed ranking: more of the query's units first, then score, then corpus order. Example: matched 5 before matched 4 whatever the scores. */
export function byMatched(a: RankedSection, b: RankedSection): number {
  return (b.matched ?? 0) - (a.matched ?? 0) || b.score - a.score || a.ordinal - b.ordinal;
}

/** Newest first, rank order within a date; undated last. Example: 2021-03-01 before 2017-05-02 before undated. */
export function byDate(a: RankedSection, b: RankedSection): number {
  return codeOrder(b.section.date ?? '', a.section.date ?? '') || byRank(a, b);
}

/** Oldest first, rank order within a date; undated last. Example: 2017-05-02 before 2021-03-01 before undated. */
export function byDateAscending(a: RankedSection, b: RankedSection): number {
  return codeOrder(a.section.date ?? '\uffff', b.section.date ?? '\uffff') || byRank(a, b);
}
