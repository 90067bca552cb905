import type { DistrictColumn } from '../search/compare.ts';

/** Dark, distinct fills that stay apart in greyscale print; a district's bars also carry its number. */
const FILLS = ['#8b1a1a', '#1a4f8b', '#2e7d32', '#6a1b9a', '#e65100', '#37474f', '#00838f', '#5d4037', '#ad1457', '#827717'];

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  count: number;
  title: string;
}

export interface YearChart {
  width: number;
  height: number;
  baseline: number;
  bars: ChartBar[];
  years: { label: string; x: number }[];
  legend: { district: string; fill: string }[];
}

const BAR = 14;
const GAP = 18;
const PLOT = 120;

/**
 * Geometry of a grouped bar chart: per year, one bar per district, heights proportional to the matching
 * items. The view draws it as SVG (numbers are printed on the bars, so it reads without colour).
 * Example: 罗湖区 {2017: 7}, 福田区 {} over years [2017] → two bars at 2017, heights 120 and 0.
 */
export function yearChart(columns: DistrictColumn[], years: string[]): YearChart {
  const max = Math.max(1, ...columns.flatMap((c) => [...c.years.values()]));
  const group = columns.length * BAR + GAP;
  const top = 16;
  const baseline = top + PLOT;
  const bars: ChartBar[] = [];
  years.forEach((year, yi) => {
    columns.forEach((c, ci) => {
      const count = c.years.get(year) ?? 0;
      const height = Math.round((count / max) * PLOT);
      bars.push({ x: 30 + yi * group + ci * BAR, y: baseline - height, width: BAR - 2, height, fill: FILLS[ci % FILLS.length], count, title: `${c.district} ${year} 年：${count} 个条目` });
    });
  });
  const width = Math.max(320, 30 + years.length * group + 10);
  return {
    width,
    height: baseline + 48,
    baseline,
    bars,
    years: years.map((label, yi) => ({ label, x: 30 + yi * group + (columns.length * BAR) / 2 })),
    legend: columns.map((c, ci) => ({ district: c.district, fill: FILLS[ci % FILLS.length] })),
  };
}
