import type { PolicyDocument } from '../../domain.ts';
import type { Query, SqlClient } from '../../index/postgres/sql-client.ts';
import { expandQuery } from '../expand-query.ts';
import { completeFilters } from '../facet-registry.ts';
import { FACETS, type FacetName, type FacetValue, orderFacetValues } from '../facet-table.ts';
import { findDefinitions } from '../find-definitions.ts';
import { highlightGroups, highlightTerms } from '../highlight-terms.ts';
import { minimalTokens } from '../minimal-tokens.ts';
import { parseQuery } from '../parse-query.ts';
import { relaxedUnits, unitsNeeded } from '../relaxed-match.ts';
import { resolveFilters } from '../resolve-filters.ts';
import { type SearchBackend, SearchUnavailableError } from '../search-backend.ts';
import type { RankedSection, SearchParams, SearchResult } from '../search.ts';
import { type Bm25, Params, accessSql, clauseSql, excludedSql } from './match-sql.ts';
import { type HitDocument, SectionCache } from './section-cache.ts';
import { type PagedHits, shardWant, withPagedHits } from './paged-hits.ts';
import { type ShardWant, statementSql } from './statement-sql.ts';

interface State {
  generation: number;
  load_id: string;
  sections: number;
  /** Mean field length per field of SEARCH_FIELDS. */
  avg: number[];
}

/**
 * Search over the PostgreSQL tables written by `loadGeneration`: SQL finds the matches, the literal
 * flag, BM25 scores, the order and the facet counts; Node parses the query and builds the rest of the
 * result exactly as `search()` does. Each search reads one snapshot, so a load switching generations
 * mid-search is never half seen.
 * Example: `await postgresBackend(client).search({ q: '城市更新' })` → the hits and counts `search(engine, …)` gives.
 */
export function postgresBackend(client: SqlClient, records = new SectionCache()): SearchBackend {
  return {
    kind: 'postgres',
    search: (params, reads) => unavailableOnFailure(client.read(async (q) => (await searchShard(q, params, { records, want: shardWant(reads) })).result)),
    healthy: () => reachable([client]),
    close: () => client.close(),
  };
}

/** Department and district values with where each is first seen (global ordinal, position), for resolving short names. */
export type KnownValues = Record<'department' | 'district', [string, number, number][]>;

/** What a sharded search steers: the relaxed fallback decided across all shards, names resolved against all of them. */
export interface ShardControl {
  /** true: run the relaxed query; false: the strict one only; unset: strict, relaxed when nothing matches. */
  relaxed?: boolean;
  known?: KnownValues;
  /** Where section records come from; shared by the shards of one backend. */
  records?: SectionCache;
  /** Which hits to return (every one when unset); totals and facets are over all hits either way. */
  want?: ShardWant;
}

/** One database's answer, and how many sections its query matched before filters (the relaxed fallback's test). */
export interface ShardAnswer {
  result: SearchResult;
  /** The hits fetched and the totals, for merging shards. */
  paged: PagedHits;
  matched: number;
  /** The load the snapshot's generation came from (the same on every shard of one sharded load). */
  loadId: string;
}

/**
 * A search inside one snapshot of one database (a whole corpus, or one shard of it).
 * Example: `await searchShard(q, { q: '城市更新' })` → `{ result: { hits: […29 hits] … }, matched: 29, loadId: '5d1c…' }`.
 */
