import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOrder } from '../../src/search/code-order.ts';
import { groupByDocument } from '../../src/search/group-results.ts';
import { FACETS, facetValues } from '../../src/search/facet-registry.ts';
import { matchQuery } from '../../src/search/match-query.ts';
import { parseQuery } from '../../src/search/parse-query.ts';
import { byDate, byDateAscending, byMatched, byRank } from '../../src/search/rank-order.ts';
import { relaxedMatches, relaxedUnits } from '../../src/search/relaxed-match.ts';
import { minimalTokens } from '../../src/search/minimal-tokens.ts';
import { type Filters, type RankedSection, type SearchParams, search } from '../../src/search/search.ts';
import { seedEngine } from '../helpers.ts';

const engine = seedEngine();
const sections = engine.corpus.sections;

/**
 * The oracle: every match as an object, filtered, counted and fully sorted with rank-order.ts —
 * the way the engine worked before the typed-array collector.
 */
function bruteForce(params: SearchParams & { filters: Filters }) {
  const query = parseQuery(params.q);
  const browse = query.clauses.length === 0 && (FACETS.some((f) => params.filters[f].length > 0) || Boolean(params.from || params.to));
  let m = browse ? { ordinals: Uint32Array.from(sections, (_, i) => i), scores: new Float64Array(sections.length), literal: new Uint8Array(sections.length), matched: null } : matchQuery(engine, query);
  if (m.ordinals.length === 0) m = relaxedMatches(relaxedUnits(query, minimalTokens), (u) => matchQuery(engine, u), sections.length);
  const all: RankedSection[] = [...m.ordinals].map((ordinal, i) => ({ section: sections[ordinal], ordinal, score: m.scores[i], literal: m.literal[i] === 1, ...(m.matched ? { matched: m.matched[i] } : {}) }));
  const upper = params.to ? params.to + '-99-99'.slice(0, 10 - params.to.length) : null;
  const inRange = all.filter((h) => !(params.from || params.to) || (h.section.date !== null && (!params.from || h.section.date >= params.from) && (!upper || h.section.date <= upper)));
  const passes = (h: RankedSection, skip: string | null) => FACETS.every((f) => f === skip || params.filters[f].length === 0 || facetValues(h.section, f).some((v) => params.filters[f].includes(v)));
  const order = params.sort === 'date' ? byDate : params.sort === 'date-asc' ? byDateAscending : m.matched ? byMatched : byRank;
  const hits = inRange.filter((h) => passes(h, null)).sort(order);
  const facets = Object.fromEntries(
    FACETS.map((f) => {
      const counts = new Map<string, { count: number; docs: Set<string> }>();
      for (const h of inRange.filter((x) => passes(x, f))) {
        for (const v of facetValues(h.section, f)) {
          const c = counts.get(v) ?? { count: 0, docs: new Set<string>() };
          c.count++;
          c.docs.add(h.section.docId);
          counts.set(v, c);
        }
      }
      return [f, [...counts].map(([value, c]) => [value, c.count, c.docs.size]).sort((a, b) => codeOrder(String(a[0]), String(b[0])))];
    }),
  );
  return { hits, literalCount: hits.filter((h) => h.literal).length, totalDocuments: new Set(hits.map((h) => h.section.docId)).size, facets };
}

const words = ['城市更新', '发展', '改革', '创新', '住房', '罗湖', '规划', '"城市更新"', '-罗湖', '社区', '推进城市更新的工作要求意见', '水务'];
const values = (f: (typeof FACETS)[number]) => engine.facets.values[f];

describe('the typed-array collector', () => {
  it('equals a brute-force count and full sort: totals, literal band, facets, documents, every page', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }),
        fc.record({ district: fc.subarray(values('district'), { maxLength: 2 }), year: fc.subarray(values('year'), { maxLength: 2 }), type: fc.subarray(values('type'), { maxLength: 1 }) }, { requiredKeys: [] }),
        fc.constantFrom('relevance', 'date', 'date-asc'),
        // Mostly no date range, so large result sets (many documents, long groups) are common.
        fc.constantFrom(null, null, null, '2015', '2017-03', '2018-01-01'),
        fc.constantFrom(null, null, null, '2016', '2019-12', '2017-06-30'),
        fc.integer({ min: 0, max: 60 }),
        fc.record({ page: fc.integer({ min: 1, max: 4 }), size: fc.integer({ min: 1, max: 5 }), perDocument: fc.constantFrom(1, 3, Infinity), open: fc.boolean() }),
        (terms, picked, sort, from, to, start, grouping) => {
          const filters: Filters = { district: [], year: [], type: [], department: [], validity: [], ...picked };
          const params = { q: terms.join(' '), filters, sort: sort as SearchParams['sort'], from, to, expand: false };
          const expected = bruteForce(params);
          const result = search(engine, params);
          const keys = (hs: RankedSection[]) => hs.map((h) => [h.section.key, h.score, h.literal, h.matched]);
          expect(result.total).toBe(expected.hits.length);
          expect(result.literalCount).toBe(expected.literalCount);
          expect(result.totalDocuments).toBe(expected.totalDocuments);
          const facets = Object.fromEntries(FACETS.map((f) => [f, result.facets[f].map((v) => [v.value, v.count, v.documents]).sort((a, b) => codeOrder(String(a[0]), String(b[0])))]));
          expect(facets).toEqual(expected.facets);
          // A page from the heap (top-k) equals the same slice of the full sort, and so does the whole list.
          expect(keys(result.window!(start, start + 20))).toEqual(keys(expected.hits.slice(start, start + 20)));
          expect(keys(result.hits)).toEqual(keys(expected.hits));
          // Grouped by document from the positions: the same page as grouping the full, sorted list.
          const open = grouping.open && expected.hits.length > 0 ? [expected.hits[expected.hits.length - 1].section.docId] : [];
          const want = groupByDocument(expected.hits, grouping.page, grouping.size, grouping.perDocument, open);
          const got = result.groups!(grouping.page, grouping.size, grouping.perDocument, open);
          const summary = (g: typeof want) => [g.pages, g.groups.map((x) => [x.docId, x.total, x.open, keys(x.sections)])];
          expect(summary(got)).toEqual(summary(want));
        },
      ),
      { numRuns: 150 },
    );
  });
});
