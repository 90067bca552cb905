import { appendFileSync, cpSync, mkdirSync, existsSync, watch, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureIndex } from '../../src/cli/build.ts';
import { readConfig } from '../../src/config.ts';
import { IndexUnusableError, loadIndex, readManifest, writeIndex } from '../../src/index/index-store.ts';
import { createEngine, search } from '../../src/search/search.ts';
import { plain, seedIndex } from '../helpers.ts';
import { spawnCli, tempDir } from './tmp.ts';

/** A complete index of the seeds written into a fresh folder. */
function writtenIndex(): string {
  const dir = tempDir('index');
  writeIndex(dir, seedIndex(), { skipped: [], now: new Date() });
  return dir;
}

const genDir = (dir: string) => join(dir, readManifest(dir)!.segments[0].name);
/** Which segments a manifest serves: what tells one published generation from another here. */
const served = (dir: string) => readManifest(dir)!.segments.map((s) => s.name).join(',');

describe('a damaged index gives one message naming the fix', () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    ['missing manifest', (d) => rmSync(join(d, 'manifest.json')), /no index in .*manifest\.json missing/],
    ['truncated manifest', (d) => truncateSync(join(d, 'manifest.json'), 20), /manifest\.json is not valid JSON \(truncated or corrupt\)/],
    ['truncated search.jsonl', (d) => truncateSync(join(genDir(d), 'search.jsonl'), 1000), /index files in .* are missing or corrupt/],
    ['corrupt sections.bin', (d) => writeFileSync(join(genDir(d), 'sections.bin'), '{"documents": 7}\n'), /sections\.bin is not a section store/],
    ['sections.bin cut in its header', (d) => truncateSync(join(genDir(d), 'sections.bin'), 5000), /sections\.bin is truncated \(5000 bytes, shorter than its header\)/],
    ['sections.bin cut in its texts', (d) => truncateSync(join(genDir(d), 'sections.bin'), statSync(join(genDir(d), 'sections.bin')).size - 8), /sections\.bin is truncated or padded/],
    ['truncated bodies.jsonl', (d) => truncateSync(join(genDir(d), 'bodies.jsonl'), 3000), /bodies\.jsonl has 3000 bytes/],
    ['corrupt documents.json', (d) => writeFileSync(join(genDir(d), 'documents.json'), '{"heads": ['), /missing or corrupt/],
    [
      'segment written before the section store (corpus.jsonl)',
      (d) => {
        rmSync(join(genDir(d), 'sections.bin'));
        writeFileSync(join(genDir(d), 'corpus.jsonl'), '{"documents": 5}\n');
      },
      /sections\.bin is missing \(an index built before the section store\)/,
    ],
    ['truncated grams.bin', (d) => truncateSync(join(genDir(d), 'grams.bin'), 1001), /gram postings are truncated/],
    ['deleted generation', (d) => rmSync(genDir(d), { recursive: true }), /missing or corrupt/],
    ['other schema version', (d) => rewriteManifest(d, { schemaVersion: 999 }), /schema version 999, this code reads version \d+/],
    ['segment that is a path', (d) => rewriteManifest(d, { segments: [{ ...readManifest(d)!.segments[0], name: '../../etc' }] }), /not a manifest this code wrote/],
    ['index of the one-folder format', (d) => rewriteManifest(d, { schemaVersion: 5, generation: 'gen-1-1', segments: undefined }), /schema version 5, this code reads version \d+; run `npm run index`/],
    ['more sections than served', (d) => rewriteManifest(d, { counts: { documents: 5, sections: 9999 } }), /manifest counts 9999/],
  ];

  it.each(cases)('%s', (_name, damage, message) => {
    const dir = writtenIndex();
    damage(dir);
    const error = (() => {
      try {
        loadIndex(dir);
      } catch (e) {
        return e as Error;
      }
      throw new Error('loadIndex accepted a damaged index');
    })();
    expect(error).toBeInstanceOf(IndexUnusableError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('run `npm run index` to rebuild it');
  });

  it('npm start (ensureIndex) rebuilds a damaged index from the seeds instead of refusing', async () => {
    const dir = tempDir('index');
    const lines: string[] = [];
    const config = { seedsDir: 'seeds', indexDir: dir, port: 0, host: undefined, searchBackend: 'embedded' as const, databaseUrl: null, databaseReplicaUrls: [], databaseShardUrls: [] };
    await ensureIndex(config, () => {});
    truncateSync(join(genDir(dir), 'search.jsonl'), 500);
    const loaded = await ensureIndex(config, (l) => lines.push(l));
    expect(lines[0]).toMatch(/missing or corrupt.*: rebuilding it from seeds\//);
    expect(loaded.manifest.counts.sections).toBe(seedIndex().corpus.sections.length);
  });
});

