import { foldWidth } from '../segment/normalize.ts';
import { minimalTokens } from './minimal-tokens.ts';
import { type ParsedQuery, parseQuery } from './parse-query.ts';
import { contentWords } from './stop-words.ts';

/** A term as typed and the words it was cut into; the words are marked only where the term itself is absent. */
export interface HighlightGroup {
  text: string;
  pieces: string[];
}

/**
 * The highlight groups of a query; `cut` is the tokenizer's minimal words. Single characters and
 * stop words are not marked alone. Example: `城市更新` → `[{ text: '城市更新', pieces: ['城市', '更新'] }]`.
 */
export function highlightGroups(query: ParsedQuery, cut: (text: string) => string[]): HighlightGroup[] {
  const groups: HighlightGroup[] = [];
  for (const clause of query.clauses) {
    for (const t of clause) {
      const pieces = t.phrase ? [] : contentWords(cut(t.text)).filter((w) => w !== t.text && ([...w].length >= 2 || [...t.text].length === 1));
      groups.push({ text: t.text, pieces });
    }
  }
  return groups;
}

/**
 * What to mark in one section: each term as typed where it occurs, its pieces only where it does not —
 * so 城市更新 marks no lone 城市 in 海绵城市 in a section about 城市更新.
 * Example: (`推进城市更新，建设海绵城市`, 城市更新's group) → `['城市更新']`; (`建设海绵城市`, same) → `['城市', '更新']`.
 */
export function termsToMark(text: string, groups: HighlightGroup[]): string[] {
  const folded = foldWidth(text);
  return [...new Set(groups.flatMap((g) => (folded.includes(g.text) ? [g.text] : g.pieces)))];
}

/** Strings to mark for a query: each term as typed and the words it was cut into. `城市更新项目` → 城市更新项目, 城市, 更新, 项目. */
export function highlightTerms(query: ParsedQuery): string[] {
  return [...new Set(highlightGroups(query, minimalTokens).flatMap((g) => [g.text, ...g.pieces]))];
}

/** The highlight groups of a query string (the document and department pages' `?q=`). Example: `城市更新` → `[{ text: '城市更新', pieces: ['城市', '更新'] }]`. */
export function queryHighlight(q: string): HighlightGroup[] {
  return highlightGroups(parseQuery(q), minimalTokens);
}
