/**
 * Source bytes taken to make one section, on the low side (the generated 100k corpus takes 566
 * bytes a section, the five seed pages 825): a batch of `segmentSections × BYTES_PER_SECTION` bytes
 * then usually makes one segment somewhat under the size, rather than a full one and a small
 * remainder (small segments pile up towards a merge).
 */
export const BYTES_PER_SECTION = 450;

/**
 * Cuts files (in order) into contiguous batches by size, one segment's worth each, known before
 * any file is read so that each batch can be built on its own thread and the segments still hold
 * the documents in file order. The batch count is rounded up to a multiple of `workers` and the
 * bytes shared evenly, so no core waits alone on a last batch; a run under one batch's worth stays
 * one batch. Depends only on the sizes, the
 * budget and the worker count: the same seeds make the same batches.
 * Example: sizes [4, 4, 4, 4, 4, 4], 12 bytes a batch, 2 workers → [[0, 1, 2], [3, 4, 5]].
 */
export function planBatches(sizes: number[], batchBytes: number, workers = 1): number[][] {
  if (sizes.length === 0) return [];
  const total = sizes.reduce((sum, n) => sum + n, 0);
  const step = Math.max(1, workers);
  const needed = Math.max(1, Math.ceil(total / Math.max(1, batchBytes)));
  // A run under one segment's worth stays one segment (an incremental run adds one small segment).
  const count = Math.min(sizes.length, needed === 1 ? 1 : step * Math.ceil(needed / step));
  const batches: number[][] = [];
  let batch: number[] = [];
  let bytes = 0;
  for (const [i, size] of sizes.entries()) {
    batch.push(i);
    bytes += size;
    // Cut where the running total passes the next even share: one big file does not shift every later cut.
    if (batches.length < count - 1 && bytes >= (total * (batches.length + 1)) / count) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
