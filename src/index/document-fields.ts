import type { DocumentMeta } from '../domain.ts';

/**
 * The header fields that match like text: title, 文号, issuer(s) and 索引号. The one list to extend
 * when a field becomes searchable (a list-valued field such as issuers is read value by value).
 */
export const SEARCHABLE_FIELDS = ['title', 'docNumber', 'issuers', 'issuer', 'indexNumber'] as const satisfies readonly (keyof DocumentMeta)[];

/**
 * A document's searchable fields as one text, a field per line (so no literal match spans two).
 * Example: `{ title: '罗湖区2017年改革计划', docNumber: '罗办发〔2017〕1号', issuers: ['区委办', '区政府办'], … }`
 * → `罗湖区2017年改革计划\n罗办发〔2017〕1号\n区委办\n区政府办` (each value once).
 */
export function documentFieldText(meta: DocumentMeta): string {
  const values: string[] = [];
  for (const key of SEARCHABLE_FIELDS) {
    const value: unknown = meta[key];
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && v.trim()) values.push(v.trim());
  }
  return [...new Set(values)].join('\n');
}
