import { describe, expect, it } from 'vitest';
import { type SearchParams, type SearchResult, createEngine, hitPage, search } from '../../src/search/search.ts';
import { Scratch } from '../../src/search/scratch.ts';
import { seedIndex } from '../helpers.ts';

const loaded = seedIndex();
const base = createEngine(loaded, { cache: false });
/** An engine whose scratch memory and cache have never been used (the tables, which queries only read, are shared). */
const freshEngine = () => ({ ...base, scratch: new Scratch(), cache: null });
const words = loaded.corpus.vocabulary.map(([w]) => w).filter((w) => /^\p{Script=Han}{2,6}$/u.test(w));

/** Every shape of query the path has: single words (common and rare), AND, OR, phrases, exclusions, relaxed, filters, date sorts. */
function queries(): SearchParams[] {
  const out: SearchParams[] = [];
  for (let i = 0; i < 60; i++) {
    const [a, b, c] = [words[i], words[(i * 7 + 3) % words.length], words[words.length - 1 - i]];
    out.push({ q: a }, { q: c }, { q: `${a} ${b}` }, { q: `${a} OR ${c}` }, { q: `"${b}"` }, { q: `${a} -${b}` });
    out.push({ q: a, filters: { district: ['罗湖区'] } }, { q: `${b}${c}`, sort: 'date' });
    if (i % 6 === 0) out.push({ q: `关于${a}${b}的${c}意见` }); // long: all words together often find nothing (relaxed)
  }
  return out;
}

function answer(r: SearchResult) {
  const hits = hitPage(r, 0, 60).map((h) => [h.section.key, h.score, h.literal, h.matched ?? null]);
  return { total: r.total, literalCount: r.literalCount, totalDocuments: r.totalDocuments, relaxed: r.relaxed, facets: r.facets, hits };
}

describe('scratch memory reused query after query', () => {
  const list = queries();

  it('gives every query in a long sequence the answer a fresh engine gives it (with and without the cache)', () => {
    expect(list.length).toBeGreaterThan(400);
    const fresh = list.map((p) => answer(search(freshEngine(), p)));
    expect(fresh.some((a) => a.relaxed), 'the sequence should include a relaxed query').toBe(true);
    for (const options of [{ cache: false }, {}]) {
      const reused = createEngine(loaded, options);
      // Twice over, so the second round starts from scratch memory other queries left behind.
      for (let round = 0; round < 2; round++) list.forEach((p, i) => expect(answer(search(reused, p)), `${p.q} (round ${round})`).toEqual(fresh[i]));
    }
  });

  it('a result read after later queries have run still has its own matches (pages are built lazily)', () => {
    const engine = createEngine(loaded, { cache: false });
    const held = list.slice(0, 200).map((p) => search(engine, p));
    held.forEach((r, i) => expect(answer(r), list[i].q).toEqual(answer(search(freshEngine(), list[i]))));
  });

  it('hands out zeroed arrays that do not overlap until reset, and grows to what a query wanted', () => {
    const s = new Scratch();
    s.reset();
    const first = s.f64(10).fill(7);
    s.reset(); // grows: the first round wanted 80 bytes
    const a = s.f64(10);
    const b = s.u8(3);
    expect([...a]).toEqual(new Array(10).fill(0));
    a.fill(1);
    b.fill(2);
    expect([...a]).toEqual(new Array(10).fill(1));
    expect(a.buffer).toBe(b.buffer);
    expect(first.buffer).not.toBe(a.buffer);
  });
});