describe('an index of the one-folder format (schema 5)', () => {
  it('is refused by loadIndex with the schema message, and npm start (ensureIndex) rebuilds it as segments, removing the old folder', async () => {
    const dir = tempDir('index');
    mkdirSync(join(dir, 'gen-1700000000000-42'));
    writeFileSync(join(dir, 'gen-1700000000000-42', 'corpus.jsonl'), '{"documents":0}\n');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: 5, seedsHash: 'x', generation: 'gen-1700000000000-42', builtAt: '2025-01-01T00:00:00.000Z', counts: { documents: 0, sections: 0 }, skipped: [] }));
    expect(() => loadIndex(dir)).toThrow(/schema version 5, this code reads version \d+; run `npm run index` to rebuild it/);
    const lines: string[] = [];
    const loaded = await ensureIndex(readConfig({ SEEDS_DIR: 'seeds', INDEX_DIR: dir }), (l) => lines.push(l));
    expect(lines[0]).toMatch(/schema version 5, this code reads version \d+: rebuilding it$/);
    expect(loaded.manifest.counts.documents).toBe(5);
    expect(readdirSync(dir).filter((e) => e.startsWith('gen-'))).toEqual([]);
  });
});

describe('build lock', () => {
  it('npm start (ensureIndex) serves the published index while another build holds the lock', async () => {
    const dir = tempDir('index');
    const config = readConfig({ SEEDS_DIR: 'seeds', INDEX_DIR: dir });
    await ensureIndex(config, () => {});
    writeFileSync(join(dir, '.build.lock'), String(process.ppid));
    const lines: string[] = [];
    const loaded = await ensureIndex(config, (l) => lines.push(l));
    expect(lines).toEqual([expect.stringMatching(/^another index build \(pid \d+\) is writing .*: serving the index as it is until that build publishes$/)]);
    expect(loaded.manifest.counts.documents).toBe(5);
    rmSync(join(dir, '.build.lock'));
  });

  it('refuses to write while another live build holds the lock, and takes over a dead one', () => {
    const dir = writtenIndex();
    writeFileSync(join(dir, '.build.lock'), String(process.ppid));
    expect(() => writeIndex(dir, seedIndex(), { skipped: [], now: new Date() })).toThrow(/another index build \(pid \d+\) is writing/);
    writeFileSync(join(dir, '.build.lock'), '999999999');
    writeIndex(dir, seedIndex(), { skipped: [], now: new Date('2030-01-01') });
    expect(readManifest(dir)!.builtAt).toBe('2030-01-01T00:00:00.000Z');
    expect(existsSync(join(dir, '.build.lock'))).toBe(false);
  });
});

