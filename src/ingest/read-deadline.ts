import { halfWidthDigits } from './read-date.ts';

/** `完成时限：2017年12月底前`, `时间节点: 2018年6月` — a keyed deadline, to the end of its clause. */
const KEYED = /(?:完成时限|完成时间|时间节点|完成期限|时限要求)\s*[:：]\s*([^；;。，,）)\n|]{2,24})/u;
/** `（2017年6月底前完成）`, `(2018年底前)` — a parenthesised date with 前/完成. */
const PAREN = /[（(]\s*((?:\d{4}\s*年)?\s*(?:\d{1,2}\s*月)?\s*(?:底|末|上旬|中旬|下旬)?\s*(?:前|以前)?)\s*(?:完成|前完成)?\s*[）)]/gu;

/** `…，2023年9月底前完成）`, `于2023年6月底前完成`: a clause of a note or sentence ending in 前 (with 完成). */
const CLAUSE = /(?:[（(，,；;。\s]|于|在)((?:\d{4}\s*年)\s*(?:\d{1,2}\s*月)?\s*(?:\d{1,2}\s*日)?\s*(?:底|末|上旬|中旬|下旬)?\s*(?:前|以前))\s*完成/u;

/**
 * The deadline an item states, as written (dates stay fuzzy: 底, 上旬), or null.
 * Example: `…。（完成时限：2017年12月底前）` → `2017年12月底前`; `（2017年6月底前完成）` → `2017年6月底前`;
 * `（区商务局牵头，2023年9月底前完成）` → `2023年9月底前`; `（2012年3月5日）` → null (a date, not a deadline).
 */
export function readDeadline(text: string): string | null {
  text = halfWidthDigits(text);
  const keyed = KEYED.exec(text);
  if (keyed) return keyed[1].trim();
  for (const m of text.matchAll(PAREN)) {
    const inner = m[0];
    const date = m[1].replace(/\s+/g, '');
    if (!/\d/.test(date)) continue;
    // A bare date in brackets is a date line; it is a deadline only when it says 前, 底/末 or 完成.
    if (/前|完成|底|末|旬/u.test(inner)) return date;
  }
  const clause = CLAUSE.exec(text);
  return clause ? clause[1].replace(/\s+/g, '') : null;
}
