import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/search/parse-query.ts';
import { type FacetName, createEngine, search } from '../../src/search/search.ts';
import { makeSnippet } from '../../src/search/snippet.ts';
import { suggest } from '../../src/search/suggest.ts';
import { containsText } from '../../src/index/corpus.ts';
import { normalize } from '../../src/segment/normalize.ts';
import { seedEngine, seedIndex } from '../helpers.ts';

const engine = seedEngine();
const districtsOf = (q: string) => new Set(search(engine, { q }).hits.map((h) => h.section.district));
const keys = (q: string, filters = {}) => search(engine, { q, filters }).hits.map((h) => h.section.key).sort();

describe('search on the seeds', () => {
  it('城市更新 returns sections from 罗湖, 福田 and 盐田', () => {
    expect(districtsOf('城市更新')).toEqual(new Set(['罗湖区', '福田区', '盐田区']));
  });

  it('a lead-department filter returns only sections led by it', () => {
    const hits = search(engine, { q: '城市更新', filters: { department: ['罗湖区城市更新局'] } }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.section.lead.includes('罗湖区城市更新局'))).toBe(true);
  });

  it('traditional input gives the same results as simplified: 棚戶區改造 ≡ 棚户区改造', () => {
    expect(keys('棚戶區改造')).toEqual(keys('棚户区改造'));
    expect(keys('棚户区改造').length).toBeGreaterThan(0);
  });

  it('"城市更新" -棚户区 returns literal matches without 棚户区', () => {
    const result = search(engine, { q: '"城市更新" -棚户区' });
    expect(result.hits.length).toBeGreaterThan(0);
    for (const h of result.hits) {
      expect(h.section.folded).toContain('城市更新');
      expect(h.section.folded).not.toContain('棚户区');
    }
    expect(result.hits.length).toBeLessThan(search(engine, { q: '"城市更新"' }).hits.length);
  });

  it.each(['2017年', 'PM2.5', 'GEP', '一河六圈三带', '待处理', '数据安全'])('finds every section containing %s', (q) => {
    const expected = engine.corpus.sections.filter((s) => containsText(s, normalize(q))).map((s) => s.key).sort();
    const got = search(engine, { q: `"${q}"` }).hits.map((h) => h.section.key).sort();
    expect(got).toEqual(expected);
    if (!['待处理', '数据安全'].includes(q)) expect(got.length).toBeGreaterThan(0);
  });

  it('A OR B is the union, words are ANDed', () => {
    const a = keys('棚改');
    const b = keys('医改');
    expect(keys('棚改 OR 医改')).toEqual([...new Set([...a, ...b])].sort());
    expect(keys('棚改 医改')).toEqual(a.filter((k) => b.includes(k)));
  });

  it('literal matches of a query typed without spaces rank before word-only matches', () => {
    const result = search(engine, { q: '城市更新项目' });
    expect(result.literalCount).toBeGreaterThan(0);
    result.hits.forEach((h, i) => expect(h.literal).toBe(i < result.literalCount));
  });
});

describe('property: any substring of a section finds that section', () => {
  it('500 random 2–8 character substrings each find their section, literal matches first', () => {
    const sections = engine.corpus.sections.filter((s) => s.folded.replace(/\s/g, '').length > 10);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 2, max: 8 }), (a, b, len) => {
        const s = sections[a % sections.length];
        const chars = [...s.folded];
        const start = b % Math.max(1, chars.length - len);
        const sub = chars.slice(start, start + len).join('');
        if (sub.trim() !== sub || /\s|"|^-/.test(sub) || sub === 'OR') return true;
        const result = search(engine, { q: sub });
        const at = result.hits.findIndex((h) => h.section.key === s.key);
        if (at < 0) return false;
        return result.hits.every((h, i) => (i < result.literalCount) === h.literal) && at < result.literalCount;
      }),
      { numRuns: 500, seed: 20261121 },
    );
  });
});

