import type { SectionRecord } from '../index/corpus.ts';
import { codeOrder } from './code-order.ts';

/**
 * The parts of the rank orders that do not depend on the query, as integers per section ordinal, so
 * ordering hits compares numbers instead of date and key strings.
 */
export interface OrderColumns {
  /** Position of the section when all are ordered newer first, then by key: byRank's last two keys. */
  tie: Uint32Array;
  /** 1 + the index of the section's date in `dates`; 0 when it has no date. */
  date: Uint32Array;
  /** The distinct dates, ascending. */
  dates: string[];
}

/**
 * Example: sections a (2017-03-01), b (undated), c (2021-05-02) → tie [1, 2, 0], date [1, 0, 2],
 * dates ['2017-03-01', '2021-05-02'].
 */
export function buildOrderColumns(sections: readonly SectionRecord[]): OrderColumns {
  const dates = [...new Set(sections.flatMap((s) => (s.date === null ? [] : [s.date])))].sort(codeOrder);
  const rankOf = new Map(dates.map((d, i) => [d, i + 1]));
  const date = Uint32Array.from(sections, (s) => (s.date === null ? 0 : rankOf.get(s.date)!));
  // Keys read once: a stored section builds its key on every read, and the sort compares n log n times.
  const keys = sections.map((s) => s.key);
  const byTie = Uint32Array.from(sections, (_, i) => i).sort((a, b) => date[b] - date[a] || codeOrder(keys[a], keys[b]));
  const tie = new Uint32Array(sections.length);
  byTie.forEach((o, position) => (tie[o] = position));
  return { tie, date, dates };
}

/**
 * The date ranks a `from`/`to` range admits, inclusive (dates compare as strings; `2017` reaches to
 * 2017-12-31). Undated sections (rank 0) are outside every range.
 * Example: dates ['2016-01-02', '2017-05-01', '2018-01-01'], from 2017, to 2017 → [2, 2].
 */
export function dateRankRange(columns: OrderColumns, from: string | null | undefined, to: string | null | undefined): [number, number] {
  const upper = to ? to + '-99-99'.slice(0, 10 - to.length) : null;
  const { dates } = columns;
  // First date ≥ from, last date ≤ upper, by binary search over the sorted distinct dates.
  const lo = from ? firstAtLeast(dates, from) : 0;
  const hi = upper ? firstAtLeast(dates, upper + '\u0000') - 1 : dates.length - 1;
  return [lo + 1, hi + 1];
}

function firstAtLeast(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
