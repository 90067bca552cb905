import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { IndexUnusableError, type Manifest, readManifest } from '../index/index-store.ts';
import { mergeSegments } from '../index/merge-segments.ts';
import { planMerge } from '../index/plan-merge.ts';
import { type FileStat, type UpdatePlan, planUpdate } from '../index/plan-update.ts';
import { SCHEMA_VERSION } from '../index/schema.ts';
import type { SegmentEntry, SourceFile } from '../index/segment-manifest.ts';
import { acquireBuildLock, publishManifest, removeUnlisted, segmentName } from '../index/write-index.ts';
import { listSeeds } from '../pipeline/read-seeds.ts';
import { type ProgressOptions, startProgress } from './progress.ts';
import { type SegmentsWritten, writeSegments } from './write-segments.ts';

/** Sections per segment: peak heap follows it (measured in the README's Segments section). */
export const SEGMENT_SECTIONS = 20_000;
/**
 * Fewer files than this are built on the main thread: starting worker threads (each loading
 * jieba and OpenCC) would cost an incremental run of a page or two more than it saves.
 */
const PARALLEL_FROM_FILES = 16;
/** Small segments tolerated before a run folds them on its own. */
const MAX_SMALL_SEGMENTS = 8;

export interface UpdateOptions {
  /** Any skipped file aborts the run before anything is published. */
  strict?: boolean;
  /** One line per document read. */
  verbose?: boolean;
  /** Where the progress bar or periodic progress lines go (stderr in the CLIs); none when unset. */
  progress?: ProgressOptions['stream'];
  /** Rebuild every segment from the seeds (a damaged index; a new schema does it by itself). */
  full?: boolean;
  /** Fold every run of segments that fits the segment size (`npm run index -- --merge`). */
  merge?: boolean;
  segmentSections?: number;
  /** Build segments on worker threads (default: when at least PARALLEL_FROM_FILES files are to be read). */
  parallel?: boolean;
  /** Worker threads of a parallel run (default: the machine's cores); the batches are planned for this many threads either way. */
  workers?: number;
}

export interface UpdateResult {
  manifest: Manifest;
  /** Whether a new generation was published. */
  published: boolean;
  skipped: number;
}

/**
 * Brings the index up to date with the seeds, the way Lucene grows an index: only new or changed
 * files are read (size and time first, sha256 to confirm), written as new segments of bounded
 * size; replaced or removed documents are listed as deleted in the segments holding them; old
 * segment files are never rewritten. No usable index (none yet, another schema) → a full build,
 * the same code reading every file. Small segments are folded once they pile up (or on `merge`).
 * Example: one seed edited → `updated index/ in 0.4 s: 0 new, 1 changed, 0 removed file(s); …`.
 */
export async function updateIndex(config: Config, log: (line: string) => void = console.log, options: UpdateOptions = {}): Promise<UpdateResult> {
  const started = Date.now();
  const dir = config.indexDir;
  mkdirSync(dir, { recursive: true });
  const release = acquireBuildLock(dir);
  try {
    const now = new Date();
    let n = 0;
    const nextName = () => segmentName(now, n++);
    const segmentSections = options.segmentSections ?? SEGMENT_SECTIONS;
    const old = options.full ? null : usableManifest(dir, log);
    const base = old ?? emptyManifest(now);
    const plan = planUpdate(base, statSeeds(config.seedsDir), (file) => hashFile(join(config.seedsDir, file)));
    if (old && plan.read.length === 0 && plan.removed.length === 0 && !options.merge) {
      // Nothing to serve differently: at most the file times are refreshed, the generation kept.
      const manifest = plan.touched ? publishManifest(dir, { ...old, files: plan.kept }) : old;
      removeUnlisted(dir, manifest); // what killed runs left behind
      return { manifest, published: false, skipped: manifest.skipped.length };
    }
    const { written, departments } = await writeChanged(config, plan, { ...options, segmentSections, nextName }, log);
    const segments = [...applyDeletes(base.segments, plan.deletes), ...written.segments];
    let manifest = withCounts({ ...base, generation: base.generation + 1, builtAt: now.toISOString(), segments, files: { ...plan.kept, ...written.files }, skipped: [...plan.skipped, ...written.skipped] });
    // Published before any merge: new pages are served within seconds even when a merge follows.
    publishManifest(dir, manifest);
    const seconds = (Date.now() - started) / 1000;
    const groups = planMerge(manifest.segments, { segmentSections, maxSmall: MAX_SMALL_SEGMENTS, force: options.merge === true });
    if (groups.length > 0) {
      manifest = publishManifest(dir, { ...mergeSegments(dir, manifest, groups, nextName), generation: manifest.generation + 1 });
    }
    const merged = groups.length > 0 ? `; then folded ${groups.flat().length} segments into ${groups.length} (generation ${manifest.generation}, ${((Date.now() - started) / 1000).toFixed(1)} s in all)` : '';
    log(old ? updatedLine(dir, old, plan, written, manifest, seconds) + merged : indexedLine(dir, manifest, departments.size, seconds));
    return { manifest, published: true, skipped: manifest.skipped.length };
  } finally {
    release();
  }
}

