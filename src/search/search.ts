import type { SectionRecord } from '../index/corpus.ts';
import { type Engine } from './create-engine.ts';
import { collectHits } from './collect-hits.ts';
import { expandQuery } from './expand-query.ts';
import { FACETS, type FacetName, type FacetValue, type Filters } from './facet-table.ts';
import { completeFilters } from './facet-registry.ts';
import { type DefinitionCard, findDefinitions } from './find-definitions.ts';
import { type HighlightGroup, highlightGroups, highlightTerms } from './highlight-terms.ts';
import { matchQuery } from './match-query.ts';
import { minimalTokens } from './minimal-tokens.ts';
import { type ParsedQuery, parseQuery } from './parse-query.ts';
import { byRank } from './rank-order.ts';
import { relaxedRanking, relaxedUnits } from './relaxed-match.ts';
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
  hits: RankedSection[];
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
  const ranked: RankedSection[] = browse ? engine.corpus.sections.map((section, ordinal) => ({ section, ordinal, score: 0, literal: false })).sort(byRank) : rankedMatches(engine, query);
  const matched = params.from || params.to ? ranked.filter(inDateRange(params.from, params.to)) : ranked;
  const { hits, literalCount, totalDocuments, facets } = collectHits(engine.facets, matched, filters, params.sort);
  return {
    query,
    highlight: highlightTerms(query),
    segmented: parsed.clauses.map((c) => c.flatMap((t) => (t.phrase ? [t.text] : minimalTokens(t.text)))),
    expansions,
    definitions: findDefinitions(engine.corpus, parsed),
    hits,
    literalCount,
    totalDocuments,
    facets,
    relaxed: ranked.length > 0 && ranked[0].matched !== undefined,
    highlightGroups: highlightGroups(query, minimalTokens),
    filters,
    resolvedDepartments: resolved,
  };
}

/** `2017` → from 2017-01-01 / to 2017-12-31; dates compare as strings. */
function inDateRange(from: string | null | undefined, to: string | null | undefined): (h: RankedSection) => boolean {
  const upper = to ? to + '-99-99'.slice(0, 10 - to.length) : null;
  return (h) => h.section.date !== null && (!from || h.section.date >= from) && (!upper || h.section.date <= upper);
}

/**
 * Every section the query matches, in rank order; repeated queries (other filters, other pages,
 * facet clicks) come from a small cache. The cache holds whole rankings and is bounded by the
 * number of hits it keeps.
 */
function rankedMatches(engine: Engine, query: ParsedQuery): RankedSection[] {
  const key = JSON.stringify([query.clauses, query.excluded]);
  const cached = engine.cache?.get(key);
  if (cached) return cached;
  let ranked = matchQuery(engine, query).sort(byRank);
  // Every word together finds nothing: fall back to the sections with most of them.
  if (ranked.length === 0) ranked = relaxedRanking(relaxedUnits(query, minimalTokens), (unit) => matchQuery(engine, unit));
  // A ranking larger than the whole cache is not stored (lru-cache refuses it rather than evicting all).
  engine.cache?.set(key, ranked);
  return ranked;
}
