import type { Filters } from './facet-table.ts';
import { resolveDepartment } from './resolve-department.ts';
import type { DepartmentResolution } from './search.ts';

/** The department and district names an index holds, in first-seen order (the embedded facet table's order). */
export interface KnownNames {
  department: readonly string[];
  district: readonly string[];
}

/**
 * Department filter values resolved to canonical names; an unknown value is kept, selects nothing,
 * and is reported with no names. `known` null: nothing to resolve against, the filters as asked.
 * Example: department [罗湖区城市更新局, 不存在的局] with only 罗湖区城市更新局 known →
 * filters.department [罗湖区城市更新局, 不存在的局], resolved `[{ asked: '不存在的局', names: [] }]`.
 */
export function resolveFilters(asked: Filters, known: KnownNames | null): { filters: Filters; resolved: DepartmentResolution[] } {
  if (!known) return { filters: asked, resolved: [] };
  const resolved: DepartmentResolution[] = [];
  const department = [...new Set(asked.department.flatMap((value) => {
    const names = resolveDepartment(value, known.department, known.district);
    if (names.length !== 1 || names[0] !== value) resolved.push({ asked: value, names });
    return names.length > 0 ? names : [value];
  }))];
  return { filters: { ...asked, department }, resolved };
}