/** Reads the plan's files in order and writes them as segments; skipped files are named, and under strict abort the run. */
async function writeChanged(config: Config, plan: UpdatePlan, options: UpdateOptions & { segmentSections: number; nextName: () => string }, log: (line: string) => void) {
  const taken = new Set([...Object.values(plan.kept).map((f) => f.documentId), ...plan.read.map((r) => r.id)].filter((id): id is string => id !== null));
  const reading = options.progress ? startProgress('reading and indexing', 'files', plan.read.length, { stream: options.progress }) : null;
  const departments = new Set<string>();
  const files = plan.read.map((r) => r.file);
  const parallel = options.parallel ?? files.length >= PARALLEL_FROM_FILES;
  const threads = options.workers ?? availableParallelism();
  const written = await writeSegments(config.indexDir, files, {
    seedsDir: config.seedsDir,
    stamps: new Map(plan.read.map((r) => [r.file, { hash: r.hash, size: r.size, mtimeMs: r.mtimeMs }])),
    keepIds: new Map(plan.read.flatMap((r) => (r.id ? [[r.file, r.id] as const] : []))),
    taken,
    segmentSections: options.segmentSections,
    nextName: options.nextName,
    // Sequentially, batches are still planned for `threads`: the same segments either way.
    workers: parallel ? threads : 0,
    plannedFor: threads,
    onProgress: () => reading?.tick(),
    onFile: (done) => {
      if ('problem' in done) return;
      for (const name of done.departments) departments.add(name);
      if (options.verbose) log(`${done.id}  ${done.district ?? '—'}  ${done.date ?? '—'}  ${done.sections} sections  ${done.departments.length} departments  ${done.title}`);
    },
  });
  reading?.finish();
  for (const p of written.skipped) log(`skipped ${config.seedsDir}/${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
  if (options.strict && written.skipped.length > 0) {
    for (const s of written.segments) rmSync(join(config.indexDir, s.name), { recursive: true, force: true });
    throw new Error(`${written.skipped.length} file(s) could not be read and --strict is set; nothing was written, the previous index stays in use`);
  }
  return { written, departments };
}

/** Example: `indexed 5 documents, 260 sections, 68 departments into index/ in 3.1 s (84 sections/s)`. */
function indexedLine(dir: string, manifest: Manifest, departments: number, seconds: number): string {
  const rate = Math.round(manifest.counts.sections / Math.max(seconds, 0.001));
  return `indexed ${manifest.counts.documents} documents, ${manifest.counts.sections} sections, ${departments} departments into ${dir}/ in ${seconds.toFixed(1)} s (${rate} sections/s)`;
}

/** Example: `updated index/ in 0.3 s: 1 new, 0 changed, 0 removed file(s); 6 sections written; 6 documents, 266 sections`. */
function updatedLine(dir: string, old: Manifest, plan: UpdatePlan, written: SegmentsWritten, manifest: Manifest, seconds: number): string {
  const changed = plan.read.filter((r) => r.file in old.files).length;
  const sections = written.segments.reduce((sum, s) => sum + s.sections, 0);
  return `updated ${dir}/ in ${seconds.toFixed(1)} s: ${plan.read.length - changed} new, ${changed} changed, ${plan.removed.length} removed file(s); ` +
    `${sections} sections written; ${manifest.counts.documents} documents, ${manifest.counts.sections} sections`;
}

/** The manifest an incremental run can build on, or null (logging why) when a full build is due. */
function usableManifest(dir: string, log: (line: string) => void): Manifest | null {
  try {
    const manifest = readManifest(dir);
    if (!manifest) log('no index yet: building it');
    else if (Object.values(manifest.files).filter((f) => f.documentId !== null).length !== manifest.counts.documents) {
      log('the index does not list the files it was built from: rebuilding it');
      return null;
    }
    return manifest;
  } catch (error) {
    if (!(error instanceof IndexUnusableError)) throw error;
    log(`${error.message.replace(/; run .*$/, '')}: rebuilding it`);
    return null;
  }
}

function emptyManifest(now: Date): Manifest {
  return { schemaVersion: SCHEMA_VERSION, generation: 0, builtAt: now.toISOString(), segments: [], files: {}, counts: { documents: 0, sections: 0 }, skipped: [] };
}

/** Deleted ids added to the segments holding them; a segment with nothing live left is dropped. */
function applyDeletes(segments: SegmentEntry[], deletes: Map<string, { ids: string[]; sections: number }>): SegmentEntry[] {
  return segments
    .map((s) => {
      const d = deletes.get(s.name);
      return d ? { ...s, deleted: [...s.deleted, ...d.ids], deletedSections: s.deletedSections + d.sections } : s;
    })
    .filter((s) => s.deleted.length < s.documents);
}

/** Live counts from the files map: what the manifest promises the loader. */
function withCounts(manifest: Manifest): Manifest {
  const live = Object.values(manifest.files).filter((f: SourceFile) => f.documentId !== null);
  return { ...manifest, counts: { documents: live.length, sections: live.reduce((sum, f) => sum + f.sections, 0) } };
}

function statSeeds(seedsDir: string): FileStat[] {
  return listSeeds(seedsDir).map((file) => {
    const stat = statSync(join(seedsDir, file));
    return { file, size: stat.size, mtimeMs: stat.mtimeMs };
  });
}

/** sha256 of a file's bytes; a folder (skipped when read) hashes as nothing. */
function hashFile(path: string): string {
  const hash = createHash('sha256');
  if (statSync(path).isFile()) hash.update(readFileSync(path));
  return hash.digest('hex');
}
