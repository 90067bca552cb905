import data from './data/stop-words.json' with { type: 'json' };

const STOP: ReadonlySet<string> = new Set(data.words);

/**
 * The words that carry meaning, or all of them when every word is a stop word.
 * Example: `['关于', '推进', '城市', '更新', '的']` → `['推进', '城市', '更新']`; `['的']` → `['的']`.
 */
export function contentWords(words: string[]): string[] {
  const kept = words.filter((w) => !STOP.has(w));
  return kept.length > 0 ? kept : words;
}
