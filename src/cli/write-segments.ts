import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestProblem } from '../domain.ts';
import { documentId } from '../ingest/ingest-document.ts';
import type { SegmentEntry, SourceFile } from '../index/segment-manifest.ts';
import { type BatchDone, type BatchTask, type FileDone, buildBatch } from '../pipeline/build-batch.ts';
import { buildBatchesInParallel } from '../pipeline/build-batches-in-parallel.ts';
import { BYTES_PER_SECTION, planBatches } from '../pipeline/plan-batches.ts';
import { uniqueId } from '../pipeline/read-seeds.ts';

export interface SegmentsWritten {
  segments: SegmentEntry[];
  /** The files read, as the manifest lists them. */
  files: Record<string, SourceFile>;
  skipped: IngestProblem[];
}

export interface WriteOptions {
  seedsDir: string;
  /** Hash, size and time of each file to be read (taken before reading it). */
  stamps: ReadonlyMap<string, Omit<SourceFile, 'documentId' | 'segment' | 'sections'>>;
  /** Ids changed files keep (stable URLs); the other files get their id made unique against `taken`. */
  keepIds: ReadonlyMap<string, string>;
  taken: Set<string>;
  /** A segment is written once it holds this many sections: what bounds the build's memory. */
  segmentSections: number;
  nextName: () => string;
  /** Batches are built on this many worker threads; 0: one after the other on this thread. */
  workers: number;
  /** Threads the batches are cut for (the worker count of a parallel run; kept by a sequential one to write the same segments). */
  plannedFor: number;
  /** Each file as soon as it is done (progress). */
  onProgress?: () => void;
  /** Each file, in the order given. */
  onFile?: (done: FileDone) => void;
}

/**
 * Reads the files and writes them as segments of bounded size, in batches cut by size before any
 * file is read: ids made unique, batches planned, then each batch built whole (on a worker thread,
 * or here) and only its summary kept. Segments hold the documents in the files' order whichever
 * thread built them, and the batches depend only on sizes and `plannedFor`: a sequential run
 * planned for the same count writes the same segments.
 * Example: 罗湖.txt, 福田.txt, 南山.txt of 40 sections each, segmentSections 64, one batch → segments (罗湖, 福田), (南山).
 */
export async function writeSegments(dir: string, files: string[], options: WriteOptions): Promise<SegmentsWritten> {
  const stamp = (file: string) => {
    const s = options.stamps.get(file);
    if (!s) throw new Error(`${file} is to be read but was not stamped`);
    return s;
  };
  const ids = files.map((file) => ({ file, id: options.keepIds.get(file) ?? uniqueId(documentId(file), options.taken) }));
  for (const { id } of ids) options.taken.add(id);
  const plan = planBatches(files.map((f) => stamp(f).size), options.segmentSections * BYTES_PER_SECTION, Math.max(1, options.plannedFor));
  const tasks: BatchTask[] = plan.map((batch) => ({ seedsDir: options.seedsDir, indexDir: dir, files: batch.map((i) => ids[i]), name: options.nextName(), segmentSections: options.segmentSections }));
  const out: SegmentsWritten = { segments: [], files: {}, skipped: [] };
  try {
    for await (const done of batchesDone(tasks, options)) {
      const segmentOf = new Map(done.segments.flatMap((s) => s.files.map((file) => [file, s.entry.name] as const)));
      for (const f of done.files) {
        options.onFile?.(f);
        if ('problem' in f) out.skipped.push(f.problem);
        out.files[f.file] = 'problem' in f ? { ...stamp(f.file), documentId: null, segment: null, sections: 0 } : { ...stamp(f.file), documentId: f.id, segment: segmentOf.get(f.file) ?? null, sections: f.sections };
      }
      out.segments.push(...done.segments.map((s) => s.entry));
    }
  } catch (error) {
    for (const s of out.segments) rmSync(join(dir, s.name), { recursive: true, force: true });
    throw error;
  }
  return out;
}

async function* batchesDone(tasks: BatchTask[], options: WriteOptions): AsyncGenerator<BatchDone> {
  if (options.workers > 0) {
    yield* buildBatchesInParallel(tasks, { workers: options.workers, onFile: options.onProgress });
    return;
  }
  for (const task of tasks) yield buildBatch(task, options.onProgress);
}
