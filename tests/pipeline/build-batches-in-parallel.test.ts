import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.ts';
import { updateIndex } from '../../src/cli/update-index.ts';
import { readConfig } from '../../src/config.ts';
import { buildIndex } from '../../src/index/build-index.ts';
import { type SearchableIndex, loadIndex } from '../../src/index/index-store.ts';
import { type BatchDone, type BatchTask, buildBatch } from '../../src/pipeline/build-batch.ts';
import { BuildWorkerError, buildBatchesInParallel } from '../../src/pipeline/build-batches-in-parallel.ts';
import { listSeeds, readSeeds } from '../../src/pipeline/read-seeds.ts';
import { createEngine, search } from '../../src/search/search.ts';
import { tempDir } from '../hardening/tmp.ts';

async function all(source: AsyncIterable<BatchDone>): Promise<BatchDone[]> {
  const out: BatchDone[] = [];
  for await (const b of source) out.push(b);
  return out;
}

/** Batches of `size` files each, written into `index`. */
function tasks(seeds: string, index: string, files: string[], size: number): BatchTask[] {
  const out: BatchTask[] = [];
  for (let i = 0; i < files.length; i += size) {
    out.push({ seedsDir: seeds, indexDir: index, files: files.slice(i, i + size).map((file) => ({ file, id: file.replace(/\.[^.]+$/, '') })), name: `seg-t-${i}`, segmentSections: 10_000 });
  }
  return out;
}

const QUERIES = ['城市更新', '发展', '"一河六圈三带"', '养老 服务', '棚改 -罗湖', '无人机', '住房', '"保障性住房"'];

/** What a user sees: totals, the hits in order with scores, the literal band, the facets. */
function answers(index: SearchableIndex) {
  const engine = createEngine(index);
  return QUERIES.map((q) => {
    const r = search(engine, { q });
    return { q, total: r.total, hits: r.hits.map((h) => [h.section.key, h.score, h.literal]), literalCount: r.literalCount, facets: r.facets };
  });
}

let mixed: string;

beforeAll(() => {
  // The seeds, the fixture pages (traditional script, tables, damaged and empty pages) and a
  // generated batch, in one folder so that one build spreads them over several batches and workers.
  mixed = tempDir('parallel');
  cpSync('seeds', mixed, { recursive: true });
  cpSync('tests/fixtures/pages', mixed, { recursive: true });
  for (const page of generateCorpus(600).pages) writeFileSync(join(mixed, page.file), page.bytes);
  writeFileSync(join(mixed, 'zz-empty.txt'), '');
});

describe('a full build in batches on worker threads', () => {
  it('writes the same segments byte for byte as the sequential build, and answers like one in-memory index of everything', async () => {
    const runs = [];
    for (const parallel of [false, true]) {
      const index = tempDir(parallel ? 'index-parallel' : 'index-sequential');
      const { manifest } = await updateIndex(readConfig({ SEEDS_DIR: mixed, INDEX_DIR: index }), () => {}, { segmentSections: 150, parallel, workers: 2 });
      runs.push({ index, manifest });
    }
    const [sequential, parallel] = runs;
    expect(sequential.manifest.segments.length).toBeGreaterThan(3);
    expect(parallel.manifest.skipped.length).toBeGreaterThan(0);
    expect(parallel.manifest.skipped).toEqual(sequential.manifest.skipped);
    expect(parallel.manifest.counts).toEqual(sequential.manifest.counts);
    for (const [i, s] of sequential.manifest.segments.entries()) {
      for (const file of readdirSync(join(sequential.index, s.name))) {
        expect(readFileSync(join(parallel.index, parallel.manifest.segments[i].name, file)), `${file} of segment ${i} differs`).toEqual(readFileSync(join(sequential.index, s.name, file)));
      }
    }
    // The reference of references: everything in one MiniSearch, no segments, no threads.
    const whole = buildIndex(readSeeds(mixed).documents);
    const loaded = loadIndex(parallel.index);
    expect(loaded.corpus.documents.map((d) => d.id)).toEqual(whole.corpus.documents.map((d) => d.id));
    const got = answers(loaded);
    expect(got.filter((a) => a.hits.length > 0).length, 'the queries should find something').toBeGreaterThan(4);
    expect(got).toEqual(answers(whole));
  }, 180_000);

  it('yields the batches in order, the same summaries as buildBatch on this thread', async () => {
    const files = listSeeds(mixed).slice(0, 30);
    const sequential = tasks(mixed, tempDir('a'), files, 7).map((t) => buildBatch(t));
    const parallel = await all(buildBatchesInParallel(tasks(mixed, tempDir('b'), files, 7), { workers: 2 }));
    expect(parallel).toEqual(sequential);
    expect(parallel.flatMap((d) => d.files.map((f) => f.file))).toEqual(files);
  });

  it('throws an error met in one batch when the consumer reaches it, and removes the segments of batches not taken', async () => {
    const index = tempDir('thrown');
    const files = listSeeds('seeds');
    const work = tasks('seeds', index, [...files.slice(0, 2), 'missing.txt', ...files.slice(2)], 1);
    const taken: BatchDone[] = [];
    let error: NodeJS.ErrnoException | undefined;
    try {
      for await (const b of buildBatchesInParallel(work, { workers: 2 })) taken.push(b);
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    expect(taken.map((b) => b.files[0].file)).toEqual(files.slice(0, 2));
    expect(error?.code).toBe('ENOENT');
    expect(error?.message).toContain('missing.txt');
    // Only the taken batches' segments are left: the consumer owns (and removes) those.
    expect(readdirSync(index).sort()).toEqual(taken.flatMap((b) => b.segments.map((s) => s.entry.name)).sort());
  });

  it('reports a worker that dies, naming the file it was on', async () => {
    // A worker given too small a heap dies loading the dictionaries.
    const work = tasks('seeds', tempDir('dies'), listSeeds('seeds'), 5);
    const error = await buildBatchesInParallel(work, { workers: 1, resourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 } }).next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildWorkerError);
    expect((error as Error).message).toContain(listSeeds('seeds')[0]);
    expect((error as Error).message).toContain('build with one worker');
  });

  it('runs from the compiled dist/ (plain .js workers, no TypeScript loader)', async () => {
    const entry = resolve('dist/pipeline/build-batches-in-parallel.js');
    expect(existsSync(entry), 'dist/ is missing or stale: run `npm run build`').toBe(true);
    const script = join(tempDir('dist'), 'run.mjs');
    writeFileSync(
      script,
      `const { buildBatchesInParallel } = await import(${JSON.stringify(pathToFileURL(entry).href)});
      for await (const b of buildBatchesInParallel(JSON.parse(process.argv[2]), { workers: 2 })) for (const f of b.files) console.log(f.file, f.sections);`,
    );
    const files = listSeeds('seeds');
    const run = spawnSync(process.execPath, [script, JSON.stringify(tasks(resolve('seeds'), tempDir('dist-index'), files, 2))], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const expected = tasks('seeds', tempDir('here'), files, 2).flatMap((t) => buildBatch(t).files.map((f) => `${f.file} ${'sections' in f ? f.sections : 'undefined'}`));
    expect(run.stdout.trim().split('\n')).toEqual(expected);
  });

  it('yields nothing and starts no worker for no batches', async () => {
    expect(await all(buildBatchesInParallel([]))).toEqual([]);
  });
});
