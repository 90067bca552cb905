import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestProblem, PolicyDocument } from '../domain.ts';
import { assembleIndex } from '../index/build-index.ts';
import { documentDate } from '../index/corpus.ts';
import type { PreparedSection } from '../index/prepare-sections.ts';
import type { SegmentEntry } from '../index/segment-manifest.ts';
import { writeSegment } from '../index/write-index.ts';
import { type PreparedFile, prepareFile } from './prepare-files.ts';

/** A run of files (in order) to read and write as segments, on whichever thread takes it. */
export interface BatchTask {
  seedsDir: string;
  indexDir: string;
  /** Each file with the document id it gets (made unique across the whole run before any read). */
  files: { file: string; id: string }[];
  /** Folder name of the batch's first segment; a batch that passes the segment size goes on in `<name>-1`, `<name>-2` … */
  name: string;
  /** A segment is closed once it holds this many sections: what bounds a thread's memory. */
  segmentSections: number;
}

/** What the manifest and the run's log need of one file: never its text. */
export type FileDone =
  | { file: string; problem: IngestProblem }
  | { file: string; id: string; sections: number; departments: string[]; district: string | null; date: string | null; title: string };

export interface BatchDone {
  /** In the batch's order. */
  files: FileDone[];
  /** In the batch's order, each with the files whose documents it holds. */
  segments: { entry: SegmentEntry; files: string[] }[];
}

/** The run was stopped (another batch failed) before this batch was finished; what it wrote is removed. */
export class BatchStopped extends Error {
  override name = 'BatchStopped';
}

/**
 * Reads, ingests and tokenizes the batch's files, assembles them into segments (closed at the
 * segment size) and writes each one: the whole build of a run of files, the same code on the main
 * thread (the sequential reference) and on a worker. A file that cannot be read is reported and
 * skipped; anything thrown removes the segments the batch wrote, then goes on up.
 * Example: 罗湖.txt, 福田.txt, 南山.txt of 40 sections each, segmentSections 64 → segments `<name>` (罗湖, 福田) and `<name>-1` (南山).
 */
export function buildBatch(task: BatchTask, onFile?: (done: FileDone) => void, stopped: () => boolean = () => false): BatchDone {
  const out: BatchDone = { files: [], segments: [] };
  let documents: PolicyDocument[] = [];
  let sections: PreparedSection[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (documents.length === 0) return;
    const name = out.segments.length === 0 ? task.name : `${task.name}-${out.segments.length}`;
    out.segments.push({ entry: writeSegment(task.indexDir, name, assembleIndex(documents, sections)), files: pending });
    [documents, sections, pending] = [[], [], []];
  };
  try {
    for (const { file, id } of task.files) {
      if (stopped()) throw new BatchStopped(`stopped before ${file}`);
      const done = addFile(prepareFile(task.seedsDir, file), id);
      out.files.push(done);
      onFile?.(done);
      if (sections.length >= task.segmentSections) flush();
    }
    flush();
  } catch (error) {
    for (const s of out.segments) rmSync(join(task.indexDir, s.entry.name), { recursive: true, force: true });
    throw error;
  }
  return out;

  function addFile(prepared: PreparedFile, id: string): FileDone {
    if ('problem' in prepared) return { file: prepared.file, problem: prepared.problem };
    const named = withId(prepared, id);
    documents.push(named.document);
    sections.push(...named.sections);
    pending.push(prepared.file);
    const d = named.document;
    const departments = [...new Set(d.sections.flatMap((s) => [...s.departments.lead, ...s.departments.assist]))];
    return { file: prepared.file, id, sections: named.sections.length, departments, district: d.meta.district ?? null, date: documentDate(d.meta) ?? null, title: d.meta.title };
  }
}

/** A document renamed (its id made unique): its sections' records carry the id in their keys. */
function withId(item: Extract<PreparedFile, { document: PolicyDocument }>, id: string): { document: PolicyDocument; sections: PreparedSection[] } {
  if (item.document.id === id) return item;
  return {
    document: { ...item.document, id },
    sections: item.sections.map((s) => ({ ...s, record: { ...s.record, docId: id, key: `${id}#${s.record.sectionId}` } })),
  };
}
