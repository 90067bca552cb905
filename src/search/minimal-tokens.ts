import { tokenize } from '../segment/tokenize.ts';

/** jieba's search-mode words without the compounds of other words: `城市更新项目` → 城市, 更新, 项目. */
export function minimalTokens(text: string): string[] {
  const tokens = [...new Set(tokenize(text))];
  const minimal = tokens.filter((t) => !tokens.some((o) => o !== t && o.length < t.length && t.includes(o) && coveredBy(t, tokens)));
  return minimal.length > 0 ? minimal : tokens;
}

function coveredBy(word: string, tokens: string[]): boolean {
  const covered = new Array<boolean>(word.length).fill(false);
  for (const t of tokens) {
    if (t === word) continue;
    for (let at = word.indexOf(t); at >= 0; at = word.indexOf(t, at + 1)) for (let i = 0; i < t.length; i++) covered[at + i] = true;
  }
  return covered.every(Boolean);
}
