import { toSimplified } from '../segment/to-simplified.ts';
import type { PageEvidence } from './page-evidence.ts';
import { wordStats } from './word-stats.ts';

/** A character standing alone must be a function word this frequent (和, 的, 对, 与 …). */
const MIN_SINGLE_FREQ = 20000;
const HAN = /\p{Script=Han}/u;
/** Bopomofo, box drawing, private use: never text. (U+FFFD marks a lost character and is allowed.) */
const NEVER_TEXT = /[\u3100-\u312f\u2500-\u257f\ue000-\uf8ff]/u;

/**
 * The confidence check of the garble repair: which characters of `repaired`, between its
 * neighbours, do not read as text? A Han character reads as text when it sits inside a dictionary
 * word of 2–4 characters, a pair the page itself uses elsewhere, or is a common function word
 * (和, 的). A character chosen without its bytes (`guessed`) must form a pair the page uses
 * elsewhere. Returns their positions in `[...repaired]`, or null when the repair holds mojibake.
 * Example: (`专家`, `库和其他相关`, `领域`) → []; (`专家`, `忍参与`, `我区`) → [0].
 */
export function strayCharacters(
  before: string,
  repaired: string,
  after: string,
  ev: PageEvidence,
  guessed: readonly boolean[] = [],
): number[] | null {
  if (NEVER_TEXT.test(repaired)) return null;
  const left = [...toSimplified(before)].slice(-2);
  const middle = [...toSimplified(repaired)];
  const right = [...toSimplified(after)].slice(0, 2);
  const chars = [...left, ...middle, ...right];
  const covered = new Uint8Array(chars.length);
  const stats = wordStats();
  for (let i = 0; i < chars.length; i++) {
    if (stats.wordFreq(chars[i]) >= MIN_SINGLE_FREQ) covered[i] = 1;
    for (let len = 2; len <= 4 && i + len <= chars.length; len++) {
      if (!HAN.test(chars[i + len - 1])) break;
      const word = chars.slice(i, i + len).join('');
      if (stats.wordFreq(word) > 0 || (len === 2 && ev.pairs.has(word))) covered.fill(1, i, i + len);
    }
  }
  // A guessed character (its bytes were lost) must form a pair the page itself uses elsewhere.
  const vouched = (i: number) => ev.pairs.has(chars[i - 1] + chars[i]) || ev.pairs.has(chars[i] + chars[i + 1]);
  const stray: number[] = [];
  middle.forEach((c, k) => {
    const i = left.length + k;
    if (HAN.test(c) && (guessed[k] ? !vouched(i) : !covered[i])) stray.push(k);
  });
  return stray;
}
