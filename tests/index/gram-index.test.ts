import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSeeds } from '../../src/pipeline/read-seeds.ts';
import { buildGramIndex, serializeGramIndex } from '../../src/index/gram-index.ts';
import { sectionRecords } from '../../src/index/section-records.ts';

/** The reference: the index as first written, one string per character read. */
function referenceGrams(texts: string[]): Map<string, number[]> {
  const growing = new Map<string, number[]>();
  const add = (gram: string, ordinal: number) => {
    const list = growing.get(gram);
    if (!list) growing.set(gram, [ordinal]);
    else if (list[list.length - 1] !== ordinal) list.push(ordinal);
  };
  texts.forEach((text, ordinal) => {
    let previous = '';
    for (const c of text) {
      if (!/\p{Script=Han}/u.test(c)) {
        previous = '';
        continue;
      }
      add(c, ordinal);
      if (previous) add(previous + c, ordinal);
      previous = c;
    }
  });
  return growing;
}

/** Grams and lists in the order they are written: the order is part of the file. */
const entries = (texts: string[]) => [...buildGramIndex(texts).lists].map(([gram, list]) => [gram, [...list]]);

// BMP Han, an astral Han character (𠀀), an astral non-Han one (😀), lone surrogates, Latin, space.
const POOL = [...'城市更新发展区罗湖', '𠀀', '😀', '\ud800', '\udc00', 'a', '1', ' ', '，', '\uf900'];

describe('buildGramIndex', () => {
  it('lists the same grams, in the same order, as the reference on the seeds', () => {
    const texts = sectionRecords(readSeeds('seeds').documents).map((r) => r.folded);
    expect(entries(texts)).toEqual([...referenceGrams(texts)]);
  });

  it('lists the same grams as the reference for random texts with astral characters and lone surrogates', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...POOL), { maxLength: 10 }).map((cs) => cs.join('')), { maxLength: 5 }), (texts) => {
        expect(entries(texts)).toEqual([...referenceGrams(texts)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('indexes characters and pairs (triple)', () => {
    expect(serializeGramIndex(buildGramIndex(['城市更新', '更新𠀀'])).table).toEqual({
      terms: ['城', '市', '城市', '更', '市更', '新', '更新', '𠀀', '新𠀀'],
      lengths: [1, 1, 1, 2, 1, 2, 2, 1, 1],
    });
  });
});
