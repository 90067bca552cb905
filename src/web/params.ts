import type { Filters } from '../search/search.ts';

/** A request parameter a user can fix; becomes a 400 with this message. */
export class BadRequest extends Error {
  override name = 'BadRequest';
}

export const LIMITS = { queryChars: 200, page: 1000, size: 100, filterValues: 20 } as const;

export interface SearchRequest {
  q: string;
  filters: Filters;
  sort: 'relevance' | 'date';
  page: number;
  size: number;
  /** Abbreviation expansion (棚改 → 棚户区改造); `expand=0` turns it off. */
  expand: boolean;
}

type Query = Record<string, unknown>;

/** Parses /search and /api/search parameters; throws BadRequest saying what is wrong. */
export function parseSearchRequest(query: Query, defaultSize: number): SearchRequest {
  const q = single(query, 'q') ?? '';
  if (q.length > LIMITS.queryChars) throw new BadRequest(`q is ${q.length} characters long; the limit is ${LIMITS.queryChars}`);
  const sort = single(query, 'sort') ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'date') throw new BadRequest('sort must be "relevance" or "date"');
  return {
    q,
    sort,
    page: integer(query, 'page', 1, 1, LIMITS.page),
    size: integer(query, 'size', defaultSize, 1, LIMITS.size),
    expand: single(query, 'expand') !== '0',
    filters: { district: list(query, 'district'), department: list(query, 'dept'), year: list(query, 'year'), type: list(query, 'type'), validity: list(query, 'validity') },
  };
}

function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  throw new BadRequest(`${name} must be a plain value`);
}

function list(query: Query, name: string): string[] {
  const v = query[name];
  const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
  if (values.some((x) => typeof x !== 'string')) throw new BadRequest(`${name} must be plain values`);
  if (values.length > LIMITS.filterValues) throw new BadRequest(`too many ${name} values (at most ${LIMITS.filterValues})`);
  return (values as string[]).filter((x) => x !== '');
}

function integer(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new BadRequest(`${name} must be a whole number from ${min} to ${max}`);
  return Number(raw);
}

/** /departments/:name parameters: role (lead|assist), year, keyword. */
export function parseDepartmentRequest(query: Query): { role: 'lead' | 'assist' | null; year: string | null; q: string } {
  const role = single(query, 'role') || null;
  if (role !== null && role !== 'lead' && role !== 'assist') throw new BadRequest('role must be "lead" (牵头) or "assist" (协办)');
  const year = single(query, 'year') || null;
  if (year !== null && !/^\d{4}$/.test(year)) throw new BadRequest('year must be four digits, such as 2017');
  const q = single(query, 'q') ?? '';
  if (q.length > LIMITS.queryChars) throw new BadRequest(`q is ${q.length} characters long; the limit is ${LIMITS.queryChars}`);
  return { role, year, q };
}
