import { describe, expect, it } from 'vitest';
import { type SampleSection, makeQueries } from '../../bench/make-queries.ts';

/** 1,000 sections: 发展 in all of them, two mid words each (every mid word in 2% of them), a word of its own in each. */
function sample(): SampleSection[] {
  const mids = Array.from({ length: 100 }, (_, i) => `中频${String.fromCharCode(0x4e00 + i)}`);
  return Array.from({ length: 1000 }, (_, i) => {
    const words = ['发展', mids[i % 50], mids[50 + (i % 50)], `罕见${String.fromCharCode(0x5000 + i)}`];
    return { text: `推进${words.join('和')}工作，落实各项任务。`, district: i % 2 ? '罗湖区' : '福田区', words };
  });
}

describe('makeQueries', () => {
  it('gives the same queries for the same sample and seed', () => {
    expect(makeQueries(sample(), 5)).toEqual(makeQueries(sample(), 5));
  });

  it('uses every query string once, so no cache can answer any of them', () => {
    const qs = makeQueries(sample(), 20).map((g) => g.q);
    expect(new Set(qs).size).toBe(qs.length);
  });

  it('puts words in the class of their document frequency', () => {
    const byClass = (cls: string) => makeQueries(sample(), 20).filter((g) => g.cls === cls).map((g) => g.q);
    expect(byClass('rare').length * byClass('mid').length * byClass('and').length).toBeGreaterThan(0);
    expect(byClass('common')).toEqual([]); // one common word cannot fill three variants
    expect(byClass('rare').every((q) => q.startsWith('罕见'))).toBe(true);
    expect(byClass('mid').every((q) => q.startsWith('中频'))).toBe(true);
    expect(byClass('and').every((q) => q.split(' ').length === 2 && q.split(' ').every((w) => w.startsWith('中频')))).toBe(true);
  });

  it('cuts literals of 3 to 5 Han characters out of section text', () => {
    const sections = sample();
    const literals = makeQueries(sections, 20).filter((g) => g.cls === 'literal');
    expect(literals.length).toBeGreaterThan(0);
    for (const g of literals) {
      expect(g.q).toMatch(/^\p{Script=Han}{3,5}$/u);
      expect(sections.some((s) => s.text.includes(g.q))).toBe(true);
    }
  });

  it('sends each class as is, with a district filter, and for page 3', () => {
    const queries = makeQueries(sample(), 5).filter((g) => g.cls === 'rare');
    expect(queries.filter((g) => g.variant === 'district').every((g) => g.district && !g.page)).toBe(true);
    expect(queries.filter((g) => g.variant === 'page3').every((g) => g.page === 3 && !g.district)).toBe(true);
    expect(queries.filter((g) => g.variant === 'cold').every((g) => !g.page && !g.district)).toBe(true);
  });
});
