/**
 * Pinyin syllables as scraped sites glue them after characters: 羅湖區(qū). Shared by the stage that
 * strips the glue and the stage that uses it to recover characters lost to mojibake.
 */

const TONED: Record<string, string> = {
  ā: 'a', á: 'a', ǎ: 'a', à: 'a', ē: 'e', é: 'e', ě: 'e', è: 'e', ê: 'e',
  ī: 'i', í: 'i', ǐ: 'i', ì: 'i', ō: 'o', ó: 'o', ǒ: 'o', ò: 'o',
  ū: 'u', ú: 'u', ǔ: 'u', ù: 'u', ǖ: 'v', ǘ: 'v', ǚ: 'v', ǜ: 'v', ü: 'v',
  ń: 'n', ň: 'n', ǹ: 'n', ḿ: 'm',
};

const SYLLABLE =
  /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn|ia|ie|iu|ua|uo|ui|ve|ue|a|o|e|i|u|v|ng|n|m)$/;

/** Letters a syllable may be written with (lower case only: `(GDP)` is never pinyin). */
export const PINYIN_LETTERS = 'a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';

/** `([letters])` right after a Han character; group 1 is the character, group 2 the syllable. */
export const PINYIN_GLUE = new RegExp(`(\\p{Script=Han})\\(([${PINYIN_LETTERS}]{1,7})\\)`, 'gu');

/** Is this a well-formed pinyin syllable? `qū` → true, `gdp` → false, `2012` → false. */
export function isPinyinSyllable(text: string): boolean {
  const plain = [...text].map((c) => TONED[c] ?? c).join('');
  return SYLLABLE.test(plain);
}
