import { PINYIN_GLUE, isPinyinSyllable } from './pinyin.ts';

/**
 * Removes pinyin glued after Han characters, and nothing else.
 * Example: `羅湖區(qū)人民政府(2012年3月5日)(GDP)` → `羅湖區人民政府(2012年3月5日)(GDP)`.
 */
export function stripPinyin(line: string): string {
  return line.replace(PINYIN_GLUE, (whole, han: string, syllable: string) =>
    isPinyinSyllable(syllable) ? han : whole,
  );
}
