const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUMERIC = /(\d{4})\s*[-－年/／.．]\s*(\d{1,2})\s*[-－月/／.．]\s*(\d{1,2})/u;
const WRITTEN = /([〇零Oo一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/u;

/**
 * The first date in a text as YYYY-MM-DD, in any form pages print: digits with 年月日, dashes,
 * slashes or dots, with or without a time, or written out in Chinese numerals. Null when none.
 * Example: `2021-11-08 15时03分` → `2021-11-08`; `2019年01月28日` → `2019-01-28`;
 * `二〇一七年三月二十日` → `2017-03-20`.
 */
export function readDate(text: string): string | null {
  text = halfWidthDigits(text);
  const m = NUMERIC.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const w = WRITTEN.exec(text);
  if (!w) return null;
  const year = Number([...w[1]].map((c) => CN_DIGIT[c]).join(''));
  return isoDate(year, small(w[2]), small(w[3]));
}

/**
 * Full-width digits as ASCII digits, everything else untouched (a traditional page's `２０２３年５月`).
 * Example: `深福府辦〔２０２３〕７號` → `深福府辦〔2023〕7號`.
 */
export function halfWidthDigits(text: string): string {
  return text.replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** 十 → 10, 二十 → 20, 十二 → 12, 三十一 → 31. */
function small(text: string): number {
  const [tens, ones] = text.split('十');
  if (ones === undefined) return CN_DIGIT[text] ?? 0;
  return (tens ? CN_DIGIT[tens] : 1) * 10 + (ones ? CN_DIGIT[ones] : 0);
}

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
