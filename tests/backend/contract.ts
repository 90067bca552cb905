import { expect, it } from 'vitest';
import type { BuiltIndex } from '../../src/index/build-index.ts';
import { containsText } from '../../src/index/corpus.ts';
import { FACETS, facetValues } from '../../src/search/facet-registry.ts';
import type { SearchBackend } from '../../src/search/search-backend.ts';
import { type RankedSection, type SearchParams, type SearchResult, createEngine, groupPage, hitCount, hitPage, search } from '../../src/search/search.ts';

/** Queries covering the syntax (AND, "phrase", -exclude, OR), expansion, the relaxed fallback, filters, sorts and dates. */
export const CONTRACT_QUERIES: SearchParams[] = [
  { q: '城市更新' }, { q: '"城市更新" 罗湖' }, { q: '城市 -罗湖' }, { q: '旧改 OR 棚户区' }, { q: '棚改' }, { q: '棚改', expand: false },
  { q: '关于推进城市更新工作的实施意见与安排' }, { q: '2017' }, { q: '"更新" OR 规划 -保障' }, { q: '社区 党建' },
  { q: '城市更新', filters: { district: ['罗湖区'] } }, { q: '规划', filters: { year: ['2017', '2016'], type: ['计划'] } },
  { q: '更新', filters: { department: ['城市更新局'] } }, { q: '', filters: { district: ['福田区'] } }, { q: '', from: '2016', to: '2017-06' },
  { q: '建设', sort: 'date' }, { q: '建设', sort: 'date-asc', from: '2015-03' }, { q: '改革计划' }, { q: '罗办' }, { q: '没有这个词语组合的查询' }, { q: '' },
];

/** Common words (many hits over many documents), sorts, a filter, browsing and the relaxed fallback, read page by page. */
export const PAGED_QUERIES: SearchParams[] = [
  { q: '建设' }, { q: '发展' }, { q: '建设', sort: 'date' }, { q: '规划', sort: 'date-asc' }, { q: '城市更新' }, { q: '工作', filters: { district: ['龙岗区', '大鹏新区'] } },
  { q: '', filters: { district: ['福田区'] } }, { q: '关于推进城市更新工作的实施意见与安排' }, { q: '没有这个词语组合的查询' },
];

/** A page of hits as the contract compares them. */
function pageOf(hits: RankedSection[]) {
  return hits.map((h) => [h.section.key, h.ordinal, h.score, h.literal, h.matched]);
}

/** What must be equal between backends: order, scores, literal band, totals, facets, flags. */
export function comparable(r: SearchResult) {
  return {
    keys: r.hits.map((h) => h.section.key), ordinals: r.hits.map((h) => h.ordinal), literal: r.hits.map((h) => h.literal), matched: r.hits.map((h) => h.matched),
    literalCount: r.literalCount, totalDocuments: r.totalDocuments, facets: r.facets, relaxed: r.relaxed, filters: r.filters,
    resolved: r.resolvedDepartments, expansions: r.expansions, segmented: r.segmented, definitions: r.definitions, highlight: r.highlight,
  };
}

/** Facet counts recounted by brute force: every section, the query's hits without each facet's own filter. */
function bruteFacets(built: BuiltIndex, unfiltered: (facet: string) => Set<string>) {
  return Object.fromEntries(FACETS.map((f) => {
    const keys = unfiltered(f);
    const counts = new Map<string, { count: number; docs: Set<string> }>();
    for (const s of built.corpus.sections) {
      if (!keys.has(s.key)) continue;
      for (const v of facetValues(s, f)) {
        const c = counts.get(v) ?? { count: 0, docs: new Set() };
        c.count++;
        c.docs.add(s.docId);
        counts.set(v, c);
      }
    }
    return [f, Object.fromEntries([...counts].map(([v, c]) => [v, [c.count, c.docs.size]]))];
  }));
}

/**
 * The contract every backend keeps, run against `make()`'s backend over `built`: the same answers as
 * the embedded engine for every query, and facet counts and literal bands that a brute-force count
 * over the raw sections confirms.
 */