export async function searchShard(q: Query, params: SearchParams, control: ShardControl = {}): Promise<ShardAnswer> {
  await q('SET LOCAL enable_seqscan = off');
  const state = (await q<State>('SELECT generation, load_id, sections, avg FROM zc_state'))[0];
  if (!state) throw new Error('the PostgreSQL index is empty; run `SEARCH_BACKEND=postgres npm run index` to load it');
  const parsed = parseQuery(params.q);
  const { query, expansions } = params.expand === false ? { query: parsed, expansions: [] } : expandQuery(parsed);
  const asked = completeFilters(params.filters);
  const known = asked.department.length > 0 ? (control.known ?? (await knownValues(q, state.generation))) : null;
  // Names in first-seen order, as the embedded facet table lists them.
  const { filters, resolved } = resolveFilters(asked, known && { department: known.department.map(([v]) => v), district: known.district.map(([v]) => v) });
  const browse = query.clauses.length === 0 && (FACETS.some((f) => filters[f].length > 0) || Boolean(params.from || params.to));
  const words = [...new Set(query.clauses.flat().concat(relaxedUnits(query, minimalTokens).flatMap((u) => u.clauses.flat())).flatMap((t) => minimalTokens(t.text)))];
  const df = new Map((await q<{ term: string; df: number[] }>('SELECT term, df FROM zc_terms WHERE generation = $1 AND term = ANY($2::text[])', [state.generation, words])).map((r) => [r.term, r.df]));
  const want = control.want ?? { kind: 'all' };
  const bm = (): Bm25 => ({ sections: state.sections, avg: state.avg, df, params: new Params() });
  const run = async (mode: 'strict' | 'relaxed' | 'browse') => {
    const b = bm();
    const sql = statementSql(b.params, state.generation, mode === 'browse' ? null : matchPart(query, b, mode), filters, params, want);
    return (await q<StatementRow>(sql, b.params.values))[0];
  };
  let mode: 'strict' | 'relaxed' | 'browse' = browse ? 'browse' : control.relaxed && relaxedUnits(query, minimalTokens).length >= 3 ? 'relaxed' : 'strict';
  let row = query.clauses.length === 0 && !browse ? null : await run(mode);
  // Every word together finds nothing: the sections with most of them (as the embedded engine does).
  if (row && mode === 'strict' && control.relaxed === undefined && Number(row.matched) === 0 && relaxedUnits(query, minimalTokens).length >= 3) row = await run((mode = 'relaxed'));
  const rows = row?.hits ?? [];
  const records = await (control.records ?? new SectionCache()).records(q, row?.docs ?? [], rows.map(([, , , , doc, k]) => [doc, k]));
  const hits = rows.map(([ordinal, score, literal, matched], i): RankedSection => ({ section: records[i], ordinal, score, literal, ...(mode === 'relaxed' ? { matched } : {}) }));
  const counted = row?.facets ?? [];
  const facets = Object.fromEntries(FACETS.map((f, i) => [f, orderFacetValues(f, counted.filter(([facet]) => facet === i).map(([, value, count, documents]) => ({ value, count: Number(count), documents: Number(documents) })))])) as Record<FacetName, FacetValue[]>;
  const glossary = await q<{ doc: PolicyDocument }>('SELECT doc FROM zc_glossary_documents WHERE generation = $1 ORDER BY id', [state.generation]);
  const docIds = new Map((row?.docs ?? []).map(([ord, id]) => [ord, id]));
  const [total, literalCount, totalDocuments] = (row?.totals ?? [0, 0, 0]).map(Number);
  const paged: PagedHits = { want, total, literalCount, totalDocuments, hits, documents: row?.groups?.map(([doc, n]) => ({ docId: docIds.get(doc)!, total: Number(n) })) ?? (want.kind === 'documents' ? [] : null) };
  const result = withPagedHits({
    query,
    highlight: highlightTerms(query),
    segmented: parsed.clauses.map((c) => c.flatMap((t) => (t.phrase ? [t.text] : minimalTokens(t.text)))),
    expansions,
    definitions: findDefinitions({ documents: glossary.map((g) => g.doc), sections: [], vocabulary: [] }, parsed),
    facets,
    relaxed: mode === 'relaxed' && Number(row?.matched ?? 0) > 0,
    highlightGroups: highlightGroups(query, minimalTokens),
    filters,
    resolvedDepartments: resolved,
  }, paged);
  return { result, paged, matched: Number(row?.matched ?? 0), loadId: state.load_id };
}

