import type { SectionRecord } from '../index/corpus.ts';
import { type Engine } from './create-engine.ts';
import { collectHits } from './collect-hits.ts';
import { type GroupedPage, groupByDocument } from './group-results.ts';
import { everySection, hitWindow } from './hit-window.ts';
import { type MatchSet, ownedMatches } from './match-set.ts';
import { dateRankRange } from './order-columns.ts';
import { expandQuery } from './expand-query.ts';
import { FACETS, type FacetName, type FacetValue, type Filters } from './facet-table.ts';
import { completeFilters } from './facet-registry.ts';
import type { DefinitionCard } from './find-definitions.ts';
import { type HighlightGroup, highlightGroups, highlightTerms } from './highlight-terms.ts';
import { matchInScratch } from './match-query.ts';
import { minimalTokens } from './minimal-tokens.ts';
import { type ParsedQuery, parseQuery } from './parse-query.ts';
import { relaxedMatches, relaxedUnits } from './relaxed-match.ts';
import { resolveFilters } from './resolve-filters.ts';

// The engine's public face stays here: callers import search and its helpers from one module.
export { type Engine, createEngine } from './create-engine.ts';
export { FACETS, type FacetName, type FacetValue, type Filters } from './facet-table.ts';
export { highlightTerms, queryHighlight } from './highlight-terms.ts';
export { minimalTokens } from './minimal-tokens.ts';

export interface SearchParams {
  q: string;
  filters?: Partial<Filters>;
  /** `date`: newest first; `date-asc`: oldest first. */
  sort?: 'relevance' | 'date' | 'date-asc';
  /** Date range, inclusive: `2017`, `2017-03` or `2017-03-01`; sections without a date are left out when set. */
  from?: string | null;
  to?: string | null;
  /** Also search the other names of abbreviated topics (棚改 → 棚户区改造); on unless false. */
  expand?: boolean;
}

export interface RankedSection {
  section: SectionRecord;
  /** Position in the corpus's sections: indexes the engine's per-section tables. */
  ordinal: number;
  score: number;
  /** Every clause matched literally (the query as written occurs in the text). */
  literal: boolean;
  /** Set on relaxed matches: how many of the query's words the section contains. */
  matched?: number;
}

/** A department filter value and the departments it was taken to mean (城市更新局 → each district's). */
export interface DepartmentResolution {
  asked: string;
  names: string[];
}

export interface SearchResult {
  query: ParsedQuery;
  /** Terms to highlight: the query strings and the words they were cut into. */
  highlight: string[];
  /** How each clause was segmented, for the page to show. */
  segmented: string[][];
  /** Other names searched as well, from the abbreviation file (shown openly: 也搜索了…). */
  expansions: string[];
  /** Glossary entries defining a term that was searched for. */
  definitions: DefinitionCard[];
  /**
   * Every kept hit in rank order. The embedded engine builds this on first read (exports, grouping
   * by document); a page reads `hitPage` instead, which orders only what it shows.
   */
  hits: RankedSection[];
  /** How many hits, without building them (absent: `hits.length`). */
  total?: number;
  /** Hits `start..end` in order, building only those (absent: `hits.slice`). */
  window?: (start: number, end: number) => RankedSection[];
  /** One page of hits grouped by document, building only those shown (absent: groupByDocument over `hits`). */
  groups?: (page: number, pageSize: number, perDocument: number, open: readonly string[]) => GroupedPage;
  /** Hits before this index are literal matches (the band boundary). */
  literalCount: number;
  totalDocuments: number;
  facets: Record<FacetName, FacetValue[]>;
  /** No section has every word: the hits contain most of them (minimum should match). */
  relaxed: boolean;
  /** What to mark per section: see `termsToMark`. */
  highlightGroups: HighlightGroup[];
  /** The filters applied, department names resolved to the canonical ones. */
  filters: Filters;
  /** Department values that were short names or aliases, and what they became. */
  resolvedDepartments: DepartmentResolution[];
}

/**
 * Runs a query: literal and word matching, filters, disjunctive facets, ranking.
 * Example: `search(engine, { q: '城市更新', filters: { district: ['罗湖区'] } })` → hits from 罗湖 pages,
 * literal matches first; facets counted over all matches.
 */
export function search(engine: Engine, params: SearchParams): SearchResult {
  const parsed = parseQuery(params.q);
  const { query, expansions } = params.expand === false ? { query: parsed, expansions: [] } : expandQuery(parsed);
  const { filters, resolved } = resolveFilters(completeFilters(params.filters), engine.facets.values);
  // No words but a filter: browse everything the filter selects (the overview's district links).
  const browse = query.clauses.length === 0 && (FACETS.some((f) => filters[f].length > 0) || Boolean(params.from || params.to));
  const matches = browse ? everySection(engine.corpus.sections.length) : rankedMatches(engine, query);
  const range = params.from || params.to ? dateRankRange(engine.order, params.from, params.to) : null;
  // The match set is the engine's (cached) or the query's own by now: the scratch is free again.
  engine.scratch.reset();
  const { kept, literalCount, totalDocuments, facets } = collectHits(engine.facets, engine.order.date, matches, filters, range, engine);
  const page = hitWindow(engine, matches, kept, params.sort);
  return {
    query,
    highlight: highlightTerms(query),
    segmented: parsed.clauses.map((c) => c.flatMap((t) => (t.phrase ? [t.text] : minimalTokens(t.text)))),
    expansions,
    definitions: engine.definitions(parsed),
    get hits() {
      return page.window(0, kept.length);
    },
    total: kept.length,
    window: page.window,
    groups: page.groups,
    literalCount,
    totalDocuments,
    facets,
    relaxed: matches.matched !== null && matches.ordinals.length > 0,
    highlightGroups: highlightGroups(query, minimalTokens),
    filters,
    resolvedDepartments: resolved,
  };
}

/** How many hits a result has. Example: a result of 1,204 hits → 1204, whether or not they were built. */
export function hitCount(result: SearchResult): number {
  return result.total ?? result.hits.length;
}

/** A page of a result's hits grouped by document (see groupByDocument), building only what is shown where the engine can. */
export function groupPage(result: SearchResult, page: number, pageSize: number, perDocument: number, open: readonly string[] = []): GroupedPage {
  return result.groups ? result.groups(page, pageSize, perDocument, open) : groupByDocument(result.hits, page, pageSize, perDocument, open);
}

/** Hits `start..end` of a result in order, building only those where the engine can. */
export function hitPage(result: SearchResult, start: number, end: number): RankedSection[] {
  return result.window ? result.window(start, end) : result.hits.slice(start, end);
}


/**
 * Every section the query matches, as typed arrays; repeated queries (other filters, other pages,
 * facet clicks, sorts) come from a small cache bounded by the bytes it holds. Matching works in the
 * engine's scratch memory; the set returned (and cached) is a copy of its own, exactly its size.
 */
function rankedMatches(engine: Engine, query: ParsedQuery): MatchSet {
  const key = JSON.stringify([query.clauses, query.excluded]);
  const cached = engine.cache?.get(key);
  if (cached) return cached;
  engine.scratch.reset();
  let matches = matchInScratch(engine, query);
  // Every word together finds nothing: fall back to the sections with most of them.
  if (matches.ordinals.length === 0) matches = relaxedMatches(relaxedUnits(query, minimalTokens), (unit) => matchInScratch(engine, unit), engine.corpus.sections.length, engine.scratch);
  const owned = ownedMatches(matches);
  // A set larger than the whole cache is not stored (lru-cache refuses it rather than evicting all).
  engine.cache?.set(key, owned);
  return owned;
}
