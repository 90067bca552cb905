/**
 * The Han characters as a regular-expression bracket body of ranges, generated from the same
 * `\p{Script=Han}` the bigram index uses, so SQL's `han_grams` and Node's `probeGrams` agree on
 * every character. Example: the result starts `⺀-⺙⺛-⻳…` and contains `一-鿿`-like ranges.
 */
export function hanClass(): string {
  const han = /\p{Script=Han}/u;
  let out = '';
  let start = -1;
  for (let c = 0; c <= 0x110000; c++) {
    const isHan = c < 0x110000 && !(c >= 0xd800 && c <= 0xdfff) && han.test(String.fromCodePoint(c));
    if (isHan && start < 0) start = c;
    if (!isHan && start >= 0) {
      out += start === c - 1 ? String.fromCodePoint(start) : `${String.fromCodePoint(start)}-${String.fromCodePoint(c - 1)}`;
      start = -1;
    }
  }
  return out;
}
