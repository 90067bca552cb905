import type { ParsedQuery, QueryTerm } from './parse-query.ts';
import { byMatched } from './rank-order.ts';
import type { RankedSection } from './search.ts';
import { contentWords } from './stop-words.ts';

/**
 * The parts a relaxed match counts: each content word of a clause typed as one unquoted term, or the
 * whole clause (a phrase, an OR, an expanded abbreviation).
 * Example: `关于推进城市更新的意见` → 推进 · 城市 · 更新 · 意见 (关于 and 的 are stop words).
 */
export function relaxedUnits(query: ParsedQuery, cut: (text: string) => string[]): ParsedQuery[] {
  const units: QueryTerm[][] = [];
  for (const clause of query.clauses) {
    const cutWords = clause.length === 1 && !clause[0].phrase ? contentWords(cut(clause[0].text)) : [];
    // 棚户 inside 棚户区 is one word counted twice: keep the longer.
    const words = cutWords.filter((w) => !cutWords.some((o) => o !== w && o.includes(w)));
    if (words.length > 1) units.push(...words.map((text) => [{ text, phrase: false }]));
    else units.push(clause);
  }
  return units.map((clause) => ({ clauses: [clause], excluded: query.excluded }));
}

/** How many units a relaxed match needs: more than half (Elasticsearch's minimum_should_match), at least two. */
export function unitsNeeded(units: number): number {
  return Math.max(2, Math.floor(units / 2) + 1);
}

/**
 * Minimum-should-match ranking, used when all the words together find nothing: the sections matching
 * most of the units, those matching more first, then by summed score. `matchUnit` is the strict
 * matcher for one unit. Each hit carries `matched`, the number of units it contains.
 * Example: 8 units → sections with at least 5 of them; none when the query has fewer than 3 units.
 */
export function relaxedRanking(units: ParsedQuery[], matchUnit: (unit: ParsedQuery) => RankedSection[]): RankedSection[] {
  if (units.length < 3) return [];
  const need = unitsNeeded(units.length);
  const found = new Map<number, RankedSection & { matched: number }>();
  for (const unit of units) {
    for (const hit of matchUnit(unit)) {
      const seen = found.get(hit.ordinal);
      if (seen) {
        seen.matched++;
        seen.score += hit.score;
      } else found.set(hit.ordinal, { ...hit, literal: false, matched: 1 });
    }
  }
  return [...found.values()].filter((h) => h.matched >= need).sort(byMatched);
}
