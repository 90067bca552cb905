const DASH = /^——+(?=\S)/u;
/** A speech's or report's subtitle: `——在深圳市罗湖区第七届人民代表大会第二次会议上`. */
const SUBTITLE = /^——+\s*在.{2,60}(会议|大会|会|论坛|典礼|仪式|座谈会|活动)上(的(讲话|报告|发言|致辞))?$/u;
/** Indicator lines carry figures: `——地区生产总值(GDP)增长2.0%;`. */
const FIGURES = /[%％‰]|\d+(\.\d+)?\s*(亿|万|个|家|项|人|公里|平方米|吨|倍|岁|天)/u;
const HEADING_MAX = 40;

/**
 * Which ——lines the page uses as headings, decided by evidence on the whole page: a heading is short,
 * carries no figures, does not end a clause (；;。), is not a speech subtitle, is not one of a run of
 * ——lines (a run is a list) and has body text under it; and the page has at least two of them.
 * Example: `['——抓机遇，谋长远', '过去一年…', '——抓改革，打硬仗', '我们…']` → {0, 2};
 * `['——地区生产总值增长2.0%;', '——居民收入增长8%;']` → {}.
 */
export function dashHeadings(lines: readonly string[]): Set<number> {
  const isDash = (i: number) => i >= 0 && i < lines.length && DASH.test(lines[i]);
  const out = new Set<number>();
  lines.forEach((line, i) => {
    if (!isDash(i) || isDash(i - 1) || isDash(i + 1)) return;
    if (line.length > HEADING_MAX || /[。；;]/u.test(line) || FIGURES.test(line) || SUBTITLE.test(line)) return;
    if (i + 1 >= lines.length) return;
    out.add(i);
  });
  return out.size >= 2 ? out : new Set();
}
