import { LRUCache } from 'lru-cache';
import type { PolicyDocument } from '../domain.ts';
import { type Corpus, type SectionRecord, containsText } from '../index/corpus.ts';
import { codeOrder } from './code-order.ts';
import { tokenize } from '../segment/tokenize.ts';
import type { SearchableIndex } from '../index/index-store.ts';
import { type CompiledPostings, compilePostings } from '../index/compiled-postings.ts';
import { type GramIndex, candidates, probeGrams } from '../index/gram-index.ts';
import { expandQuery } from './expand-query.ts';
import { type FacetName, type FacetTable, type FacetValue, type Filters, FACETS, buildFacetTable, countFacets, filterIds, passesIds } from './facet-table.ts';
import { completeFilters } from './facet-registry.ts';
import { type HighlightGroup, highlightGroups } from './highlight-terms.ts';
import { relaxedRanking, relaxedUnits } from './relaxed-match.ts';
import { resolveDepartment } from './resolve-department.ts';
import { contentWords } from './stop-words.ts';
import { type WordMatches, searchWords } from './word-executor.ts';
import { type DefinitionCard, findDefinitions } from './find-definitions.ts';
import { type ParsedQuery, type QueryTerm, parseQuery } from './parse-query.ts';

export { FACETS, type FacetName, type FacetValue, type Filters } from './facet-table.ts';

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

/** The engine's state: corpus records, the compiled word postings and the literal-recall index, loaded once. */
export interface Engine {
  corpus: Corpus;
  /** MiniSearch's postings as typed arrays keyed by section ordinal: word queries read these. */
  postings: CompiledPostings;
  grams: GramIndex;
  /** Section key → position in `corpus.sections`, for callers holding a key (the query path uses ordinals only). */
  ordinalOf: Map<string, number>;
  docs: Map<string, PolicyDocument>;
  facets: FacetTable;
  /** Rankings of recent queries, least recently used evicted first; sized by hits held, not entries. */
  cache: LRUCache<string, RankedSection[]> | null;
}

/** At most this many rankings, holding at most this many hits in all (about 100 MB at 50 bytes a hit). */
const CACHE_LIMITS = { max: 500, maxSize: 2_000_000 };

/**
 * A loaded index brings its compiled postings (postings.bin); a freshly built one has them compiled
 * from its MiniSearch here. `cache: false` turns the query cache off (the benchmark measures both).
 * Example: `createEngine(loaded).postings.ordinalCount` → 260, the seed index's sections.
 */
export function createEngine(built: SearchableIndex, options: { cache?: boolean } = {}): Engine {
  return {
    corpus: built.corpus,
    postings: 'postings' in built ? built.postings : compilePostings(built.index, built.corpus.sections.map((s) => s.key)),
    grams: built.grams,
    ordinalOf: new Map(built.corpus.sections.map((s, i) => [s.key, i])),
    docs: new Map(built.corpus.documents.map((d) => [d.id, d])),
    facets: buildFacetTable(built.corpus),
    cache: options.cache === false ? null : new LRUCache<string, RankedSection[]>({ ...CACHE_LIMITS, sizeCalculation: (ranked) => Math.max(1, ranked.length) }),
  };
}

/**
 * Runs a query: literal and word matching, filters, disjunctive facets, ranking.
 * Example: `search(engine, { q: '城市更新', filters: { district: ['罗湖区'] } })` → hits from 罗湖 pages,
 * literal matches first; facets counted over all matches.
 */
