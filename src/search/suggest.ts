import type { Corpus } from '../index/corpus.ts';
import { normalizeQuery } from '../segment/normalize.ts';

/**
 * Completions for a prefix from the corpus vocabulary and headings, most frequent first.
 * Example: `suggest(corpus, '城市')` → `['城市更新', '城市管理', …]`.
 */
export function suggest(corpus: Corpus, prefix: string, limit = 8): string[] {
  const p = normalizeQuery(prefix).trim();
  if (!p) return [];
  const out: string[] = [];
  for (const [word] of corpus.vocabulary) {
    if (word.startsWith(p) && word !== p) out.push(word);
    if (out.length >= limit) break;
  }
  return out;
}
