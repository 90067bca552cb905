import { PINYIN_GLUE, isPinyinSyllable } from '../segment/pinyin.ts';
import { stripPinyin } from '../segment/strip-pinyin.ts';
import { toSimplified } from '../segment/to-simplified.ts';

/** Syllable → the characters the page glues it after, with counts. */
export type PinyinTable = Map<string, Map<string, number>>;

/** What the page itself teaches the garble repair: its pinyin, its characters, its character pairs. */
export interface PageEvidence {
  pinyin: PinyinTable;
  /** Characters the page uses, with counts (in the page's own script). */
  seen: Map<string, number>;
  /** Adjacent Han pairs of the page's text, simplified: phrases a page repeats (人民至上) vouch for a repair. */
  pairs: Set<string>;
}

/**
 * Reads the evidence once per page.
 * Example: `['羅湖區(qū)人民']` → pinyin `qū → {區: 1}`, pairs `罗湖, 湖区, 区人, 人民`.
 */
export function pageEvidence(lines: readonly string[]): PageEvidence {
  const pinyin: PinyinTable = new Map();
  const seen = new Map<string, number>();
  const pairs = new Set<string>();
  for (const line of lines) {
    for (const c of line) seen.set(c, (seen.get(c) ?? 0) + 1);
    for (const m of line.matchAll(PINYIN_GLUE)) {
      const [, han, syllable] = m;
      if (!isPinyinSyllable(syllable)) continue;
      const chars = pinyin.get(syllable) ?? new Map<string, number>();
      chars.set(han, (chars.get(han) ?? 0) + 1);
      pinyin.set(syllable, chars);
    }
    // Not the run right after a `?`: that is where mojibake sits.
    toSimplified(stripPinyin(line))
      .split('?')
      .forEach((part, i) => {
        const runs = part.match(/\p{Script=Han}+/gu) ?? [];
        const clean = i > 0 && /^\p{Script=Han}/u.test(part) ? runs.slice(1) : runs;
        for (const run of clean) for (let k = 1; k < run.length; k++) pairs.add(run[k - 1] + run[k]);
      });
  }
  return { pinyin, seen, pairs };
}

/** Characters the page uses elsewhere are far likelier than rare variants (羣 for 群). */
export function familiarity(c: string, ev: PageEvidence): number {
  return (ev.seen.get(c) ?? 0) > 0 ? 1 : 0.05;
}
