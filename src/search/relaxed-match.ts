import type { ParsedQuery, QueryTerm } from './parse-query.ts';
import { type MatchSet, emptyMatchSet, gatherMatches } from './match-set.ts';
import { type Alloc, HEAP } from './scratch.ts';
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
 * Minimum-should-match matching, used when all the words together find nothing: the sections matching
 * most of the units (ranked by byMatched: more units first, then summed score). `matchUnit` is the
 * strict matcher for one unit, `n` the number of sections. Each match carries `matched`, the number
 * of units it contains.
 * Example: 8 units → sections with at least 5 of them; none when the query has fewer than 3 units.
 */
export function relaxedMatches(units: ParsedQuery[], matchUnit: (unit: ParsedQuery) => MatchSet, n: number, alloc: Alloc = HEAP): MatchSet {
  if (units.length < 3) return emptyMatchSet();
  const need = unitsNeeded(units.length);
  const matched = alloc.u16(n);
  const score = alloc.f64(n);
  for (const unit of units) {
    const m = matchUnit(unit);
    for (let i = 0; i < m.ordinals.length; i++) {
      matched[m.ordinals[i]]++;
      score[m.ordinals[i]] += m.scores[i];
    }
  }
  // A plain loop: a mapping callback per section was most of a relaxed query's time.
  const seen = alloc.u8(n);
  for (let o = 0; o < n; o++) seen[o] = matched[o] >= need ? 1 : 0;
  return gatherMatches(seen, score, alloc.u8(n), matched, alloc);
}
