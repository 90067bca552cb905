import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBatches } from '../../src/pipeline/plan-batches.ts';

describe('planBatches', () => {
  it('cuts files into contiguous batches by size, a multiple of the workers', () => {
    expect(planBatches([4, 4, 4, 4, 4, 4], 12, 2)).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(planBatches([4, 4, 4, 4, 4, 4], 8, 2)).toEqual([[0, 1], [2], [3, 4], [5]]);
    expect(planBatches([4, 4, 4, 4, 4, 4], 8, 1)).toEqual([[0, 1], [2, 3], [4, 5]]);
  });

  it('keeps a run under one batch whole, and makes no empty batch', () => {
    expect(planBatches([3, 4], 100, 2)).toEqual([[0, 1]]);
    expect(planBatches([100, 1], 10, 2)).toEqual([[0], [1]]);
    expect(planBatches([], 10, 2)).toEqual([]);
    expect(planBatches([0, 0, 0], 10, 2)).toEqual([[0, 1, 2]]);
  });

  it('always lists every file once, in order, in at most the batches needed rounded up to the workers', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 60 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 4 }), (sizes, budget, workers) => {
        const batches = planBatches(sizes, budget, workers);
        expect(batches.flat()).toEqual(sizes.map((_, i) => i));
        for (const b of batches) expect(b.length).toBeGreaterThan(0);
        const total = sizes.reduce((s, n) => s + n, 0);
        expect(batches.length).toBeLessThanOrEqual(Math.max(1, workers * Math.ceil(Math.ceil(total / budget) / workers)));
      }),
    );
  });
});
