import type { CleanLine } from '../domain.ts';
import { repairMojibake } from './repair-mojibake.ts';
import { stripPinyin } from '../segment/strip-pinyin.ts';
import { toSimplified } from '../segment/to-simplified.ts';
import { stripChrome } from './strip-chrome.ts';

/**
 * Turns decoded page text into clean lines in both scripts: mojibake repaired, pinyin glue and
 * web-page chrome removed, whitespace tidied, empty lines dropped.
 * Example: `'  羅湖區(qū)城管局\n掃一掃在手機上打開當前頁'` → `[{ original: '羅湖區城管局', text: '罗湖区城管局' }]`.
 */
export function cleanLines(text: string): CleanLine[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const out: CleanLine[] = [];
  for (const line of repairMojibake(raw)) {
    const tidy = tidySpaces(stripPinyin(line));
    if (!tidy) continue;
    const converted = toSimplified(tidy);
    const simplified = stripChrome(converted);
    if (!simplified) continue;
    // Fragments were cut on the simplified line; a traditional line keeps its script unless it lost some.
    const original = simplified === converted ? tidy : simplified;
    out.push({ original, text: simplified });
  }
  return out;
}

/**
 * Trims, turns ideographic and odd spaces into plain ones and collapses runs: display stays readable.
 * Tabs between words separate table cells, so they become ` | ` like a written table row.
 */
function tidySpaces(line: string): string {
  return line
    .trim()
    .replace(/\s*\t[\t\s]*/g, ' | ')
    .replace(/[\u00a0\u2000-\u200b\u3000\f\v]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
