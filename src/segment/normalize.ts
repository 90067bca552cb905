import { toSimplified } from '../ingest/to-simplified.ts';

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
  return table;
})();

/**
 * Width and case folding that keeps every character in place (one in, one out), so offsets found in
 * folded text point straight into the display text for highlighting.
 * Example: `ＰＭ２.５（一）` → `pm2.5(一)`.
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
 * What index and queries both match on: simplified script, folded width and case.
 * Example: `棚戶區改造ＧＥＰ` → `棚户区改造gep`.
 */
export function normalize(text: string): string {
  return foldWidth(toSimplified(text));
}
