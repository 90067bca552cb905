// The contenders (ours in-process for the seed scale, SQLite FTS5, FlexSearch), each doing "the job" of /api/search: the top 20 hits of the requested page,
// facet counts (district, lead department, year, type) over all matches, and snippets.
import { createRequire } from 'node:module';
import { type SectionRecord, containsText } from '../src/index/corpus.ts';
import type { LoadedIndex } from '../src/index/index-store.ts';
import { type Engine, type Filters, FACETS, type FacetName, type SearchResult, createEngine, search } from '../src/search/search.ts';
import { makeSnippet } from '../src/search/snippet.ts';
import { completeFilters, facetValues } from '../src/search/facet-registry.ts';
import { normalize } from '../src/segment/normalize.ts';
import { policyJieba } from '../src/segment/jieba.ts';
import { parseQuery } from '../src/search/parse-query.ts';
import { apiSearchBody, snippetHtml } from '../src/web/present.ts';

const require = createRequire(import.meta.url);

export interface BenchQuery {
  label: string;
  q: string;
  filters?: Partial<Filters>;
  page?: number;
}

/** The fixed mix; the rare term comes from the corpus. */
export function queryMix(rareTerm: string): BenchQuery[] {
  return [
    { label: 'common term 发展', q: '发展' },
    { label: 'mid term 城市更新', q: '城市更新' },
    { label: `rare term ${rareTerm}`, q: rareTerm },
    { label: 'two-word AND 改革 创新', q: '改革 创新' },
    { label: 'phrase "城市更新"', q: '"城市更新"' },
    { label: '城市更新 + two filters', q: '城市更新', filters: { district: ['罗湖区'], year: ['2017'] } },
    { label: '发展, page 5', q: '发展', page: 5 },
  ];
}

/** What each job returns, so runs can be compared and nothing is optimised away. */
export interface JobAnswer {
  total: number;
  top: string[];
  /** The page's snippets as HTML, as the page shows them. */
  snippets: string[];
  facets: Record<FacetName, Map<string, number>>;
}

export const SIZE = 20;

/** A query's filters with every facet present (the mix leaves most of them out). */
export function filtersOf(q: BenchQuery): Filters {
  return completeFilters(q.filters);
}

// ---------- Zhengce Search (MiniSearch at the centre) ----------

export function zhengceJob(engine: Engine, q: BenchQuery): JobAnswer {
  const filters = filtersOf(q);
  return answerOf(engine, q, search(engine, { q: q.q, filters }));
}

/** What /api/search makes of a result: the page of hits with snippets (documents from `engine`, as the server holds them). */
function answerOf(engine: Engine, q: BenchQuery, result: SearchResult): JobAnswer {
  const filters = filtersOf(q);
  const body = apiSearchBody(engine, { q: q.q, filters, sort: 'relevance', page: q.page ?? 1, size: SIZE, expand: true, from: null, to: null, open: [], truncated: false }, result, 0);
  return {
    total: body.total,
    top: body.hits.map((h) => `${h.docId}#${h.sectionId}`),
    snippets: body.hits.map((h) => h.snippet),
    facets: Object.fromEntries(FACETS.map((f) => [f, new Map(result.facets[f].map((v) => [v.value, v.count]))])) as JobAnswer['facets'],
  };
}

export function zhengceEngine(loaded: LoadedIndex, cache: boolean): Engine {
  return createEngine(loaded, { cache });
}

// ---------- shared by the peers: the same jieba words, in text order ----------

/** jieba's words of the normalised text, in order (the peers index these). */
export function words(text: string): string[] {
  return policyJieba().cut(normalize(text), true).filter((w) => w.trim().length > 0);
}

/** A query as peers see it: each typed word (or phrase) becomes its jieba words in sequence. */
export function peerClauses(q: string): { words: string[]; phrase: boolean; text: string }[] {
  return parseQuery(q).clauses.map((c) => ({ words: words(c[0].text), phrase: c[0].phrase, text: c[0].text }));
}

// ---------- FlexSearch ----------

export interface FlexState {
  index: { add(id: number, text: string): void; search(q: string, o: { limit: number }): number[] };
  sections: SectionRecord[];
}

/** FlexSearch at its fastest: exact encoder (no normalisation), strict tokens, resolution 1. */
export function buildFlex(sections: SectionRecord[]): FlexState {
  const F = require('flexsearch');
  const index = new F.Index({ tokenize: 'strict', encoder: F.Charset.Exact, resolution: 1 });
  sections.forEach((s, i) => index.add(i, words(s.text).join(' ')));
  return { index, sections };
}

export function flexJob(state: FlexState, q: BenchQuery): JobAnswer {
  const clauses = peerClauses(q.q);
  // The full match list, so facets can be counted over every match; phrases are confirmed on the text.
  let ids = state.index.search(clauses.flatMap((c) => c.words).join(' '), { limit: state.sections.length });
  for (const c of clauses) if (c.phrase) ids = ids.filter((i) => containsText(state.sections[i], c.text));
  const filters = filtersOf(q);
  const passes = (s: SectionRecord, skip: FacetName | null) => FACETS.every((f) => f === skip || filters[f].length === 0 || facetValues(s, f).some((v) => filters[f].includes(v)));
  const facets = {} as JobAnswer['facets'];
  for (const f of FACETS) {
    const counts = new Map<string, number>();
    for (const i of ids) {
      const s = state.sections[i];
      if (!passes(s, f)) continue;
      for (const v of facetValues(s, f)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    facets[f] = counts;
  }
  const hits = ids.filter((i) => passes(state.sections[i], null));
  const page = hits.slice(((q.page ?? 1) - 1) * SIZE, (q.page ?? 1) * SIZE);
  const highlight = clauses.flatMap((c) => [c.text, ...c.words]);
  const snippets = page.map((i) => snippetHtml(makeSnippet(state.sections[i].text, highlight)));
  return { total: hits.length, top: page.map((i) => state.sections[i].key), snippets, facets };
}
