import { FACET_REGISTRY, type Filters } from '../search/facet-registry.ts';
import type { RoleFilter } from '../search/departments.ts';

/**
 * A request parameter a user can fix: a 400 whose `code` is for programs (the API) and whose
 * message, in Chinese, says what to do (the pages).
 */
export class BadRequest extends Error {
  override name = 'BadRequest';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export const LIMITS = { queryChars: 200, page: 1000, size: 100, filterValues: 20, open: 20 } as const;

export type SortOrder = 'relevance' | 'date' | 'date-asc';

export interface SearchRequest {
  q: string;
  filters: Filters;
  sort: SortOrder;
  page: number;
  size: number;
  /** Abbreviation expansion (棚改 → 棚户区改造); `expand=0` turns it off. */
  expand: boolean;
  /** Date range (`from`, `to`): YYYY, YYYY-MM or YYYY-MM-DD, inclusive. */
  from: string | null;
  to: string | null;
  /** Documents whose groups are expanded to every matching item (`open=<doc id>`). */
  open: string[];
  /** The query was longer than the limit and was cut to it (pages only; the API refuses). */
  truncated: boolean;
}

type Query = Record<string, unknown>;
const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * Parses /search, /compare, /search.atom and /api/search parameters; throws BadRequest saying what is
 * wrong. Pages (`cut: true`) cut an over-long query instead of refusing it, so no link of the site's own
 * gives a 400. Example: `?q=城市更新&dept=城市更新局&from=2017` → `{ q: '城市更新', filters: { department: ['城市更新局'], … }, from: '2017', … }`.
 */
export function parseSearchRequest(query: Query, defaultSize: number, options: { cut?: boolean } = {}): SearchRequest {
  const raw = single(query, 'q') ?? '';
  const q = options.cut ? cutQuery(raw) : raw;
  if (quoteless(q).length > LIMITS.queryChars) throw new BadRequest('query_too_long', `检索词有 ${quoteless(q).length} 个字，最多 ${LIMITS.queryChars} 个字；请缩短后再试。`);
  const sort = single(query, 'sort') || 'relevance';
  if (sort !== 'relevance' && sort !== 'date' && sort !== 'date-asc') throw new BadRequest('bad_sort', '排序只能是 relevance（相关度）、date（日期从新到旧）或 date-asc（日期从旧到新）。');
  const filters = Object.fromEntries(FACET_REGISTRY.map((f) => [f.name, list(query, f.param)])) as Filters;
  return {
    q,
    sort,
    page: integer(query, 'page', 1, 1, LIMITS.page),
    size: integer(query, 'size', defaultSize, 1, LIMITS.size),
    expand: single(query, 'expand') !== '0',
    from: date(query, 'from'),
    to: date(query, 'to'),
    open: list(query, 'open').slice(0, LIMITS.open),
    truncated: q !== raw,
    filters,
  };
}

/** Quotes do not count towards the limit, so quoting a query of up to 200 characters (精确匹配) stays within it. */
function quoteless(q: string): string {
  return q.replace(/["“”＂]/gu, '');
}

/** Cuts a query to the limit, closing a phrase quote left open. Example: 300 × `城` → 200 × `城`. */
export function cutQuery(q: string): string {
  if (quoteless(q).length <= LIMITS.queryChars) return q;
  let out = '';
  let kept = 0;
  for (const ch of q) {
    const quote = /["“”＂]/u.test(ch);
    if (!quote && kept === LIMITS.queryChars) break;
    if (!quote) kept += ch.length;
    out += ch;
  }
  return (out.match(/"/g) ?? []).length % 2 === 1 ? out + '"' : out;
}

function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  throw new BadRequest('bad_parameter', `参数 ${name} 应是一个普通的值；请检查链接。`);
}

function list(query: Query, name: string): string[] {
  const v = query[name];
  const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
  if (values.some((x) => typeof x !== 'string')) throw new BadRequest('bad_parameter', `参数 ${name} 应是普通的值；请检查链接。`);
  if (values.length > LIMITS.filterValues) throw new BadRequest('too_many_values', `参数 ${name} 最多 ${LIMITS.filterValues} 个值；请减少筛选条件。`);
  return (values as string[]).filter((x) => x !== '');
}

function integer(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new BadRequest(`bad_${name}`, `参数 ${name} 应是 ${min} 到 ${max} 之间的整数。`);
  return Number(raw);
}

function date(query: Query, name: string): string | null {
  const raw = single(query, name)?.trim();
  if (!raw) return null;
  if (!DATE.test(raw)) throw new BadRequest(`bad_${name}`, `日期 ${name} 应写成 2017、2017-03 或 2017-03-01。`);
  return raw;
}

export interface DepartmentRequest {
  role: RoleFilter | null;
  year: string | null;
  q: string;
}

/** /departments/:name parameters: role (lead|assist|nolead), year, keyword. Example: `?role=lead&year=2017` → `{ role: 'lead', year: '2017', q: '' }`. */
export function parseDepartmentRequest(query: Query): DepartmentRequest {
  const role = single(query, 'role') || null;
  if (role !== null && role !== 'lead' && role !== 'assist' && role !== 'nolead') {
    throw new BadRequest('bad_role', '角色只能是 lead（牵头）、assist（协办）或 nolead（协办且未注明牵头单位）。');
  }
  const year = single(query, 'year') || null;
  if (year !== null && !/^\d{4}$/.test(year)) throw new BadRequest('bad_year', '年份应是四位数字，例如 2017。');
  return { role, year, q: cutQuery(single(query, 'q') ?? '') };
}
