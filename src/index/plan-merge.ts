import type { SegmentEntry } from './segment-manifest.ts';

export interface MergePolicy {
  /** The most live sections a merged segment may hold (the build's segment size: bounded memory). */
  segmentSections: number;
  /** Merge on its own once more than this many segments are small (under a quarter of the size). */
  maxSmall: number;
  /** `npm run index -- --merge`: fold every run that fits, and rewrite segments with deletes. */
  force: boolean;
}

/** Live sections of a segment. Example: 120 sections, a deleted document of 20 → 100. */
const liveSections = (s: SegmentEntry) => s.sections - s.deletedSections;

/**
 * Which segments to fold, as runs of neighbours (ordinal order is kept), each run's live sections
 * within the segment size. Left alone, small segments (incremental runs) are folded only once
 * more than `maxSmall` of them pile up, so most runs write one small segment and nothing else.
 * Example: sizes [50000, 30, 12, 8 …(10 small)], segmentSections 50000 → [[the 10 small ones]].
 */
export function planMerge(segments: SegmentEntry[], policy: MergePolicy): string[][] {
  const small = (s: SegmentEntry) => liveSections(s) < policy.segmentSections / 4;
  if (!policy.force && segments.filter(small).length <= policy.maxSmall) return [];
  const eligible = policy.force ? () => true : small;
  const groups: string[][] = [];
  let run: SegmentEntry[] = [];
  let size = 0;
  const close = () => {
    if (run.length > 1 || (policy.force && run.length === 1 && run[0].deleted.length > 0)) groups.push(run.map((s) => s.name));
    run = [];
    size = 0;
  };
  for (const s of segments) {
    if (!eligible(s) || size + liveSections(s) > policy.segmentSections) close();
    if (!eligible(s)) continue;
    run.push(s);
    size += liveSections(s);
  }
  close();
  return groups;
}
