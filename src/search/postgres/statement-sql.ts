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
 * What part of the ordered hits one database returns: all of them (exports, the comparison), the
 * first `n` (a page of the API or the feed: hits 0..n, so shards can be merged), or the first `n`
 * documents in order of their best hit, each with its best `perDocument` hits (every hit for the
 * documents in `open`, and every hit at all when there are at most `listAllUpTo`).
 * Example: page 3 of ten documents → `{ kind: 'documents', n: 30, perDocument: 3, open: [], listAllUpTo: 20 }`.
 */
export type ShardWant =
  | { kind: 'all' }
  | { kind: 'top'; n: number }
  | { kind: 'documents'; n: number; perDocument: number; open: readonly string[]; listAllUpTo: number };

/**
 * The match is computed from zc_sections alone in a materialized CTE, so the GIN probe is the
 * access path; only then are the matches joined to the generation's zc_documents for their ordinals
 * (joined first, the planner could walk the primary key per document and evaluate zc_han_grams() on
 * every row as a filter). Section rows carry no generation: a load replaces them in the same
 * transaction that switches zc_state, so a snapshot sees one corpus.
 *
 * The one statement behind a search: matches computed once (a materialized CTE), then the date
 * range and filters, the totals (hits, literal band, documents), the hits `want` asks for in order
 * (ordinals and scores; the section records come from SectionCache, by document hash), and per facet
 * the counts with every other facet's filter applied (disjunctive facets). Only the wanted hits cross
 * the wire: a page of a common word is a top-n sort in SQL, not tens of thousands of rows for Node.
 * Example: 城市更新 filtered to 罗湖区, top 20 → 20 hits from 罗湖区, the total, district counts for 福田区 and 盐田区 too.
 */
export function statementSql(p: Params, generation: number, match: MatchPart | null, filters: Filters, params: SearchParams, want: ShardWant = { kind: 'all' }): string {
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
    d AS (SELECT * FROM m WHERE true${dateRange(p, params)}),
    f AS MATERIALIZED (SELECT * FROM d WHERE true${allFilters}),
    ${wantedSql(p, want, order)}
    SELECT (SELECT count(*) FROM m) AS matched,
      (SELECT json_build_array(count(*), count(*) FILTER (WHERE literal), count(DISTINCT doc_ord)) FROM f) AS totals,
      (SELECT coalesce(json_agg(json_build_array(ord, score, literal, matched, doc_ord, k) ORDER BY ${order}), '[]'::json) FROM h) AS hits,
      (SELECT coalesce(json_agg(json_build_array(doc_ord, doc_id, hash)), '[]'::json) FROM (SELECT DISTINCT doc_ord, doc_id, hash FROM h) x) AS docs,
      ${want.kind === 'documents' ? `(SELECT coalesce(json_agg(json_build_array(doc_ord, in_doc) ORDER BY best), '[]'::json) FROM top_docs) AS groups` : `NULL::json AS groups`},
      ${facets}`;
}

/**
 * The CTE \`h\` of the hits to return (and \`top_docs\` for documents): a top-n sort, or each hit's
 * place overall and inside its document (window functions over the filtered matches).
 */
function wantedSql(p: Params, want: ShardWant, order: string): string {
  if (want.kind === 'all') return 'h AS (SELECT * FROM f)';
  if (want.kind === 'top') return `h AS (SELECT * FROM f ORDER BY ${order} LIMIT ${p.add(want.n)}::bigint)`;
  return `r AS MATERIALIZED (SELECT f.*, row_number() OVER (ORDER BY ${order}) AS pos, row_number() OVER (PARTITION BY doc_ord ORDER BY ${order}) AS rn,
        count(*) OVER (PARTITION BY doc_ord) AS in_doc FROM f),
    top_docs AS MATERIALIZED (SELECT doc_ord, pos AS best, in_doc FROM r WHERE rn = 1 ORDER BY pos LIMIT ${p.add(want.n)}::bigint),
    h AS (SELECT r.* FROM r JOIN top_docs USING (doc_ord)
      WHERE r.rn <= ${p.add(Math.max(1, Math.min(want.perDocument, 2 ** 31 - 1)))}::bigint OR r.doc_id = ANY(${p.add([...want.open])}::text[]) OR (SELECT count(*) FROM f) <= ${p.add(want.listAllUpTo)}::bigint)`;
}

/** `to=2017` → dates up to 2017-99-99 (every day of 2017), compared as strings like the embedded engine. */
function dateRange(p: Params, params: SearchParams): string {
  if (!params.from && !params.to) return '';
  const upper = params.to ? params.to + '-99-99'.slice(0, 10 - params.to.length) : null;
  return ` AND date IS NOT NULL${params.from ? ` AND date COLLATE "C" >= ${p.add(params.from)}` : ''}${upper ? ` AND date COLLATE "C" <= ${p.add(upper)}` : ''}`;
}
