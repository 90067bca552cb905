import type { IngestProblem } from '../domain.ts';

/**
 * The index as segments, the way Lucene keeps one. This file is the contract between the writer
 * (`npm run index`: full builds in bounded memory, incremental runs, merges) and the reader (the
 * server's loader and its hot reload).
 *
 * Layout of the index directory:
 *   manifest.json            the current generation: the one file a reader starts from
 *   seg-<id>/                one immutable segment: sections.bin, documents.json, bodies.jsonl, search.jsonl (MiniSearch, the index
 *                            of record), postings.bin, grams.json + grams.bin, and any other per-segment
 *                            file the reader needs — written, fsynced, never changed afterwards
 * Rules:
 * - A generation is published by writing manifest.json.tmp-<pid>, fsyncing and renaming it over
 *   manifest.json: readers see the old generation or the new one, never a mix.
 * - Section ordinals of a loaded generation follow `segments` in order, each segment's sections in
 *   its own order, deleted documents' sections left out (ordinals are dense).
 * - A document is deleted (its file changed or removed) by listing its id in the `deleted` of the
 *   segment that holds it; the replacement, if any, is in a later segment. Segment files are never
 *   rewritten to delete.
 * - Statistics (document frequencies, average field lengths, section count) are those of the live
 *   sections of the whole generation, so a generation scores exactly like MiniSearch built from
 *   scratch over its live sections.
 * - An incremental run reads only this file and the seeds' sizes and times (sha256 when they
 *   differ), so adding a document costs a stat per seed file and this file, never a read of the index.
 * - A reader tells generations apart by `generation` and `builtAt` together (a full rebuild
 *   starts the count again) and reuses the segments it has loaded that the new manifest still lists.
 * - An incremental run publishes its new segment first and folds small segments afterwards, in a
 *   second generation, so a merge never delays new pages.
 * - A merge writes one new segment from the live documents of several, then a manifest without them;
 *   folders no manifest names are removed after the rename (a reader has loaded what it needs into
 *   memory and never reads a segment folder after loading).
 */
export interface SegmentedManifest {
  schemaVersion: number;
  /**
   * Counts publications that change what is served (1 for the first build): the server reloads
   * when it (or builtAt) changes and /healthz shows it. A run that only refreshes file times keeps it.
   */
  generation: number;
  builtAt: string;
  /** In ordinal order. */
  segments: SegmentEntry[];
  /** Every source file indexed, by path relative to the seeds folder. */
  files: Record<string, SourceFile>;
  /** Live counts over all segments. */
  counts: { documents: number; sections: number };
  skipped: IngestProblem[];
}

export interface SegmentEntry {
  /** Folder name in the index directory, e.g. `seg-1763900000000-4242-0`. */
  name: string;
  /** Documents and sections the segment holds, deleted ones included. */
  documents: number;
  sections: number;
  /** Ids of the segment's documents that are no longer served. */
  deleted: string[];
  /** Sections of those documents: the merge policy weighs segments by live sections. */
  deletedSections: number;
}

export interface SourceFile {
  /** sha256 of the file's bytes, hex. */
  hash: string;
  size: number;
  mtimeMs: number;
  /** The document made from the file, or null when it was skipped (see `skipped`). */
  documentId: string | null;
  /** Segment holding that document. */
  segment: string | null;
  /** Sections of that document (0 when skipped): live counts follow deletes without opening a segment. */
  sections: number;
}
