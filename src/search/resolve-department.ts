import aliasData from '../data/department-aliases.json' with { type: 'json' };

/** Other name → canonical name as written inside one district (区住建局 → 区住房和建设局). */
const ALIAS_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(aliasData as Record<string, string | string[]>)
    .filter(([canonical]) => !canonical.startsWith('_'))
    .flatMap(([canonical, others]) => (others as string[]).map((o) => [o, canonical] as [string, string])),
);

/** Spaces dropped and brackets written （）, as department names are stored. */
function tidy(name: string): string {
  return name.replace(/\s+/g, '').replace(/[〈<(]/g, '（').replace(/[〉>)]/g, '）');
}

/**
 * The departments a name stands for: itself when known; an alias's canonical name; a name without
 * its district (城市更新局, 区住建局, 住建局) → that department in every district that has it.
 * Example: (`城市更新局`, …) → `['罗湖区城市更新局', '福田区城市更新局']`;
 * (`罗湖区住建局`, …) → `['罗湖区住房和建设局']`; (`不存在局`, …) → `[]`.
 */
export function resolveDepartment(asked: string, known: readonly string[], districts: readonly string[]): string[] {
  const name = tidy(asked);
  if (known.includes(name)) return [name];
  const district = districts.find((d) => name.startsWith(d)) ?? null;
  const rest = district ? name.slice(district.length) : name.replace(/^区(?!域)/u, '');
  if (!rest) return [];
  const canonical = ALIAS_OF.get('区' + rest)?.replace(/^区/u, '') ?? ALIAS_OF.get(rest) ?? rest;
  const wanted = new Set<string>();
  for (const d of district ? [district] : districts) for (const body of [canonical, rest]) wanted.add(d + body);
  if (!district) wanted.add(canonical);
  return known.filter((k) => wanted.has(k));
}

/**
 * The known departments nearest to a name, by shared character pairs (Dice coefficient), best first.
 * Example: (`罗湖区城市更新`, …) → `['罗湖区城市更新局', '福田区城市更新局', …]`.
 */
export function nearestDepartments(asked: string, known: readonly string[], limit = 5): string[] {
  const grams = pairs(tidy(asked));
  if (grams.size === 0) return [];
  return known
    .map((k) => {
      const other = pairs(k);
      let shared = 0;
      for (const g of grams) if (other.has(g)) shared++;
      return { k, score: (2 * shared) / (grams.size + other.size) };
    })
    .filter((x) => x.score > 0.2)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((x) => x.k);
}

function pairs(text: string): Set<string> {
  const chars = [...text];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

/** The other names a canonical department is also known by. Example: `罗湖区住房和建设局` → `[罗湖区住建局, 罗湖区住房建设局]`. */
export function departmentAliasesOf(name: string, district: string | null): string[] {
  const local = district && name.startsWith(district) ? '区' + name.slice(district.length) : name;
  const others = (aliasData as Record<string, string | string[]>)[local];
  return (Array.isArray(others) ? others : []).map((o) => (district && o.startsWith('区') ? district + o.slice(1) : o));
}
