import type { SearchParams, SearchResult } from './search.ts';

/**
 * What the web layer calls for search, facets and totals. Two implementations answer it the same
 * way: the embedded engine (MiniSearch and the bigram index in this process, the default) and
 * PostgreSQL (see ./postgres). Node keeps query parsing, expansion, highlighting and snippets in
 * both; a backend only decides which sections match, in what order, and how many per facet value.
 * Example: `await backend.search({ q: '城市更新', filters: { district: ['罗湖区'] } })` → the same
 * `SearchResult` as `search(engine, …)`: hits in rank order, literal band first, disjunctive facets.
 */
export interface SearchBackend {
  /** `embedded` or `postgres`: shown by /healthz. */
  readonly kind: string;
  /**
   * Rejects with SearchUnavailableError when the engine cannot answer (a database down or too slow).
   * `reads` says which hits the caller will read (every hit when absent); a database backend fetches
   * only those, and its result's `window`/`groups`/`hits` refuse anything else with an Error.
   */
  search(params: SearchParams, reads?: HitReads): Promise<SearchResult>;
  /** Whether the backend can answer now (a cheap round trip to each database); the embedded engine always can. */
  healthy(): Promise<boolean>;
  /** Releases connections; the embedded engine has none. */
  close(): Promise<void>;
}

/**
 * The hits a caller of `search` will read: every one (exports, the comparison), `hitPage(result, start, end)`
 * (the API, the feed), or `groupPage(result, page, pageSize, perDocument, open)` where perDocument is
 * `Infinity` when the result has at most `listAllUpTo` hits and `perDocument` otherwise (the page).
 * Totals, the literal band and facet counts are always over all hits.
 * Example: `{ kind: 'window', start: 40, end: 60 }` → the API's page 3 of 20.
 */
export type HitReads =
  | { kind: 'all' }
  | { kind: 'window'; start: number; end: number }
  | { kind: 'groups'; page: number; pageSize: number; perDocument: number; open: readonly string[]; listAllUpTo: number };

/** The search engine cannot answer (database unreachable, statement timeout): the page says so with 503. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}