describe('property: any substring of a document field finds that document', () => {
  // Title, 文号, issuers and 索引号 (src/index/document-fields.ts) ride on each document's first section.
  const carriers = engine.corpus.sections.filter((s) => s.fields !== null);
  it('every document carries its fields on exactly one section', () => {
    expect(carriers.map((s) => s.docId)).toEqual(engine.corpus.documents.map((d) => d.id));
  });

  it('300 random 2–10 character substrings of titles and fields each find their document among the literal matches', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 2, max: 10 }), (a, b, len) => {
        const s = carriers[a % carriers.length];
        const line = s.fields!.split('\n')[b % s.fields!.split('\n').length];
        const chars = [...line];
        const start = (a + b) % Math.max(1, chars.length - len);
        const sub = chars.slice(start, start + len).join('');
        if (sub.trim() !== sub || /\s|"|“|”|＂|^-/.test(sub) || sub === 'OR' || sub.length < 2) return true;
        const result = search(engine, { q: sub });
        const at = result.hits.findIndex((h) => h.section.key === s.key);
        return at >= 0 && at < result.literalCount && result.hits.every((h, i) => (i < result.literalCount) === h.literal);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});

describe('facets', () => {
  it('equal a brute-force count over the matching sections, disjunctively', () => {
    const filters = { district: ['罗湖区'], year: ['2017'] };
    const result = search(engine, { q: '改革', filters });
    const all = search(engine, { q: '改革' }).hits.map((h) => h.section);
    const value = (s: (typeof all)[number], f: FacetName) => (f === 'district' ? [s.district] : f === 'department' ? (s.lead.length ? s.lead : ['未注明牵头单位']) : f === 'year' ? [s.year] : [s.type]);
    for (const facet of ['district', 'department', 'year', 'type'] as FacetName[]) {
      const others = Object.entries(filters).filter(([f]) => f !== facet);
      const pool = all.filter((s) => others.every(([f, vs]) => value(s, f as FacetName).some((v) => vs.includes(v as string))));
      const expected = new Map<string, number>();
      for (const s of pool) for (const v of value(s, facet)) if (v) expected.set(v, (expected.get(v) ?? 0) + 1);
      expect(new Map(result.facets[facet].map((f) => [f.value, f.count]))).toEqual(expected);
    }
    expect(result.hits.every((h) => h.section.district === '罗湖区' && h.section.year === '2017')).toBe(true);
  });
});

describe('parseQuery never throws', () => {
  it('on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (q) => { parseQuery(q); search(engine, { q: q.slice(0, 50) }); return true; }), { numRuns: 300 });
  });
});

describe('snippets and suggestions', () => {
  it('snippets are sentence-bounded parts with every term marked', () => {
    const text = '一、总体要求。推进城市更新，加快棚户区改造。加强组织保障。';
    const parts = makeSnippet(text, ['城市更新', '棚户区改造']);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['城市更新', '棚户区改造']);
    expect(parts.map((p) => p.text).join('')).toContain('推进城市更新，加快棚户区改造。');
  });
  it('suggests completions from the corpus', () => {
    expect(suggest(engine.corpus, '城市')).toContain('城市更新');
  });
});

describe('query cache', () => {
  it('answers exactly as the uncached engine, whatever the filters, sort and order of queries', () => {
    const cached = createEngine(seedIndex());
    const uncached = createEngine(seedIndex(), { cache: false });
    const summary = (r: ReturnType<typeof search>) => ({ keys: r.hits.map((h) => h.section.key), literal: r.literalCount, facets: r.facets, docs: r.totalDocuments });
    fc.assert(
      fc.property(
        fc.constantFrom('城市更新', '发展', '改革 创新', '"城市更新" -棚户区', '棚改', '2017年', 'PM2.5'),
        fc.subarray(['罗湖区', '福田区', '盐田区']),
        fc.subarray(['2012', '2015', '2017']),
        fc.constantFrom<'relevance' | 'date'>('relevance', 'date'),
        (q, district, year, sort) => {
          const params = { q, filters: { district, year }, sort };
          expect(summary(search(cached, params))).toEqual(summary(search(uncached, params)));
        },
      ),
      { numRuns: 300, seed: 20261121 },
    );
    expect(cached.cache!.size).toBeGreaterThan(0);
  });
});
