import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { compilePostings, type CompiledPostings } from '../../src/index/compiled-postings.ts';
import { FIELD_BOOST, type IndexEntry, MINISEARCH_OPTIONS, SEARCH_FIELDS, WORD_SEPARATOR, encodeTerm } from '../../src/index/schema.ts';
import { tokenizeNormalized } from '../../src/segment/tokenize.ts';
import { matchTerms, searchWords } from '../../src/search/word-executor.ts';
import { topMatches } from '../../src/search/top-k.ts';
import { seedIndex } from '../helpers.ts';

const SEED = 20260315;

type Boost = Readonly<Record<string, number>>;

/** MiniSearch's answer to what `wordSearch` asks, as [ordinal, score] in its result order. */
function miniSearchRanking(index: MiniSearch<IndexEntry>, ordinalOf: Map<string, number>, keys: readonly string[], tokens: string[], boost: Boost, allowed?: Uint32Array) {
  const allowedKeys = allowed && new Set([...allowed].map((o) => keys[o]));
  const results = index.search(
    { combineWith: 'AND', queries: tokens },
    { fields: SEARCH_FIELDS, boost, prefix: false, fuzzy: false, ...(allowedKeys ? { boostDocument: (id: string) => (allowedKeys.has(id) ? 1 : 0) } : {}) },
  );
  return results.map((r) => [ordinalOf.get(r.id)!, r.score] as const);
}

/** The executor as the query path will call it (searchWords), or matchTerms for other boosts. */
function executor(p: CompiledPostings, tokens: string[], boost: Boost, allowed?: Uint32Array) {
  if (boost === FIELD_BOOST) return searchWords(p, tokens, allowed);
  return matchTerms(p, tokens.map(encodeTerm), { fields: SEARCH_FIELDS, boost, allowed });
}

/** Asserts the compiled executor ranks exactly as MiniSearch: same sections, same order, scores within 1e-9. */
function expectSameRanking(p: CompiledPostings, index: MiniSearch<IndexEntry>, ordinalOf: Map<string, number>, keys: readonly string[], tokens: string[], boost: Boost = FIELD_BOOST, allowed?: Uint32Array) {
  const expected = miniSearchRanking(index, ordinalOf, keys, tokens, boost, allowed);
  const matches = executor(p, tokens, boost, allowed);
  const ranked = topMatches(matches, Infinity);
  const where = `query ${JSON.stringify(tokens)}, boost ${JSON.stringify(boost)}${allowed ? `, within ${allowed.length} allowed` : ''} (see src/search/word-executor.ts)`;
  expect(ranked.total, `match count for ${where}`).toBe(expected.length);
  expect([...ranked.ordinals], `order for ${where}`).toEqual(expected.map(([o]) => o));
  ranked.scores.forEach((s, i) => expect(Math.abs(s - expected[i][1]), `score of rank ${i} for ${where}`).toBeLessThanOrEqual(1e-9));
  return { expected, matches };
}