export function search(engine: Engine, params: SearchParams): SearchResult {
  const parsed = parseQuery(params.q);
  const { query, expansions } = params.expand === false ? { query: parsed, expansions: [] } : expandQuery(parsed);
  const { filters, resolved } = resolveFilters(engine, completeFilters(params.filters));
  // No words but a filter: browse everything the filter selects (the overview's district links).
  const browse = query.clauses.length === 0 && (FACETS.some((f) => filters[f].length > 0) || Boolean(params.from || params.to));
  const ranked: RankedSection[] = browse ? engine.corpus.sections.map((section, ordinal) => ({ section, ordinal, score: 0, literal: false })).sort(byRank) : rankedMatches(engine, query);
  const matched = params.from || params.to ? ranked.filter(inDateRange(params.from, params.to)) : ranked;
  const table = engine.facets;
  const ids = filterIds(table, filters);
  const ordinals = Uint32Array.from(matched, (h) => h.ordinal);
  const facets = countFacets(table, ordinals, ids);
  // Filtering keeps the rank order, so the cached ranking serves every filter combination.
  const hits = matched.filter((_, i) => passesIds(table, ordinals[i], ids, null));
  if (params.sort === 'date') hits.sort(byDate);
  if (params.sort === 'date-asc') hits.sort(byDateAscending);
  const literalCount = params.sort && params.sort !== 'relevance' ? hits.filter((h) => h.literal).length : countWhile(hits, (h) => h.literal);
  return {
    query,
    highlight: highlightTerms(query),
    segmented: parsed.clauses.map((c) => c.flatMap((t) => (t.phrase ? [t.text] : minimalTokens(t.text)))),
    expansions,
    definitions: findDefinitions(engine.corpus, parsed),
    hits,
    literalCount,
    totalDocuments: countDocuments(table, hits),
    facets,
    relaxed: ranked.length > 0 && ranked[0].matched !== undefined,
    highlightGroups: highlightGroups(query, minimalTokens),
    filters,
    resolvedDepartments: resolved,
  };
}

