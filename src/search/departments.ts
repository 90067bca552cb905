import type { SectionRecord } from '../index/corpus.ts';
import { type Engine, search } from './search.ts';

export type Role = 'lead' | 'assist';

/** A department as listed on /departments. */
export interface DepartmentSummary {
  name: string;
  district: string | null;
  /** Items (sections) it leads / assists. */
  led: number;
  assisted: number;
}

/**
 * Every department named as lead or assisting in any item, with its counts, by district then size.
 * Example: → `[{ name: '罗湖区财政局', district: '罗湖区', led: 15, assisted: 0 }, …]`.
 */
export function listDepartments(engine: Engine): DepartmentSummary[] {
  const byName = new Map<string, DepartmentSummary>();
  const entry = (name: string, s: SectionRecord) => {
    let d = byName.get(name);
    if (!d) byName.set(name, (d = { name, district: name.startsWith(s.district ?? '\0') ? s.district : null, led: 0, assisted: 0 }));
    return d;
  };
  for (const s of engine.corpus.sections) {
    for (const name of s.lead) entry(name, s).led++;
    for (const name of s.assist) entry(name, s).assisted++;
  }
  return [...byName.values()].sort(
    (a, b) => (a.district ?? '\uffff').localeCompare(b.district ?? '\uffff', 'zh-CN') || b.led + b.assisted - (a.led + a.assisted) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

export interface DepartmentItem {
  section: SectionRecord;
  role: Role;
}

export interface DepartmentQuery {
  role?: Role | null;
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
    if (filter.role && role !== filter.role) continue;
    if (filter.year && s.year !== filter.year) continue;
    if (keep && !keep.has(s.key)) continue;
    items.push({ section: s, role });
  }
  // Newest first, documents together; the sort is stable, so items keep their reading order.
  return items.sort((a, b) => (b.section.date ?? '').localeCompare(a.section.date ?? '') || compare(a.section.docId, b.section.docId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
