import type { SectionRecord } from '../index/corpus.ts';
import { codeOrder } from './code-order.ts';
import { type Engine, search } from './search.ts';

export type Role = 'lead' | 'assist';
/** The department pages' role filter: a role, or `nolead` — items it assists whose note names no lead (未注明牵头单位). */
export type RoleFilter = Role | 'nolead';

/** A department as listed on /departments. */
export interface DepartmentSummary {
  name: string;
  district: string | null;
  /** Items (sections) it leads / assists. */
  led: number;
  assisted: number;
  /** Of those assisted, the items whose note names no lead department (未注明牵头单位). */
  assistedWithoutLead: number;
  /** Years of the items it leads or assists, newest first (the page's year filter). */
  years: string[];
}

/**
 * Every department named as lead or assisting in any item, with its counts, by district then size.
 * Example: → `[{ name: '罗湖区财政局', district: '罗湖区', led: 15, assisted: 0, years: ['2017', '2012'] }, …]`.
 */
export function listDepartments(engine: Engine): DepartmentSummary[] {
  const byName = new Map<string, DepartmentSummary & { yearSet: Set<string> }>();
  const entry = (name: string, s: SectionRecord) => {
    let d = byName.get(name);
    if (!d) byName.set(name, (d = { name, district: name.startsWith(s.district ?? '\0') ? s.district : null, led: 0, assisted: 0, assistedWithoutLead: 0, years: [], yearSet: new Set() }));
    if (s.year) d.yearSet.add(s.year);
    return d;
  };
  for (const s of engine.corpus.sections) {
    for (const name of s.lead) entry(name, s).led++;
    for (const name of s.assist) {
      const d = entry(name, s);
      d.assisted++;
      if (s.lead.length === 0) d.assistedWithoutLead++;
    }
  }
  return [...byName.values()].map(({ yearSet, ...d }) => ({ ...d, years: [...yearSet].sort().reverse() })).sort(
    (a, b) => (a.district ?? '\uffff').localeCompare(b.district ?? '\uffff', 'zh-CN') || b.led + b.assisted - (a.led + a.assisted) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

export interface DepartmentItem {
  section: SectionRecord;
  role: Role;
}

export interface DepartmentQuery {
  role?: RoleFilter | null;
  year?: string | null;
  /** Keyword: only items the search for it matches. */
  q?: string;
}

/**
 * The items a department leads or assists, newest first, optionally narrowed by role, year and keyword.
 * Example: (`罗湖区城市更新局`, { role: 'lead' }) → the seven 城市更新 items of the 2017 罗湖 plan.
 */
export function departmentItems(engine: Engine, name: string, filter: DepartmentQuery = {}): DepartmentItem[] {
  const keep = filter.q?.trim() ? new Set(search(engine, { q: filter.q }).hits.map((h) => h.section.key)) : null;
  const items: DepartmentItem[] = [];
  for (const s of engine.corpus.sections) {
    const role: Role | null = s.lead.includes(name) ? 'lead' : s.assist.includes(name) ? 'assist' : null;
    if (!role) continue;
    if (filter.role === 'nolead' ? role !== 'assist' || s.lead.length > 0 : filter.role && role !== filter.role) continue;
    if (filter.year && s.year !== filter.year) continue;
    if (keep && !keep.has(s.key)) continue;
    items.push({ section: s, role });
  }
  // Newest first, documents together; the sort is stable, so items keep their reading order.
  return items.sort((a, b) => codeOrder(b.section.date ?? '', a.section.date ?? '') || codeOrder(a.section.docId, b.section.docId));
}

export interface DistrictItems {
  district: string;
  documents: { docId: string; items: DepartmentItem[] }[];
}

/**
 * Department items grouped by district, then by document, in the order given (newest first).
 * Example: 罗湖区城市更新局's items → `[{ district: '罗湖区', documents: [{ docId: '004_…', items: [7 items] }] }]`.
 */
export function groupDepartmentItems(items: DepartmentItem[]): DistrictItems[] {
  const districts = new Map<string, Map<string, DepartmentItem[]>>();
  for (const item of items) {
    const d = item.section.district ?? '未注明区';
    const docs = districts.get(d) ?? new Map<string, DepartmentItem[]>();
    docs.set(item.section.docId, [...(docs.get(item.section.docId) ?? []), item]);
    districts.set(d, docs);
  }
  return [...districts].map(([district, docs]) => ({ district, documents: [...docs].map(([docId, list]) => ({ docId, items: list })) }));
}
