import type { IngestProblem } from '../domain.ts';
import type { SegmentedManifest, SourceFile } from './segment-manifest.ts';

/** A seed file as listed: its name and what a stat gives. */
export interface FileStat {
  file: string;
  size: number;
  mtimeMs: number;
}

export interface UpdatePlan {
  /** Files kept as indexed, with their times refreshed where only the times changed. */
  kept: Record<string, SourceFile>;
  /** Files to read: new or changed; `id` is the document id a changed file keeps. */
  read: { file: string; hash: string; size: number; mtimeMs: number; id: string | null }[];
  removed: string[];
  /** Document ids to list as deleted, and their sections, by segment. */
  deletes: Map<string, { ids: string[]; sections: number }>;
  /** Skip reasons still true (their files unchanged). */
  skipped: IngestProblem[];
  /** Only file times changed: the manifest should be refreshed, nothing else. */
  touched: boolean;
}

/**
 * Compares the seeds folder with the manifest's files: a file whose size and time match is
 * unchanged without reading it; otherwise its sha256 (`hashOf`, called only then) decides.
 * Example: manifest {罗湖.txt, 福田.txt}, folder {罗湖.txt (same), 福田.txt (edited), 南山.txt} →
 * read [福田.txt (keeps the id 福田), 南山.txt], deletes {福田's segment: { ids: ['福田'], sections: 福田's sections }}.
 */
export function planUpdate(manifest: SegmentedManifest, listing: FileStat[], hashOf: (file: string) => string): UpdatePlan {
  const plan: UpdatePlan = { kept: {}, read: [], removed: [], deletes: new Map(), skipped: [], touched: false };
  const drop = (old: SourceFile) => {
    if (old.documentId === null || old.segment === null) return;
    const d = plan.deletes.get(old.segment) ?? { ids: [], sections: 0 };
    plan.deletes.set(old.segment, { ids: [...d.ids, old.documentId], sections: d.sections + old.sections });
  };
  const listed = new Set(listing.map((f) => f.file));
  for (const { file, size, mtimeMs } of listing) {
    const old = manifest.files[file];
    if (old && old.size === size && old.mtimeMs === mtimeMs) {
      plan.kept[file] = old;
      continue;
    }
    const hash = hashOf(file);
    if (old && old.hash === hash) {
      plan.kept[file] = { ...old, size, mtimeMs };
      plan.touched = true;
      continue;
    }
    if (old) drop(old);
    plan.read.push({ file, hash, size, mtimeMs, id: old?.documentId ?? null });
  }
  for (const [file, old] of Object.entries(manifest.files)) {
    if (listed.has(file)) continue;
    plan.removed.push(file);
    drop(old);
  }
  plan.skipped = manifest.skipped.filter((p) => p.file in plan.kept);
  return plan;
}
