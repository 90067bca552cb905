/**
 * Plain code-unit order for ISO dates, ids and keys, which need no collation; localeCompare (ICU)
 * dominated sorting tens of thousands of hits. Example: (`2017-03-28`, `2015-02-27`) → 1.
 */
export function codeOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
