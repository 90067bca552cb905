import type { RankedSection } from './search.ts';

/** One district's column on /compare. */
export interface DistrictColumn {
  district: string;
  items: RankedSection[];
  documents: number;
}

/**
 * Splits ranked hits into one column per district (most items first), keeping rank order inside.
 * Example: hits for 城市更新 → columns 罗湖区 (…), 福田区 (…), 盐田区 (…).
 */
export function compareByDistrict(hits: RankedSection[]): DistrictColumn[] {
  const columns = new Map<string, RankedSection[]>();
  for (const h of hits) {
    const d = h.section.district ?? '未注明区';
    columns.set(d, [...(columns.get(d) ?? []), h]);
  }
  return [...columns]
    .map(([district, items]) => ({ district, items, documents: new Set(items.map((i) => i.section.docId)).size }))
    .sort((a, b) => b.items.length - a.items.length || a.district.localeCompare(b.district, 'zh-CN'));
}