describe('kill -9 during `npm run index`', () => {
  it('leaves the previous index loadable and searchable at every kill point: full builds, incremental runs and merges', async () => {
    const index = tempDir('index');
    const seeds = tempDir('seeds');
    cpSync('seeds', seeds, { recursive: true });
    const env = { SEEDS_DIR: seeds, INDEX_DIR: index };
    await ensureIndex(readConfig(env), () => {});
    let previous = served(index);
    let midWrite = 0;
    let rounds = 0;
    // Kill as soon as a new segment folder appears (inotify), or a few milliseconds later. Rounds
    // take turns: a full rebuild; a seed changed, so the run is incremental (one small segment);
    // `--merge`, which folds the segments (and writes a changed seed first if the last run died).
    for (const [round, delay] of [0, 0, 0, 0, 0, 0, 2, 2, 5, 10, 20, 50, 150, 400, 400].entries()) {
      const kind = (['full', 'incremental', 'merge'] as const)[round % 3];
      if (kind === 'incremental') appendFileSync(join(seeds, '001_c58925cecce76d80.txt'), `\n补充说明第${round}条。\n`);
      const known = new Set(readdirSync(index));
      const fresh = () => readdirSync(index).filter((e) => e.startsWith('seg-') && !known.has(e));
      const watcher = watch(index);
      const started = new Promise<void>((resolve) => watcher.on('change', () => fresh().length > 0 && resolve()));
      const child = spawnCli('index-cli.ts', env, { full: ['--full'], incremental: [], merge: ['--merge'] }[kind]);
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      await Promise.race([started, exited]);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      watcher.close();
      rounds++;

      const now = served(index);
      if (now === previous && fresh().length > 0) midWrite++;
      const loaded = loadIndex(index);
      expect(loaded.corpus.documents.length, `round ${round} (${kind}): every seed served once`).toBe(5);
      expect([previous, now]).toContain(loaded.manifest.segments.map((s) => s.name).join(','));
      const hits = search(createEngine(loaded), { q: '城市更新' }).hits;
      expect(hits.length).toBeGreaterThan(0);
      previous = now; // a build that beat the kill is the new "previous"
    }
    console.log(`kill -9: ${midWrite} of ${rounds} kills landed mid-write`);
    // At least one kill must have landed between the first byte written and the manifest rename.
    expect(midWrite).toBeGreaterThan(0);
    // The next run (incremental: it finishes what a killed run left undone) cleans up the pieces.
    const child = spawnCli('index-cli.ts', env);
    await new Promise((resolve) => child.on('exit', resolve));
    const manifest = readManifest(index)!;
    expect(readdirSync(index).sort()).toEqual([...manifest.segments.map((s) => s.name), 'manifest.json'].sort());
    expect(manifest.counts.documents).toBe(5);
    const text = readFileSync(join(seeds, '001_c58925cecce76d80.txt'), 'utf8');
    const last = /补充说明第(\d+)条/g;
    const rounds_ = [...text.matchAll(last)].map((m) => m[1]);
    expect(search(createEngine(loadIndex(index)), { q: `"补充说明第${rounds_.at(-1)}条"` }).hits.length, 'the last change is served').toBe(1);
    // Sixteen runs, each starting node with the TypeScript loader: about a minute on a loaded 2-core machine.
  }, 240_000);
});

function rewriteManifest(dir: string, changes: Record<string, unknown>): void {
  const path = join(dir, 'manifest.json');
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), ...changes }));
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 1));
  }
  return false;
}

describe('round trip', () => {
  it('a written and loaded index equals the built one: documents, 原文, records, vocabulary, answers', () => {
    const built = seedIndex();
    const loaded = loadIndex(writtenIndex());
    expect(plain(loaded.corpus.documents)).toEqual(plain(built.corpus.documents));
    expect(plain(loaded.corpus.sections)).toEqual(plain(built.corpus.sections));
    expect(loaded.corpus.vocabulary).toEqual(built.corpus.vocabulary);
    expect(loaded.corpus.documents.some((d) => d.traditional && d.sections.some((s) => s.original.join() !== s.paragraphs.join()))).toBe(true);
    const a = createEngine(built);
    const b = createEngine(loaded);
    for (const q of ['城市更新', '发展', '"一河六圈三带"', 'PM2.5', '棚改 -罗湖']) {
      const [x, y] = [search(a, { q }), search(b, { q })];
      expect(y.hits.map((h) => [h.section.key, h.score, h.literal])).toEqual(x.hits.map((h) => [h.section.key, h.score, h.literal]));
      expect(y.facets).toEqual(x.facets);
    }
  });
});
