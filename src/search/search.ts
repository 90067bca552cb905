import type MiniSearch from 'minisearch';
import type { Corpus, SectionRecord } from '../index/corpus.ts';
import { FIELD_BOOST, type IndexEntry } from '../index/schema.ts';
import { tokenize } from '../segment/tokenize.ts';
import type { BuiltIndex } from '../index/build-index.ts';
import { type GramIndex, candidates, probeGrams } from '../index/gram-index.ts';
import { expandQuery } from './expand-query.ts';
import { type DefinitionCard, findDefinitions } from './find-definitions.ts';
import { type ParsedQuery, type QueryTerm, parseQuery } from './parse-query.ts';

export const FACETS = ['district', 'department', 'year', 'type'] as const;
export type FacetName = (typeof FACETS)[number];
export type Filters = Record<FacetName, string[]>;

export interface SearchParams {
  q: string;
  filters?: Partial<Filters>;
  sort?: 'relevance' | 'date';
  /** Also search the other names of abbreviated topics (棚改 → 棚户区改造); on unless false. */
  expand?: boolean;
}

export interface RankedSection {
  section: SectionRecord;
  score: number;
  /** Every clause matched literally (the query as written occurs in the text). */
  literal: boolean;
}

export interface FacetValue {
  value: string;
  /** Matching sections with this value. */
  count: number;
  /** Matching documents with this value. */
  documents: number;
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
}

/** The engine's state: corpus records, the MiniSearch index and the literal-recall index, loaded once. */
export interface Engine {
  corpus: Corpus;
  index: MiniSearch<IndexEntry>;
  grams: GramIndex;
  byKey: Map<string, SectionRecord>;
}

/** Example: `createEngine(loaded).byKey.get('000#s1')` → the 指导思想 section. */
export function createEngine(built: BuiltIndex): Engine {
  return { corpus: built.corpus, index: built.index, grams: built.grams, byKey: new Map(built.corpus.sections.map((s) => [s.key, s])) };
}

/**
 * Runs a query: literal and word matching, filters, disjunctive facets, ranking.
 * Example: `search(engine, { q: '城市更新', filters: { district: ['罗湖区'] } })` → hits from 罗湖 pages,
 * literal matches first; facets counted over all matches.
 */
export function search(engine: Engine, params: SearchParams): SearchResult {
  const parsed = parseQuery(params.q);
  const { query, expansions } = params.expand === false ? { query: parsed, expansions: [] } : expandQuery(parsed);
  const filters = normalizeFilters(params.filters);
  // No words but a filter: browse everything the filter selects (the overview's district links).
  const browse = query.clauses.length === 0 && FACETS.some((f) => filters[f].length > 0);
  const matched = browse ? engine.corpus.sections.map((section) => ({ section, score: 0, literal: false })) : matchQuery(engine, query);
  const facets = countFacets(matched, filters);
  const hits = matched.filter((h) => passes(h.section, filters, null));
  hits.sort(params.sort === 'date' ? byDate : byRank);
  const literalCount = params.sort === 'date' ? hits.filter((h) => h.literal).length : countWhile(hits, (h) => h.literal);
  return {
    query,
    highlight: highlightTerms(query),
    segmented: parsed.clauses.map((c) => c.flatMap((t) => (t.phrase ? [t.text] : minimalTokens(t.text)))),
    expansions,
    definitions: findDefinitions(engine.corpus, parsed),
    hits,
    literalCount,
    totalDocuments: new Set(hits.map((h) => h.section.docId)).size,
    facets,
  };
}

function matchQuery(engine: Engine, query: ParsedQuery): RankedSection[] {
  if (query.clauses.length === 0) return [];
  let acc: Map<string, { score: number; literal: boolean }> | null = null;
  for (const clause of query.clauses) {
    const clauseHits = new Map<string, { score: number; literal: boolean }>();
    for (const term of clause) {
      for (const [key, hit] of matchTerm(engine, term)) {
        const prev = clauseHits.get(key);
        clauseHits.set(key, { score: Math.max(prev?.score ?? 0, hit.score), literal: (prev?.literal ?? false) || hit.literal });
      }
    }
    if (acc === null) acc = clauseHits;
    else {
      const next = new Map<string, { score: number; literal: boolean }>();
      for (const [key, hit] of clauseHits) {
        const prev = acc.get(key);
        if (prev) next.set(key, { score: prev.score + hit.score, literal: prev.literal && hit.literal });
      }
      acc = next;
    }
  }
  const out: RankedSection[] = [];
  for (const [key, hit] of acc ?? []) {
    const section = engine.byKey.get(key)!;
    if (query.excluded.some((x) => section.folded.includes(x))) continue;
    out.push({ section, ...hit });
  }
  return out;
}