/** Department filter values resolved to canonical names; an unknown value is kept, selects nothing, and is reported with no names. */
function resolveFilters(engine: Engine, asked: Filters): { filters: Filters; resolved: DepartmentResolution[] } {
  const known = engine.facets.values.department;
  const resolved: DepartmentResolution[] = [];
  const department = [...new Set(asked.department.flatMap((value) => {
    const names = resolveDepartment(value, known, engine.facets.values.district);
    if (names.length !== 1 || names[0] !== value) resolved.push({ asked: value, names });
    return names.length > 0 ? names : [value];
  }))];
  return { filters: { ...asked, department }, resolved };
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

/** Per-section match state for one term, clause or query, indexed by section ordinal. */
interface Matches {
  /** Matched ordinals, each once. */
  ords: number[];
  score: Float64Array;
  literal: Uint8Array;
}

type Tracked = Matches & { seen: Uint8Array };

function emptyMatches(n: number): Tracked {
  return { ords: [], score: new Float64Array(n), literal: new Uint8Array(n), seen: new Uint8Array(n) };
}

// Typed arrays indexed by section ordinal instead of maps keyed by strings: a common word matches
// tens of thousands of sections, and per-hit objects and hashing were most of a query's time.
function matchQuery(engine: Engine, query: ParsedQuery): RankedSection[] {
  if (query.clauses.length === 0) return [];
  const n = engine.corpus.sections.length;
  let acc: Tracked | null = null;
  for (const clause of query.clauses) {
    const c = emptyMatches(n);
    for (const term of clause) {
      const t = matchTerm(engine, term);
      for (const o of t.ords) {
        if (!c.seen[o]) {
          c.seen[o] = 1;
          c.ords.push(o);
        }
        if (t.score[o] > c.score[o]) c.score[o] = t.score[o];
        c.literal[o] |= t.literal[o];
      }
    }
    if (acc === null) acc = c;
    else {
      const next = emptyMatches(n);
      const prev: Tracked = acc;
      for (const o of c.ords) {
        if (!prev.seen[o]) continue;
        next.seen[o] = 1;
        next.ords.push(o);
        next.score[o] = prev.score[o] + c.score[o];
        next.literal[o] = prev.literal[o] & c.literal[o];
      }
      acc = next;
    }
  }
  const sections = engine.corpus.sections;
  const out: RankedSection[] = [];
  for (const o of acc!.ords) {
    const section = sections[o];
    if (query.excluded.some((x) => containsText(section, x))) continue;
    out.push({ section, ordinal: o, score: acc!.score[o], literal: acc!.literal[o] === 1 });
  }
  return out;
}

/** Sections matching one term: literal occurrences (via the bigram index) plus word matches. */
function matchTerm(engine: Engine, term: QueryTerm): Matches {
  const n = engine.corpus.sections.length;
  const m = emptyMatches(n);
  // An expanded name was not typed: its occurrences do not put a section in the literal band.
  for (const o of literalOrdinals(engine, term.text)) {
    m.seen[o] = 1;
    m.ords.push(o);
    if (!term.expanded) m.literal[o] = 1;
  }
  const words = wordSearch(engine, contentWords(minimalTokens(term.text)));
  for (let i = 0; i < words.ordinals.length; i++) {
    const o = words.ordinals[i];
    if (!m.seen[o]) {
      if (term.phrase) continue; // a phrase only matches literally; words only rank it
      m.seen[o] = 1;
      m.ords.push(o);
    }
    m.score[o] = words.scores[i];
  }
  return m;
}

const NO_WORDS: WordMatches = { ordinals: new Uint32Array(0), scores: new Float64Array(0), tieGroup: new Uint8Array(0) };

/** AND of the tokens over the compiled postings, with MiniSearch's scores. */
function wordSearch(engine: Engine, tokens: string[]): WordMatches {
  if (tokens.length === 0) return NO_WORDS;
  // Every word match contains each token as written, so the bigram index bounds the candidates
  // and the executor intersects with them before scoring anything.
  const bound = ordinalsContaining(engine, tokens);
  return searchWords(engine.postings, tokens, bound ? Uint32Array.from(bound) : undefined);
}

/** Sections whose normalised text contains the string: bigram-index candidates, or every section when it has no Han character. */
function literalOrdinals(engine: Engine, text: string): number[] {
  return ordinalsContaining(engine, [text]) ?? engine.corpus.sections.flatMap((s, i) => (containsText(s, text) ? [i] : []));
}

/**
 * Ordinals of the sections containing every string, from the bigram index's candidates confirmed on
 * the text; null when the strings have no Han character to probe with.
 */
function ordinalsContaining(engine: Engine, texts: string[]): number[] | null {
  const found = candidates(engine.grams, [...new Set(texts.flatMap((t) => probeGrams(t)))]);
  if (found === null) return null;
  const sections = engine.corpus.sections;
  const out: number[] = [];
  for (const i of found) if (texts.every((t) => containsText(sections[i], t))) out.push(i);
  return out;
}

/** jieba's search-mode words without the compounds of other words: `城市更新项目` → 城市, 更新, 项目. */
export function minimalTokens(text: string): string[] {
  const tokens = [...new Set(tokenize(text))];
  const minimal = tokens.filter((t) => !tokens.some((o) => o !== t && o.length < t.length && t.includes(o) && coveredBy(t, tokens)));
  return minimal.length > 0 ? minimal : tokens;
}

function coveredBy(word: string, tokens: string[]): boolean {
  const covered = new Array<boolean>(word.length).fill(false);
  for (const t of tokens) {
    if (t === word) continue;
    for (let at = word.indexOf(t); at >= 0; at = word.indexOf(t, at + 1)) for (let i = 0; i < t.length; i++) covered[at + i] = true;
  }
  return covered.every(Boolean);
}

/** Strings to mark for a query: each term as typed and the words it was cut into. `城市更新项目` → 城市更新项目, 城市, 更新, 项目. */
export function highlightTerms(query: ParsedQuery): string[] {
  return [...new Set(highlightGroups(query, minimalTokens).flatMap((g) => [g.text, ...g.pieces]))];
}

/** The highlight groups of a query string (the document and department pages' `?q=`). Example: `城市更新` → `[{ text: '城市更新', pieces: ['城市', '更新'] }]`. */
export function queryHighlight(q: string): HighlightGroup[] {
  return highlightGroups(parseQuery(q), minimalTokens);
}

function byRank(a: RankedSection, b: RankedSection): number {
  return Number(b.literal) - Number(a.literal) || b.score - a.score || codeOrder(b.section.date ?? '', a.section.date ?? '') || codeOrder(a.section.key, b.section.key);
}

function byDate(a: RankedSection, b: RankedSection): number {
  return codeOrder(b.section.date ?? '', a.section.date ?? '') || byRank(a, b);
}

function byDateAscending(a: RankedSection, b: RankedSection): number {
  return codeOrder(a.section.date ?? '\uffff', b.section.date ?? '\uffff') || byRank(a, b);
}

function countWhile<T>(items: T[], ok: (t: T) => boolean): number {
  let n = 0;
  while (n < items.length && ok(items[n])) n++;
  return n;
}

function countDocuments(table: FacetTable, hits: RankedSection[]): number {
  const seen = new Uint8Array(table.doc.length > 0 ? table.doc[table.doc.length - 1] + 1 : 0);
  let n = 0;
  for (const h of hits) {
    const d = table.doc[h.ordinal];
    if (!seen[d]) {
      seen[d] = 1;
      n++;
    }
  }
  return n;
}
