import { codeOrder } from './code-order.ts';
import type { RankedSection } from './search.ts';

/** One district's column on /compare. */
export interface DistrictColumn {
  district: string;
  items: RankedSection[];
  documents: number;
  /** Matching items per year (the chart). */
  years: Map<string, number>;
}

/**
 * One column per district of the corpus, zeros included (no item in a district is an answer too),
 * most items first, rank order inside. Example: hits for 棚户区改造 with districts 罗湖区, 福田区, 盐田区 →
 * columns 罗湖区 (n items), 福田区 (0), 盐田区 (0).
 */
export function compareByDistrict(hits: RankedSection[], districts: readonly string[] = []): DistrictColumn[] {
  const columns = new Map<string, RankedSection[]>(districts.map((d) => [d, []]));
  for (const h of hits) {
    const d = h.section.district ?? '未注明区';
    columns.set(d, [...(columns.get(d) ?? []), h]);
  }
  return [...columns]
    .map(([district, items]) => ({ district, items, documents: new Set(items.map((i) => i.section.docId)).size, years: countYears(items) }))
    .sort((a, b) => b.items.length - a.items.length || a.district.localeCompare(b.district, 'zh-CN'));
}

function countYears(items: RankedSection[]): Map<string, number> {
  const years = new Map<string, number>();
  for (const i of items) if (i.section.year) years.set(i.section.year, (years.get(i.section.year) ?? 0) + 1);
  return years;
}

/** Every year any column has, oldest first. Example: columns with 2012 and 2017 items → `['2012', '2017']`. */
export function columnYears(columns: DistrictColumn[]): string[] {
  return [...new Set(columns.flatMap((c) => [...c.years.keys()]))].sort(codeOrder);
}
