import data from './data/match-fold.json' with { type: 'json' };
import { stripPinyin } from './strip-pinyin.ts';
import { toSimplified } from './to-simplified.ts';

/** Per UTF-16 unit: what it folds to. One unit in, one unit out, so offsets survive folding. */
const FOLD = (() => {
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    let to = code;
    if (code >= 0xff01 && code <= 0xff5e) to = String.fromCharCode(code - 0xfee0).toLowerCase().charCodeAt(0);
    else if (code === 0x3000) to = 0x20;
    else if (code < 0xd800 || code > 0xdfff) {
      const lower = String.fromCharCode(code).toLowerCase();
      if (lower.length === 1) to = lower.charCodeAt(0);
    }
    table[code] = to;
  }
  // Script variants OpenCC leaves apart (沿著 / 沿着): one form for matching, see data/match-fold.json.
  for (const [from, to] of Object.entries(data.fold)) table[from.charCodeAt(0)] = to.charCodeAt(0);
  return table;
})();

/**
 * Width, case and script-variant folding that keeps every character in place (one in, one out), so
 * offsets found in folded text point straight into the display text for highlighting.
 * Example: `ＰＭ２.５（一）沿著` → `pm2.5(一)沿着`.
 */
export function foldWidth(text: string): string {
  let i = 0;
  // Most policy text has nothing to fold: return it without building a new string.
  while (i < text.length && FOLD[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === text.length) return text;
  const units = new Uint16Array(text.length);
  for (let j = 0; j < text.length; j++) units[j] = FOLD[text.charCodeAt(j)];
  let out = '';
  for (let at = 0; at < units.length; at += 8192) out += String.fromCharCode(...units.subarray(at, at + 8192));
  return out;
}

/**
 * What index and queries both match on: simplified script, folded width, case and script variants.
 * Example: `棚戶區改造ＧＥＰ顯著` → `棚户区改造gep显着`.
 */
export function normalize(text: string): string {
  return foldWidth(toSimplified(text));
}

/**
 * What a typed query matches on: the cleaning pages get (pinyin glue stripped), then `normalize`.
 * Example: `羅湖區(qū)沿著` → `罗湖区沿着`.
 */
export function normalizeQuery(text: string): string {
  return normalize(stripPinyin(text));
}
