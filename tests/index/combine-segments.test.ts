import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { assembleIndex } from '../../src/index/build-index.ts';
import { combinePostings } from '../../src/index/combine-postings.ts';
import { combineSegments } from '../../src/index/combine-segments.ts';
import { type CompiledPostings, compilePostings } from '../../src/index/compiled-postings.ts';
import { containsText } from '../../src/index/corpus.ts';
import { prepareSections } from '../../src/index/prepare-sections.ts';
import { type IndexEntry, MINISEARCH_OPTIONS, SEARCH_FIELDS, FIELD_BOOST, WORD_SEPARATOR } from '../../src/index/schema.ts';
import { createEngine, search } from '../../src/search/search.ts';
import { searchWords } from '../../src/search/word-executor.ts';
import { topMatches } from '../../src/search/top-k.ts';
import { seedIndex } from '../helpers.ts';

type Section = { heading: string[]; body: string[]; fields: string[] };

function miniSearchOf(sections: Section[], keys: string[]) {
  const index = new MiniSearch<IndexEntry>(MINISEARCH_OPTIONS);
  sections.forEach((s, i) => index.add({ id: keys[i], heading: s.heading.join(WORD_SEPARATOR), body: s.body.join(WORD_SEPARATOR), fields: s.fields.join(WORD_SEPARATOR) }));
  return index;
}

/** Plain arrays, so typed arrays of different widths compare by value. */
function plain(p: CompiledPostings) {
  return { ...p, averageFieldLength: [...p.averageFieldLength], fieldLength: p.fieldLength.map((a) => [...a]), termChars: [...p.termChars], termStart: [...p.termStart], postingStart: [...p.postingStart], documentFrequency: p.documentFrequency.map((a) => [...a]), ordinals: [...p.ordinals], termFrequency: p.termFrequency.map((a) => [...a]) };
}

const ALPHABET = [...'城市更新发展规划建设改革区局'];
const token = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 3 });
const corpus = fc.uniqueArray(token, { minLength: 1, maxLength: 20 }).chain((vocabulary) => {
  const pick = fc.constantFrom(...vocabulary);
  const section = fc.record({ heading: fc.array(pick, { maxLength: 4 }), body: fc.array(pick, { maxLength: 40 }), fields: fc.oneof({ arbitrary: fc.constant<string[]>([]), weight: 3 }, { arbitrary: fc.array(pick, { maxLength: 6 }), weight: 1 }) });
  return fc.record({
    sections: fc.array(section, { minLength: 1, maxLength: 40 }),
    cuts: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
    // Mostly live, so whole segments without deletes (copied in bulk) occur as well as filtered ones.
    dead: fc.array(fc.integer({ min: 0, max: 7 }).map((x) => x === 0), { minLength: 40, maxLength: 40 }),
    queries: fc.array(fc.array(pick, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
  });
});

describe('combinePostings', () => {
  it('over random segments with random deletions equals postings compiled from a MiniSearch built over the live sections, and ranks as it does', () => {
    fc.assert(
      fc.property(corpus, ({ sections, cuts, dead, queries }) => {
        const keys = sections.map((_, i) => `d${i}#s0`);
        const bounds = [...new Set([0, ...cuts.filter((c) => c < sections.length), sections.length])].sort((a, b) => a - b);
        const parts = bounds.slice(1).map((end, k) => {
          const start = bounds[k];
          const ks = keys.slice(start, end);
          const live = Uint8Array.from(ks, (_, i) => (dead[start + i] ? 0 : 1));
          return { postings: compilePostings(miniSearchOf(sections.slice(start, end), ks), ks), live: live.every((x) => x === 1) ? null : live };
        });
        const liveSections = sections.filter((_, i) => !dead[i]);
        const liveKeys = keys.filter((_, i) => !dead[i]);
        const combined = combinePostings(parts);
        if (liveSections.length === 0) {
          expect(combined.ordinalCount).toBe(0);
          return;
        }
        const fresh = miniSearchOf(liveSections, liveKeys);
        expect(plain(combined)).toEqual(plain(compilePostings(fresh, liveKeys)));
        const ordinalOf = new Map(liveKeys.map((k, i) => [k, i]));
        for (const q of queries) {
          const expected = fresh.search({ combineWith: 'AND', queries: q }, { fields: SEARCH_FIELDS, boost: FIELD_BOOST, prefix: false, fuzzy: false });
          const got = topMatches(searchWords(combined, q), Infinity);
          expect([...got.ordinals]).toEqual(expected.map((r) => ordinalOf.get(r.id)));
          got.scores.forEach((s, i) => expect(Math.abs(s - expected[i].score)).toBeLessThanOrEqual(1e-9));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('combineSegments', () => {
  const seed = seedIndex();
  const documents = seed.corpus.documents;
  const prepared = prepareSections(documents);
  const segmentOf = (ids: string[]) => {
    // In the order given: a fresh index over the live documents adds them in combined order.
    const docs = ids.map((id) => documents.find((d) => d.id === id)!);
    const built = assembleIndex(docs, ids.flatMap((id) => prepared.filter((p) => p.record.docId === id)));
    return { ...built, postings: compilePostings(built.index, built.corpus.sections.map((s) => s.key)) };
  };
  const ids = documents.map((d) => d.id);
  const queries = ['城市更新', '发展', '改革 创新', '"城市更新"', '住房 -罗湖', '棚户区改造', '水务', '区'];

  it('serves the live documents of random segments exactly as an index built from scratch over them: hits, scores, literal band, facets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(ids, { minLength: 1 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.subarray(ids), { minLength: 4, maxLength: 4 }),
        (segments, deletions) => {
          // A document is live in the last segment holding it; earlier copies are deleted, plus random deletions.
          const lastHolder = new Map<string, number>();
          segments.forEach((s, k) => s.forEach((id) => lastHolder.set(id, k)));
          const parts = segments.map((s, k) => ({ segment: segmentOf(s), deleted: new Set(s.filter((id) => lastHolder.get(id) !== k || deletions[k].includes(id))) }));
          const liveIds = segments.flatMap((s, k) => s.filter((id) => !parts[k].deleted.has(id)));
          const combined = combineSegments(parts);
          expect(combined.corpus.sections.map((s) => s.key)).toEqual(liveIds.flatMap((id) => documents.find((d) => d.id === id)!.sections.map((s) => `${id}#${s.id}`)));
          if (liveIds.length === 0) return;
          const fresh = createEngine(segmentOf(liveIds), { cache: false });
          const engine = createEngine(combined, { cache: false });
          for (const q of queries) {
            const a = search(engine, { q });
            const b = search(fresh, { q });
            expect(a.hits.map((h) => h.section.key)).toEqual(b.hits.map((h) => h.section.key));
            a.hits.forEach((h, i) => expect(Math.abs(h.score - b.hits[i].score)).toBeLessThanOrEqual(1e-9));
            expect([a.literalCount, a.totalDocuments, a.facets]).toEqual([b.literalCount, b.totalDocuments, b.facets]);
            if (!q.includes(' ') && !q.startsWith('"')) {
              // The literal band is exactly the live sections containing the string (brute force).
              const containing = combined.corpus.sections.filter((s) => containsText(s, q)).map((s) => s.key).sort();
              expect(a.hits.slice(0, a.literalCount).map((h) => h.section.key).sort()).toEqual(containing);
            }
          }
        },
      ),
      { numRuns: 10 },
    );
  });
});
