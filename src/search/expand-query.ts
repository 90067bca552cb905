import { normalize } from '../segment/normalize.ts';
import data from './data/abbreviations.json' with { type: 'json' };
import type { ParsedQuery } from './parse-query.ts';

/** Normalised name → the other names of its topic (棚改 → [棚户区改造]). */
const OTHERS: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of data.groups.map((g) => g.map(normalize))) {
    for (const name of group) map.set(name, [...(map.get(name) ?? []), ...group.filter((g) => g !== name)]);
  }
  return map;
})();

/**
 * Adds the other names of an abbreviated topic as OR alternatives, marked `expanded` so they rank
 * after the words as typed. Quoted phrases are never expanded.
 * Example: `棚改 罗湖` → clauses `[[棚改, 棚户区改造 (expanded)], [罗湖]]`, expansions `[棚户区改造]`.
 */
export function expandQuery(query: ParsedQuery): { query: ParsedQuery; expansions: string[] } {
  const expansions: string[] = [];
  const clauses = query.clauses.map((clause) => {
    const typed = new Set(clause.map((t) => t.text));
    const extra = clause
      .filter((t) => !t.phrase && !t.expanded)
      .flatMap((t) => OTHERS.get(t.text) ?? [])
      .filter((name) => !typed.has(name) && !expansions.includes(name));
    expansions.push(...extra);
    return [...clause, ...extra.map((text) => ({ text, phrase: false, expanded: true }))];
  });
  return { query: { ...query, clauses }, expansions };
}
