import type { CleanLine } from '../domain.ts';
import chrome from './data/chrome-lines.json' with { type: 'json' };
import { repairMojibake } from './repair-mojibake.ts';
import { stripPinyin } from '../segment/strip-pinyin.ts';
import { toSimplified } from '../segment/to-simplified.ts';

/**
 * Turns decoded page text into clean lines in both scripts: mojibake repaired, pinyin glue and
 * web-page chrome removed, whitespace tidied, empty lines dropped.
 * Example: `'  羅湖區(qū)城管局\n掃一掃在手機上打開當前頁'` → `[{ original: '羅湖區城管局', text: '罗湖区城管局' }]`.
 */
export function cleanLines(text: string): CleanLine[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const out: CleanLine[] = [];
  for (const line of repairMojibake(raw)) {
    const original = tidySpaces(stripPinyin(line));
    if (!original) continue;
    const simplified = toSimplified(original);
    if (isChrome(simplified)) continue;
    out.push({ original, text: simplified });
  }
  return out;
}

/** Is this line web-page furniture rather than content? `扫一扫在手机上打开当前页` → true. */
export function isChrome(line: string): boolean {
  const t = line.trim();
  return chrome.exact.includes(t) || chrome.prefix.some((p) => t.startsWith(p));
}

/** Trims, turns ideographic and odd spaces into plain ones and collapses runs: display stays readable. */
function tidySpaces(line: string): string {
  return line
    .replace(/[\u00a0\u2000-\u200b\u3000\t\f\v]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
