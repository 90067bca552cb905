import type { IngestProblem, PolicyDocument } from '../domain.ts';
import { assembleIndex } from '../index/build-index.ts';
import type { PreparedSection } from '../index/prepare-sections.ts';
import type { SegmentEntry, SourceFile } from '../index/segment-manifest.ts';
import { writeSegment } from '../index/write-index.ts';
import type { PreparedFile } from '../pipeline/prepare-files.ts';
import { uniqueId } from '../pipeline/read-seeds.ts';

export interface SegmentsWritten {
  segments: SegmentEntry[];
  /** The files read, as the manifest lists them. */
  files: Record<string, SourceFile>;
  skipped: IngestProblem[];
}

export interface WriteOptions {
  /** Hash, size and time of each file to be read (taken before reading it). */
  stamps: ReadonlyMap<string, Omit<SourceFile, 'documentId' | 'segment' | 'sections'>>;
  /** Ids changed files keep (stable URLs); the other files get their ingest id made unique against `taken`. */
  keepIds: ReadonlyMap<string, string>;
  taken: Set<string>;
  /** A segment is written once it holds this many sections: what bounds the build's memory. */
  segmentSections: number;
  nextName: () => string;
  onFile?: (file: PreparedFile) => void;
}

/**
 * Consumes prepared files in order and writes them as segments of bounded size: documents and
 * their prepared sections are held only until their segment is written, so memory follows the
 * segment size, not the corpus. Ids are made unique across files here.
 * Example: 罗湖.txt, 福田.txt, 南山.txt of 40 sections each, segmentSections 64 → two segments (80 and 40 sections).
 */
export async function writeSegments(dir: string, prepared: AsyncIterable<PreparedFile>, options: WriteOptions): Promise<SegmentsWritten> {
  const out: SegmentsWritten = { segments: [], files: {}, skipped: [] };
  let documents: PolicyDocument[] = [];
  let sections: PreparedSection[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (documents.length === 0) return;
    const entry = writeSegment(dir, options.nextName(), assembleIndex(documents, sections));
    for (const file of pending) out.files[file].segment = entry.name;
    out.segments.push(entry);
    [documents, sections, pending] = [[], [], []];
  };
  for await (const item of prepared) {
    options.onFile?.(item);
    const stamp = options.stamps.get(item.file);
    if (!stamp) throw new Error(`${item.file} was prepared but not stamped`);
    if ('problem' in item) {
      out.skipped.push(item.problem);
      out.files[item.file] = { ...stamp, documentId: null, segment: null, sections: 0 };
      continue;
    }
    const id = options.keepIds.get(item.file) ?? uniqueId(item.document.id, options.taken);
    const named = withId(item, id);
    documents.push(named.document);
    sections.push(...named.sections);
    pending.push(item.file);
    out.files[item.file] = { ...stamp, documentId: id, segment: null, sections: named.sections.length };
    if (sections.length >= options.segmentSections) flush();
  }
  flush();
  return out;
}

/** A document renamed (its id made unique): its sections' records carry the id in their keys. */
function withId(item: Extract<PreparedFile, { document: PolicyDocument }>, id: string): { document: PolicyDocument; sections: PreparedSection[] } {
  if (item.document.id === id) return item;
  return {
    document: { ...item.document, id },
    sections: item.sections.map((s) => ({ ...s, record: { ...s.record, docId: id, key: `${id}#${s.record.sectionId}` } })),
  };
}
