import { toSimplified } from '../ingest/to-simplified.ts';

/**
 * Width and case folding that keeps every character in place (one in, one out), so offsets found in
 * folded text point straight into the display text for highlighting.
 * Example: `ＰＭ２.５（一）` → `pm2.5(一)`.
 */
export function foldWidth(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0).toLowerCase();
    else if (code === 0x3000) out += ' ';
    else if (c.length === 1) out += c.toLowerCase().length === 1 ? c.toLowerCase() : c;
    else out += c;
  }
  return out;
}

/**
 * What index and queries both match on: simplified script, folded width and case.
 * Example: `棚戶區改造ＧＥＰ` → `棚户区改造gep`.
 */
export function normalize(text: string): string {
  return foldWidth(toSimplified(text));
}