/** Sections matching one term: literal occurrences (via the recall field) plus word matches. */
function matchTerm(engine: Engine, term: QueryTerm): Map<string, { score: number; literal: boolean }> {
  const out = new Map<string, { score: number; literal: boolean }>();
  // An expanded name was not typed: its occurrences do not put a section in the literal band.
  for (const key of literalMatches(engine, term.text)) out.set(key, { score: 0, literal: !term.expanded });
  if (term.phrase) {
    for (const r of wordSearch(engine, minimalTokens(term.text))) if (out.has(r.id)) out.get(r.id)!.score = r.score;
    return out;
  }
  for (const r of wordSearch(engine, minimalTokens(term.text))) {
    const prev = out.get(r.id);
    out.set(r.id, { score: r.score, literal: prev?.literal ?? false });
  }
  return out;
}

function wordSearch(engine: Engine, tokens: string[]) {
  if (tokens.length === 0) return [];
  return engine.index.search(
    { combineWith: 'AND', queries: tokens },
    { fields: ['heading', 'body'], boost: FIELD_BOOST, prefix: false, fuzzy: false },
  );
}

/** Candidates from the recall field (every bigram present), confirmed on the folded text. */
function literalMatches(engine: Engine, text: string): string[] {
  const sections = engine.corpus.sections;
  const found = candidates(engine.grams, probeGrams(text));
  const out: string[] = [];
  if (found === null) {
    for (const s of sections) if (s.folded.includes(text)) out.push(s.key);
  } else {
    for (const i of found) if (sections[i].folded.includes(text)) out.push(sections[i].key);
  }
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
  const terms = new Set<string>();
  for (const clause of query.clauses) {
    for (const t of clause) {
      terms.add(t.text);
      if (!t.phrase) for (const w of minimalTokens(t.text)) if ([...w].length >= 2 || [...t.text].length === 1) terms.add(w);
    }
  }
  return [...terms];
}

function facetValues(s: SectionRecord, facet: FacetName): string[] {
  switch (facet) {
    case 'district':
      return s.district ? [s.district] : [];
    case 'department':
      return s.lead;
    case 'year':
      return s.year ? [s.year] : [];
    case 'type':
      return s.type ? [s.type] : [];
  }
}

function passes(s: SectionRecord, filters: Filters, skip: FacetName | null): boolean {
  return FACETS.every((f) => f === skip || filters[f].length === 0 || facetValues(s, f).some((v) => filters[f].includes(v)));
}

/** Disjunctive facets: each facet is counted with every filter but its own applied. */
function countFacets(matched: RankedSection[], filters: Filters): Record<FacetName, FacetValue[]> {
  const out = {} as Record<FacetName, FacetValue[]>;
  for (const facet of FACETS) {
    const sections = new Map<string, number>();
    const docs = new Map<string, Set<string>>();
    for (const { section } of matched) {
      if (!passes(section, filters, facet)) continue;
      for (const v of facetValues(section, facet)) {
        sections.set(v, (sections.get(v) ?? 0) + 1);
        if (!docs.has(v)) docs.set(v, new Set());
        docs.get(v)!.add(section.docId);
      }
    }
    out[facet] = [...sections]
      .map(([value, count]) => ({ value, count, documents: docs.get(value)!.size }))
      .sort((a, b) => (facet === 'year' ? b.value.localeCompare(a.value) : b.count - a.count || a.value.localeCompare(b.value)));
  }
  return out;
}

function normalizeFilters(f: Partial<Filters> = {}): Filters {
  return { district: f.district ?? [], department: f.department ?? [], year: f.year ?? [], type: f.type ?? [] };
}

function byRank(a: RankedSection, b: RankedSection): number {
  return Number(b.literal) - Number(a.literal) || b.score - a.score || (b.section.date ?? '').localeCompare(a.section.date ?? '') || a.section.key.localeCompare(b.section.key);
}

function byDate(a: RankedSection, b: RankedSection): number {
  return (b.section.date ?? '').localeCompare(a.section.date ?? '') || byRank(a, b);
}

function countWhile<T>(items: T[], ok: (t: T) => boolean): number {
  let n = 0;
  while (n < items.length && ok(items[n])) n++;
  return n;
}
