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
  /** Rejects with SearchUnavailableError when the engine cannot answer (a database down or too slow). */
  search(params: SearchParams): Promise<SearchResult>;
  /** Whether the backend can answer now (a cheap round trip to each database); the embedded engine always can. */
  healthy(): Promise<boolean>;
  /** Releases connections; the embedded engine has none. */
  close(): Promise<void>;
}

/** The search engine cannot answer (database unreachable, statement timeout): the page says so with 503. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}
