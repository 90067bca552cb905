import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Word and character frequencies of jieba's dictionary: a language model small enough to judge repairs. */
export interface WordStats {
  /** Frequency of a simplified word, 0 when unknown. Example: `wordFreq('经济')` → 35076. */
  wordFreq(word: string): number;
  /** Summed frequency of the words containing a character; rare and garbage characters score low. */
  charFreq(char: string): number;
}

let stats: WordStats | undefined;

/** The shared statistics, read once from nodejieba's bundled dictionary. */
export function wordStats(): WordStats {
  stats ??= load();
  return stats;
}

function load(): WordStats {
  const require = createRequire(import.meta.url);
  const jieba = require('nodejieba') as { DEFAULT_DICT: string };
  const words = new Map<string, number>();
  const chars = new Map<string, number>();
  for (const line of readFileSync(jieba.DEFAULT_DICT, 'utf8').split('\n')) {
    const [word, freqText] = line.split(' ');
    const freq = Number(freqText);
    if (!word || !Number.isFinite(freq)) continue;
    words.set(word, (words.get(word) ?? 0) + freq);
    for (const c of word) chars.set(c, (chars.get(c) ?? 0) + freq);
  }
  return { wordFreq: (w) => words.get(w) ?? 0, charFreq: (c) => chars.get(c) ?? 0 };
}
