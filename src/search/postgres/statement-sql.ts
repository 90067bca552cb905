import { facetColumn } from '../../index/postgres/pg-schema.ts';
import { FACETS, type FacetName, type Filters } from '../facet-registry.ts';
import type { SearchParams } from '../search.ts';
import type { Params } from './match-sql.ts';

/** The match part of a statement; null browses every section (a filter and no words). */
export interface MatchPart {
  /** `score`, `literal` and `matched` columns. */
  columns: string;
  /** Conditions, each starting with ` AND`. */
  where: string;
  /** The relevance order. */
  order: string;
}

/** The embedded engine's byRank: literal band, score, newer first, then key. */
const BY_RANK = `literal DESC, score DESC, coalesce(date, '') COLLATE "C" DESC, key COLLATE "C"`;

/**
 * The match is computed from zc_sections alone in a materialized CTE, so the GIN probe is the
 * access path; only then are the matches joined to the generation's zc_documents for their ordinals
 * (joined first, the planner could walk the primary key per document and evaluate zc_han_grams() on
 * every row as a filter). Section rows carry no generation: a load replaces them in the same
 * transaction that switches zc_state, so a snapshot sees one corpus.
 *
 * The one statement behind a search: matches computed once (a materialized CTE), then the date
 * range, the filtered hits in order (ordinals and scores; the section records come from
 * SectionCache, by document hash, not once per hit), and per facet the counts with every other facet's filter
 * applied (disjunctive facets). Example: 城市更新 filtered to 罗湖区 → hits from 罗湖区, district
 * counts for 福田区 and 盐田区 too.
 */
export function statementSql(p: Params, generation: number, match: MatchPart | null, filters: Filters, params: SearchParams): string {
  const part = match ?? { columns: '0::float8 AS score, false AS literal, 0 AS matched', where: '', order: BY_RANK };
  const filterOf = (f: FacetName) => (filters[f].length > 0 ? ` AND d.${facetColumn(f)} && ${p.add(filters[f])}::text[]` : '');
  const allFilters = FACETS.map(filterOf).join('');
  const order = params.sort === 'date' ? `coalesce(date, '') COLLATE "C" DESC, ${BY_RANK}` : params.sort === 'date-asc' ? `coalesce(date, '\uffff') COLLATE "C", ${BY_RANK}` : part.order;
  // Every facet in one pass over the matches, counted per (facet, value, document) and then per value:
  // hash aggregates instead of a sort per facet for count(DISTINCT document).
  const facetRows = FACETS.map((f, i) => `SELECT ${i} AS f, v FROM unnest(d.${facetColumn(f)}) AS v WHERE true${FACETS.filter((o) => o !== f).map(filterOf).join('')}`).join(' UNION ALL ');
  const facets = `(SELECT coalesce(json_agg(json_build_array(f, v, n, docs)), '[]'::json) FROM (
      SELECT f, v, sum(n) AS n, count(*) AS docs FROM (SELECT u.f, u.v, d.doc_ord, count(*) AS n FROM d, LATERAL (${facetRows}) u GROUP BY u.f, u.v, d.doc_ord) per_document
      GROUP BY f, v) x) AS facets`;
  return `WITH m0 AS MATERIALIZED (
      SELECT s.doc_id, s.k, s.key, s.date, ${FACETS.map((f) => `s.${facetColumn(f)}`).join(', ')}, ${part.columns}
      FROM zc_sections s WHERE true${part.where}),
    m AS MATERIALIZED (SELECT o.first_ord + m0.k AS ord, o.doc_ord, o.hash, m0.* FROM m0 JOIN zc_documents o ON o.generation = ${p.add(generation)} AND o.doc_id = m0.doc_id),
    d AS (SELECT * FROM m WHERE true${dateRange(p, params)})
    SELECT (SELECT count(*) FROM m) AS matched,
      (SELECT coalesce(json_agg(json_build_array(ord, score, literal, matched, doc_ord, k) ORDER BY ${order}), '[]'::json) FROM d WHERE true${allFilters}) AS hits,
      (SELECT coalesce(json_agg(json_build_array(doc_ord, doc_id, hash)), '[]'::json) FROM (SELECT DISTINCT doc_ord, doc_id, hash FROM d WHERE true${allFilters}) x) AS docs,
      ${facets}`;
}

/** `to=2017` → dates up to 2017-99-99 (every day of 2017), compared as strings like the embedded engine. */
function dateRange(p: Params, params: SearchParams): string {
  if (!params.from && !params.to) return '';
  const upper = params.to ? params.to + '-99-99'.slice(0, 10 - params.to.length) : null;
  return ` AND date IS NOT NULL${params.from ? ` AND date COLLATE "C" >= ${p.add(params.from)}` : ''}${upper ? ` AND date COLLATE "C" <= ${p.add(upper)}` : ''}`;
}