export function contractSuite(built: BuiltIndex, make: () => Promise<SearchBackend>) {
  const engine = createEngine(built, { cache: false });
  let backend: SearchBackend;
  it('starts', async () => {
    backend = await make();
  }, 120_000);
  it.each(CONTRACT_QUERIES.map((p) => [JSON.stringify(p), p] as const))('answers %s as the embedded engine does', async (_, params) => {
    const expected = search(engine, params);
    const got = await backend.search(params);
    expect(comparable(got), 'compare with search() in src/search/search.ts; the SQL is built in src/search/postgres').toEqual(comparable(expected));
    expect(got.hits.map((h) => h.score)).toEqual(expected.hits.map((h) => h.score));
  });
  it.each(CONTRACT_QUERIES.filter((p) => p.q && !p.q.includes('"')).map((p) => [JSON.stringify(p), p] as const))('counts facets and the literal band of %s as brute force does', async (_, params) => {
    const got = await backend.search(params);
    const keysWithout = (f: string) => new Set(search(engine, { ...params, filters: { ...params.filters, [f]: [] }, sort: 'relevance' }).hits.map((h) => h.section.key));
    const shown = Object.fromEntries(FACETS.map((f) => [f, Object.fromEntries(got.facets[f].map((v) => [v.value, [v.count, v.documents]]))]));
    expect(shown).toEqual(bruteFacets(built, keysWithout));
    // The literal band: sections holding every typed plain word as written (text or, on a first section, title/文号) (no OR, no exclusions here).
    if (!/ OR |-/.test(params.q) && !got.relaxed && !params.sort) {
      const typed = got.query.clauses.map((c) => c.filter((t) => !t.expanded).map((t) => t.text));
      const inBand = got.hits.filter((h) => typed.every((alts) => alts.some((t) => containsText(h.section, t))));
      expect(got.literalCount).toBe(inBand.length);
      expect(got.hits.slice(0, got.literalCount).every((h) => h.literal)).toBe(true);
    }
  });
  it.each(PAGED_QUERIES.map((p) => [JSON.stringify(p), p] as const))('reads %s page by page (API windows, grouped pages, deep ones) as the embedded engine does', async (_, params) => {
    const expected = search(engine, params);
    const total = hitCount(expected);
    const totals = (r: SearchResult) => ({ total: hitCount(r), literalCount: r.literalCount, totalDocuments: r.totalDocuments, facets: r.facets, relaxed: r.relaxed });
    const deep = Math.floor(total * 0.8);
    for (const [start, end] of [[0, 20], [20, 40], [deep, deep + 20], [Math.max(0, total - 5), total + 15]]) {
      const got = await backend.search(params, { kind: 'window', start, end });
      expect(totals(got)).toEqual(totals(expected));
      expect(pageOf(hitPage(got, start, end)), `hits ${start}–${end} of ${total}`).toEqual(pageOf(hitPage(expected, start, end)));
      // A database backend sends only the page (the hits before it, for merging): the rest is not there to read.
      if (backend.kind !== 'embedded' && end < total) expect(() => got.hits).toThrow(/HitReads/);
    }
    const perDocument = total <= 20 ? Infinity : 3;
    // Three documents a page, so a corpus of a dozen documents has deep pages too.
    const size = 3;
    const pages = groupPage(expected, 1, size, perDocument).pages;
    for (const page of [...new Set([1, 2, Math.ceil(pages * 0.8), pages])]) {
      // The second document of the page opened, as the page's 展开 link does.
      const open = groupPage(expected, page, size, perDocument).groups.slice(1, 2).map((g) => g.docId);
      const got = await backend.search(params, { kind: 'groups', page, pageSize: size, perDocument: 3, open, listAllUpTo: 20 });
      expect(totals(got)).toEqual(totals(expected));
      const shown = (r: SearchResult) => {
        const grouped = groupPage(r, page, size, perDocument, open);
        return { pages: grouped.pages, groups: grouped.groups.map((g) => ({ docId: g.docId, total: g.total, open: g.open, hits: pageOf(g.sections) })) };
      };
      expect(shown(got), `page ${page} of ${pages}`).toEqual(shown(expected));
    }
  });
  it('closes', async () => {
    await backend.close();
  });
}
