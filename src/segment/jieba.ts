import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface Jieba {
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
  insertWord(word: string): boolean;
}

let jieba: Jieba | undefined;

/**
 * nodejieba with the policy dictionary loaded, created once per process.
 * Example: `cutForSearch('推进城市更新')` → `['推进', '城市', '更新', '城市更新']`.
 */
export function policyJieba(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const loaded = require('nodejieba') as Jieba;
    const dict = readFileSync(new URL('./policy-dict.txt', import.meta.url), 'utf8');
    for (const line of dict.split('\n')) {
      const word = line.trim();
      if (word && !word.startsWith('#')) loaded.insertWord(word);
    }
    jieba = loaded;
  }
  return jieba;
}