// Chinese-like tokens from a small alphabet, so tokens repeat within and across sections.
const ALPHABET = [...'城市更新发展规划建设改革区局'];
const token = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 3 });
const corpus = fc.uniqueArray(token, { minLength: 1, maxLength: 25 }).chain((vocabulary) => {
  const pick = fc.constantFrom(...vocabulary);
  // `fields` (title, 文号 …) is held by a document's first section only: mostly empty.
  const varied = fc.record({ heading: fc.array(pick, { maxLength: 4 }), body: fc.array(pick, { maxLength: 60 }), fields: fc.oneof({ arbitrary: fc.constant<string[]>([]), weight: 3 }, { arbitrary: fc.array(pick, { maxLength: 6 }), weight: 1 }) });
  // One word in each field: equal lengths, so a section with the word in its heading can tie with
  // one holding it in the body, which exercises MiniSearch's tie order.
  const oneWordEach = fc.record({ heading: fc.tuple(pick), body: fc.tuple(pick) });
  const section = fc.oneof({ arbitrary: varied, weight: 3 }, { arbitrary: oneWordEach, weight: 1 });
  // Queries: 1–3 tokens, mostly present, sometimes absent (a token no section holds, another script, empty).
  const queryToken = fc.oneof({ arbitrary: pick, weight: 4 }, { arbitrary: fc.constantFrom('甲乙', 'pm2.5', '', ALPHABET.join('')), weight: 1 });
  return fc.record({
    sections: fc.oneof(fc.array(section, { minLength: 1, maxLength: 40 }), fc.array(oneWordEach, { minLength: 2, maxLength: 8 })),
    queries: fc.array(fc.array(queryToken, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
    allowedBits: fc.array(fc.boolean(), { maxLength: 40 }),
    k: fc.integer({ min: 0, max: 12 }),
    // Equal boosts make sections with the term in the heading tie with ones holding it in the body.
    boost: fc.constantFrom<Boost>(FIELD_BOOST, { heading: 1, body: 1, fields: 1 }, { heading: 0.5, body: 2, fields: 3 }),
  });
});

function build(sections: { heading: string[]; body: string[]; fields?: string[] }[]) {
  const keys = sections.map((_, i) => `d${String(i).padStart(3, '0')}#s${i}`);
  const index = new MiniSearch<IndexEntry>(MINISEARCH_OPTIONS);
  sections.forEach((s, i) => index.add({ id: keys[i], heading: s.heading.join(WORD_SEPARATOR), body: s.body.join(WORD_SEPARATOR), fields: (s.fields ?? []).join(WORD_SEPARATOR) }));
  return { keys, index, ordinalOf: new Map(keys.map((k, i) => [k, i])), postings: compilePostings(index, keys) };
}

describe('compiled postings rank exactly as MiniSearch', () => {
  it('on random corpora and random 1–3-token queries, with and without an allowed bound, and top-k is a prefix of the full ranking', () => {
    fc.assert(
      fc.property(corpus, ({ sections, queries, allowedBits, k, boost }) => {
        const { keys, index, ordinalOf, postings } = build(sections);
        const allowed = Uint32Array.from(allowedBits.flatMap((bit, i) => (bit && i < sections.length ? [i] : [])));
        for (const tokens of queries) {
          const { expected, matches } = expectSameRanking(postings, index, ordinalOf, keys, tokens, boost);
          expectSameRanking(postings, index, ordinalOf, keys, tokens, boost, allowed);
          const top = topMatches(matches, k);
          expect(top.total).toBe(expected.length);
          expect([...top.ordinals]).toEqual(expected.slice(0, k).map(([o]) => o));
        }
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('compiles the same postings from a MiniSearch loaded from its JSON as from the built one', () => {
    fc.assert(
      fc.property(corpus, ({ sections }) => {
        const { keys, index, postings } = build(sections);
        const loaded = MiniSearch.loadJSON<IndexEntry>(JSON.stringify(index), MINISEARCH_OPTIONS);
        expect(compilePostings(loaded, keys)).toEqual(postings);
      }),
      { numRuns: 50, seed: SEED },
    );
  });

  it('on the seed index: every indexed term alone, every completion word, and each section’s first three body words together', () => {
    const { corpus: c, index } = seedIndex();
    const keys = c.sections.map((s) => s.key);
    const ordinalOf = new Map(keys.map((k, i) => [k, i]));
    const postings = compilePostings(index, keys);
    const terms = postings.termStart.length - 1;
    expect(terms).toBeGreaterThan(1000);
    for (let t = 0; t < terms; t++) {
      const encoded = String.fromCharCode(...postings.termChars.subarray(postings.termStart[t], postings.termStart[t + 1]));
      const { expected } = expectSameRanking(postings, index, ordinalOf, keys, [decodeTerm(encoded)]);
      expect(expected.length, `term ${t} is in the index, so it matches`).toBeGreaterThan(0);
    }
    for (const [word] of c.vocabulary) expectSameRanking(postings, index, ordinalOf, keys, [word]);
    for (const s of c.sections) {
      // The words build-index.ts indexed for this body: the query must at least find this section.
      const words = [...new Set(tokenizeNormalized(s.folded))].slice(0, 3);
      if (words.length === 0) continue;
      const { expected } = expectSameRanking(postings, index, ordinalOf, keys, words);
      expect(expected.map(([o]) => o)).toContain(ordinalOf.get(s.key));
    }
  });

  it('breaks equal scores as MiniSearch does: sections holding the last word in the heading first, then by ordinal', () => {
    const { keys, index, ordinalOf, postings } = build([
      { heading: ['更新'], body: ['城市'] },
      { heading: ['城市'], body: ['更新'] },
    ]);
    const { expected } = expectSameRanking(postings, index, ordinalOf, keys, ['城市'], { heading: 1, body: 1 });
    expect(expected[0][1]).toBe(expected[1][1]);
    expect(expected.map(([o]) => o)).toEqual([1, 0]);
  });

  it('fails when a BM25 parameter differs from MiniSearch’s (the comparison can fail)', () => {
    const { keys, index, ordinalOf, postings } = build([
      { heading: ['城市'], body: ['城市', '更新', '更新'] },
      { heading: [], body: ['城市', '发展', '规划', '建设', '改革'] },
    ]);
    const wrongB: CompiledPostings = { ...postings, bm25: { ...postings.bm25, b: 0.75 } };
    expect(() => expectSameRanking(wrongB, index, ordinalOf, keys, ['城市'])).toThrow(/score of rank/);
  });
});

/** Inverse of encodeTerm: two Latin-1 characters per UTF-16 unit. */
function decodeTerm(encoded: string): string {
  let out = '';
  for (let i = 0; i < encoded.length; i += 2) out += String.fromCharCode((encoded.charCodeAt(i) << 8) | encoded.charCodeAt(i + 1));
  return out;
}

