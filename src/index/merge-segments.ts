import { join } from 'node:path';
import { assembleIndex } from './build-index.ts';
import type { Manifest } from './index-store.ts';
import { prepareSections } from './prepare-sections.ts';
import type { SegmentEntry } from './segment-manifest.ts';
import { readSegmentFiles } from './segment-files.ts';
import { writeSegment } from './write-index.ts';

/**
 * Folds each group of segments into one new segment re-assembled from their live documents (the
 * documents the segment stores; deleted ones dropped for good), and returns the manifest that
 * lists it in the group's place. Nothing is published and no folder removed here: the caller
 * publishes, and publishing removes the folded folders.
 * Example: segments [A (罗湖 deleted), B (福田), C (南山)], groups [[B, C]] → [A, D] with D holding 福田 and 南山.
 */
export function mergeSegments(dir: string, manifest: Manifest, groups: string[][], nextName: () => string): Manifest {
  let segments = manifest.segments;
  const moved = new Map<string, string>();
  for (const group of groups) {
    const entries = group.map((name) => segments.find((s) => s.name === name)).filter((s): s is SegmentEntry => s !== undefined);
    const documents = entries.flatMap((entry) => {
      const deleted = new Set(entry.deleted);
      return readSegmentFiles(join(dir, entry.name)).corpus.documents.filter((d) => !deleted.has(d.id));
    });
    const at = segments.findIndex((s) => s.name === group[0]);
    const rest = segments.slice(at).filter((s) => !group.includes(s.name));
    if (documents.length === 0) {
      segments = [...segments.slice(0, at), ...rest]; // nothing live: the group just goes
      continue;
    }
    const merged = writeSegment(dir, nextName(), assembleIndex(documents, prepareSections(documents)));
    for (const name of group) moved.set(name, merged.name);
    segments = [...segments.slice(0, at), merged, ...rest];
  }
  const files = Object.fromEntries(
    Object.entries(manifest.files).map(([file, f]) => [file, f.segment && moved.has(f.segment) ? { ...f, segment: moved.get(f.segment)! } : f]),
  );
  return { ...manifest, segments, files };
}
