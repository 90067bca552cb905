import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gallop, intersectRange } from '../../src/index/gallop.ts';
import { topMatches } from '../../src/search/top-k.ts';

const ascending = fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }).map((a) => Uint32Array.from(a.sort((x, y) => x - y)));

describe('galloping search and intersection', () => {
  it('gallop finds the first position ≥ the value within the range, as a linear scan does', () => {
    fc.assert(
      fc.property(ascending, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 210 }), (list, a, b, value) => {
        const from = list.length === 0 ? 0 : a % (list.length + 1);
        const to = from + (list.length - from === 0 ? 0 : b % (list.length - from + 1));
        let expected = from;
        while (expected < to && list[expected] < value) expected++;
        expect(gallop(list, from, to, value)).toBe(expected);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('intersectRange equals a set intersection with the range of the list', () => {
    fc.assert(
      fc.property(ascending, ascending, fc.nat(), (small, list, a) => {
        const from = list.length === 0 ? 0 : a % (list.length + 1);
        const range = new Set(list.subarray(from));
        expect([...intersectRange(small, list, from, list.length)]).toEqual([...small].filter((v) => range.has(v)));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

describe('top-k collector', () => {
  it('keeps the k best by score, then tie group, then ordinal, as a full sort would, with the exact total', () => {
    const match = fc.record({ score: fc.integer({ min: 0, max: 5 }), group: fc.integer({ min: 0, max: 1 }) });
    fc.assert(
      fc.property(fc.array(match, { maxLength: 50 }), fc.integer({ min: 0, max: 60 }), (rows, k) => {
        const m = { ordinals: Uint32Array.from(rows, (_, i) => i * 3), scores: Float64Array.from(rows, (r) => r.score), tieGroup: Uint8Array.from(rows, (r) => r.group) };
        const sorted = rows.map((r, i) => ({ ...r, ordinal: i * 3 })).sort((x, y) => y.score - x.score || x.group - y.group || x.ordinal - y.ordinal);
        const top = topMatches(m, k);
        expect(top.total).toBe(rows.length);
        expect([...top.ordinals]).toEqual(sorted.slice(0, k).map((r) => r.ordinal));
        expect([...top.scores]).toEqual(sorted.slice(0, k).map((r) => r.score));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