/**
 * One statement's answer: how many sections matched before filters, the totals after them (hits,
 * literal band, documents), the wanted hits (ordinal, score, literal, matched, doc_ord, k), their
 * documents (doc_ord, doc_id, hash), for a page of groups the first documents (doc_ord, hits in
 * all), and the facet counts (facet's index in FACETS, value, sections, documents).
 */
type StatementRow = { matched: number | string; totals: [number, number, number]; groups: [number, number | string][] | null; hits: [number, number, boolean, number, number, number][]; docs: HitDocument[]; facets: [number, string, number, number][] };

/** The match columns and conditions of the strict query (clauses ANDed) or of the relaxed one (most units). */
function matchPart(query: ReturnType<typeof parseQuery>, bm: Bm25, mode: 'strict' | 'relaxed'): { columns: string; where: string; order: string } {
  const excluded = excludedSql(query, bm.params);
  if (mode === 'strict') {
    const clauses = query.clauses.map((c) => clauseSql(c, bm));
    return {
      columns: `${clauses.map((c) => c.score).reduce((a, b) => `(${a} + ${b})`)} AS score, (${clauses.map((c) => c.literal).join(' AND ')}) AS literal, 0 AS matched`,
      where: `${accessSql(clauses.map((c) => c.access), bm.params, ' & ')} AND ${clauses.map((c) => c.match).join(' AND ')}${excluded}`,
      order: `literal DESC, score DESC, coalesce(date, '') COLLATE "C" DESC, key COLLATE "C"`,
    };
  }
  const units = relaxedUnits(query, minimalTokens).map((u) => clauseSql(u.clauses[0], bm));
  const count = units.map((u) => `(${u.match})::int`).join(' + ');
  return {
    columns: `${units.map((u) => `(CASE WHEN ${u.match} THEN ${u.score} ELSE 0::float8 END)`).reduce((a, b) => `(${a} + ${b})`)} AS score, false AS literal, (${count}) AS matched`,
    where: `${accessSql(units.map((u) => u.access), bm.params, ' | ')} AND (${count}) >= ${unitsNeeded(units.length)}${excluded}`,
    order: 'matched DESC, score DESC, ord',
  };
}

/** The department and district values of a database, each with the (ordinal, position) where it first occurs. */
export async function knownValues(q: Query, generation: number): Promise<KnownValues> {
  const [row] = await q<KnownValues>(
    `SELECT (SELECT coalesce(json_agg(json_build_array(v, k[1], k[2]) ORDER BY k), '[]'::json) FROM (SELECT v, min(ARRAY[o.first_ord + s.k, i::integer]) AS k FROM zc_sections s JOIN zc_documents o ON o.generation = $1 AND o.doc_id = s.doc_id, unnest(s.f_department) WITH ORDINALITY u(v, i) GROUP BY v) x) AS department,
            (SELECT coalesce(json_agg(json_build_array(v, k[1], k[2]) ORDER BY k), '[]'::json) FROM (SELECT v, min(ARRAY[o.first_ord + s.k, i::integer]) AS k FROM zc_sections s JOIN zc_documents o ON o.generation = $1 AND o.doc_id = s.doc_id, unnest(s.f_district) WITH ORDINALITY u(v, i) GROUP BY v) x) AS district`, [generation]);
  return row;
}

/** Database failures as SearchUnavailableError, the cause's message kept for the log. Example: a refused connection → SearchUnavailableError `PostgreSQL search failed: connect ECONNREFUSED 127.0.0.1:1`. */
export async function unavailableOnFailure<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new SearchUnavailableError(`PostgreSQL search failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Whether every database answers a trivial query. */
export async function reachable(clients: SqlClient[]): Promise<boolean> {
  try {
    await Promise.all(clients.map((c) => c.read((q) => q('SELECT 1'))));
    return true;
  } catch {
    return false;
  }
}
