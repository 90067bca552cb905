import { gbkTable } from '../../src/ingest/gbk-table.ts';
import { foldWidth } from '../../src/segment/normalize.ts';

/**
 * Garbles text the way the repost sites did, for tests: the GBK bytes read one byte out of step from
 * `at` (the pair that straddles the step shows as `?`), private-use characters dropped, invalid
 * pairs shown as `?`, full-width ASCII forms folded. Example: `在确保“接得住”` at 2 → `在确?!敖拥米`.
 */
export function garble(text: string, at: number): string {
  const table = gbkTable();
  const chars = [...text];
  const bytes: number[] = [];
  for (const c of chars.slice(at)) {
    const pair = table.encode(c);
    if (pair) bytes.push(...pair);
    else bytes.push(...new TextEncoder().encode(c));
  }
  const shifted = new TextDecoder('gbk').decode(Uint8Array.from(bytes.slice(1)));
  const shown = shifted
    .replace(/[\ue000-\uf8ff]/gu, '')
    .replace(/\ufffd/gu, '?')
    .replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/gu, ' ');
  return chars.slice(0, at).join('') + '?' + shown;
}

/**
 * Is `repaired` faithful to `original`: every character it shows is the original's, in order, with
 * characters only left out, shown as unknown (□) or left unrepaired after a `?`, never changed or added?
 * Example: (`坚持□民至上`, `坚持人民至上`) → true; (`坚持人民至少`, `坚持人民至上`) → false.
 */
export function isFaithful(repaired: string, original: string): boolean {
  // Width is not judged: the sites fold full-width forms themselves.
  const b = [...foldWidth(original)];
  let j = 0;
  for (const c of foldWidth(repaired).replace(/[?□]/gu, '')) {
    while (j < b.length && b[j] !== c) j++;
    if (j === b.length) return false;
    j++;
  }
  return true;
}
