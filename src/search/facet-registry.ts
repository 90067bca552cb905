import type { SectionRecord } from '../index/corpus.ts';

/** The department facet's value for items whose note names no lead department, so filters never hide them silently. */
export const NO_LEAD = '未注明牵头单位';

/**
 * One facet: its name in code, its URL parameter, its label on pages and exports, and its values
 * for a section. Params, views, search, exports and the benchmark all read this one list.
 */
export interface FacetSpec<N extends string = string> {
  name: N;
  param: string;
  label: string;
  values: (s: SectionRecord) => string[];
}

/**
 * The facets in display order. Example: the 罗湖 2017 item `1.突出城市更新规划引领` →
 * district `['罗湖区']`, department `['罗湖区城市更新局']`, year `['2017']`, type `['计划']`;
 * a preface section without a note → department `['未注明牵头单位']`.
 */
export const FACET_REGISTRY = [
  { name: 'district', param: 'district', label: '区', values: (s: SectionRecord) => (s.district ? [s.district] : []) },
  { name: 'department', param: 'dept', label: '牵头单位', values: (s: SectionRecord) => (s.lead.length > 0 ? s.lead : [NO_LEAD]) },
  { name: 'year', param: 'year', label: '年份', values: (s: SectionRecord) => (s.year ? [s.year] : []) },
  { name: 'type', param: 'type', label: '文件类型', values: (s: SectionRecord) => (s.type ? [s.type] : []) },
  { name: 'validity', param: 'validity', label: '有效性', values: (s: SectionRecord) => (s.validity ? [s.validity] : []) },
] as const satisfies readonly FacetSpec[];

export type FacetName = (typeof FACET_REGISTRY)[number]['name'];
export type Filters = Record<FacetName, string[]>;
export const FACETS: readonly FacetName[] = FACET_REGISTRY.map((f) => f.name);

const BY_NAME = new Map<FacetName, FacetSpec<FacetName>>(FACET_REGISTRY.map((f) => [f.name, f]));

/** The registry entry of a facet. Example: `facetSpec('department').param` → `dept`. */
export function facetSpec(name: FacetName): FacetSpec<FacetName> {
  return BY_NAME.get(name)!;
}

/** The values a section has for a facet. Example: a 罗湖 2017 plan item → district `['罗湖区']`. */
export function facetValues(s: SectionRecord, facet: FacetName): string[] {
  return facetSpec(facet).values(s);
}

/** Filters with every facet present (empty where not given). Example: `{ year: ['2017'] }` → `{ district: [], department: [], year: ['2017'], type: [] }`. */
export function completeFilters(f: Partial<Filters> = {}): Filters {
  return Object.fromEntries(FACETS.map((name) => [name, f[name] ?? []])) as Filters;
}
