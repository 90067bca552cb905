import { readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureIndex } from '../../src/cli/build.ts';
import { readConfig } from '../../src/config.ts';
import { buildIndex } from '../../src/index/build-index.ts';
import { loadIndex, loadIndexInSteps, readLiveCorpus, readManifest } from '../../src/index/index-store.ts';
import { createEngine, search } from '../../src/search/search.ts';
import { plain, seedIndex } from '../helpers.ts';
import { CHANGED, NEW_PAGE, answers, workspace } from './workspace.ts';

const REMOVED = '004_3c0b11c1ebd16181';

describe('segmented full build', () => {
  it('writes bounded segments that load as one index answering like an in-memory build of the seeds', async () => {
    const { index, run } = workspace();
    const { manifest } = await run();
    expect(manifest.segments.length).toBeGreaterThan(1);
    // Segments hold the pages in file order, each closed as soon as it reaches the size: only its last page may push it past.
    const files = Object.values(manifest.files);
    expect(files.map((f) => f.segment)).toEqual(manifest.segments.flatMap((s) => Array(s.documents).fill(s.name)));
    for (const s of manifest.segments) {
      const pages = files.filter((f) => f.segment === s.name);
      expect(pages.reduce((sum, f) => sum + f.sections, 0)).toBe(s.sections);
      expect(s.sections - pages.at(-1)!.sections, `${s.name} went on after reaching the size`).toBeLessThan(60);
    }
    expect(readdirSync(index).sort()).toEqual([...manifest.segments.map((s) => s.name), 'manifest.json'].sort());
    const loaded = loadIndex(index);
    const built = seedIndex();
    expect(loaded.corpus.documents.map((d) => d.id)).toEqual(built.corpus.documents.map((d) => d.id));
    expect(loaded.manifest.counts).toEqual({ documents: 5, sections: built.corpus.sections.length });
    expect(answers(createEngine(loaded))).toEqual(answers(createEngine(built)));
    expect(Object.keys(manifest.files).sort()).toEqual(readdirSync('seeds').sort());
  });
});

describe('a full build on worker threads', () => {
  it('writes the same segments, byte for byte, and the same manifest as the sequential build', async () => {
    const sequential = workspace();
    const parallel = workspace();
    const a = (await sequential.run({ parallel: false, workers: 2 })).manifest;
    const b = (await parallel.run({ parallel: true, workers: 2 })).manifest;
    const shape = (m: typeof a) => ({ counts: m.counts, segments: m.segments.map((s) => [s.documents, s.sections]), files: Object.values(m.files).map((f) => [f.hash, f.documentId, f.sections]) });
    expect(shape(b)).toEqual(shape(a));
    for (const [i, s] of a.segments.entries()) {
      for (const file of readdirSync(join(sequential.index, s.name))) {
        expect(readFileSync(join(parallel.index, b.segments[i].name, file)), `${file} of segment ${i} differs`).toEqual(readFileSync(join(sequential.index, s.name, file)));
      }
    }
    expect(answers(createEngine(loadIndex(parallel.index)))).toEqual(answers(createEngine(loadIndex(sequential.index))));
  });
});

describe('incremental runs', () => {
  it('read only new or changed files into one new segment, delete what they replace, and never rewrite old segments', async () => {
    const { seeds, index, run, lines } = workspace();
    const first = (await run()).manifest;
    const oldTitle = loadIndex(index).corpus.documents.find((d) => d.id === CHANGED)!.meta.title;
    const before = new Map(first.segments.map((s) => [s.name, statSync(join(index, s.name, 'sections.bin')).mtimeMs]));

    writeFileSync(join(seeds, 'zz-new.txt'), NEW_PAGE);
    writeFileSync(join(seeds, `${CHANGED}.txt`), NEW_PAGE.replace('低空物流配送', '城市绿道养护'));
    rmSync(join(seeds, `${REMOVED}.txt`));
    const { manifest, published } = await run();

    expect(published).toBe(true);
    expect(lines.at(-1)).toMatch(/^updated .* 1 new, 1 changed, 1 removed file\(s\); \d+ sections written; 5 documents/);
    const added = manifest.segments.filter((s) => !before.has(s.name));
    expect(added).toHaveLength(1);
    expect(added[0].documents).toBe(2);
    for (const [name, mtime] of before) {
      if (manifest.segments.some((s) => s.name === name)) expect(statSync(join(index, name, 'sections.bin')).mtimeMs, `${name} untouched`).toBe(mtime);
    }
    expect(manifest.segments.flatMap((s) => s.deleted).sort()).toEqual([CHANGED, REMOVED].filter((id) => manifest.segments.some((s) => s.deleted.includes(id))).sort());

    const loaded = loadIndex(index);
    const engine = createEngine(loaded);
    expect(engine.docs.has(REMOVED)).toBe(false);
    expect(engine.docs.get(CHANGED)!.meta.title).toContain('城市绿道养护');
    expect(search(engine, { q: `"${oldTitle}"` }).hits.filter((h) => h.section.docId === CHANGED)).toEqual([]);
    expect(new Set(search(engine, { q: '无人机配送' }).hits.map((h) => h.section.docId))).toEqual(new Set(['zz-new', CHANGED]));
    // Counts are the live ones, and the whole answers those of a fresh build of the same pages.
    expect(manifest.counts).toEqual({ documents: loaded.corpus.documents.length, sections: loaded.corpus.sections.length });
    expect(answers(engine)).toEqual(answers(createEngine(buildIndex(loaded.corpus.documents))));
    // What the PostgreSQL load reads: the same live corpus, without combining postings.
    expect(plain(readLiveCorpus(index))).toEqual(plain({ documents: loaded.corpus.documents, sections: loaded.corpus.sections }));
  });

  it('npm start (ensureIndex) updates incrementally too: one changed seed is read, not all of them', async () => {
    const { seeds, index } = workspace();
    const config = readConfig({ SEEDS_DIR: seeds, INDEX_DIR: index });
    await ensureIndex(config, () => {});
    writeFileSync(join(seeds, `${CHANGED}.txt`), NEW_PAGE);
    const lines: string[] = [];
    const loaded = await ensureIndex(config, (l) => lines.push(l));
    expect(lines).toEqual([expect.stringMatching(/^updated .*: 0 new, 1 changed, 0 removed file\(s\); \d+ sections written; 5 documents/)]);
    expect(loaded.manifest.generation).toBe(2);
  });

  it('publish nothing when nothing changed, and only refresh the times of a file touched but not changed', async () => {
    const { seeds, run } = workspace();
    const first = (await run()).manifest;
    expect((await run()).published).toBe(false);
    const file = join(seeds, `${CHANGED}.txt`);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const touched = await run();
    expect(touched.published).toBe(false);
    expect(touched.manifest.generation).toBe(first.generation);
    expect(touched.manifest.segments).toEqual(first.segments);
    expect(touched.manifest.files[`${CHANGED}.txt`].mtimeMs).toBe(statSync(file).mtimeMs);
  });

  it('keep a changed file’s document id, and give a new file whose id is taken the next free one', async () => {
    const { seeds, index, run } = workspace();
    await run();
    writeFileSync(join(seeds, `${CHANGED}.txt`), NEW_PAGE);
    writeFileSync(join(seeds, `${CHANGED}.html`), `<html><body><pre>${NEW_PAGE}</pre></body></html>`);
    const { manifest } = await run();
    expect(manifest.files[`${CHANGED}.txt`].documentId).toBe(CHANGED);
    expect(manifest.files[`${CHANGED}.html`].documentId).toBe(`${CHANGED}-2`);
    expect(loadIndex(index).corpus.sections.filter((s) => s.docId === `${CHANGED}-2`).every((s) => s.key.startsWith(`${CHANGED}-2#`))).toBe(true);
  });

  it('rebuild in full when the index was written by another schema version', async () => {
    const { index, run, lines } = workspace();
    await run();
    const path = join(index, 'manifest.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), schemaVersion: 1 }));
    const { manifest } = await run();
    expect(lines.some((l) => /schema version 1, this code reads version \d+: rebuilding it/.test(l))).toBe(true);
    expect(manifest.generation).toBe(1);
    expect(manifest.counts.documents).toBe(5);
  });
});

describe('loading a new generation beside the previous one', () => {
  it('reuses the segments the previous load holds and reads only the new ones', async () => {
    const { seeds, index, run } = workspace();
    await run();
    const previous = loadIndex(index);
    writeFileSync(join(seeds, 'zz-new.txt'), NEW_PAGE);
    const { manifest } = await run();
    const [kept, added] = [manifest.segments.slice(0, -1), manifest.segments.at(-1)!];
    // Proof that kept segments are not read again: their files are gone, the load still works.
    for (const s of kept) rmSync(join(index, s.name, 'sections.bin'));
    const next = loadIndex(index, previous);
    for (const s of kept) expect(next.segments!.get(s.name), s.name).toBe(previous.segments!.get(s.name));
    expect(previous.segments!.has(added.name)).toBe(false);
    expect(next.corpus.documents.map((d) => d.id)).toContain('zz-new');
    expect(() => loadIndex(index)).toThrow(/sections\.bin/);
  });
});

describe('loading in steps (the server’s reload)', () => {
  it('yields to the event loop after each segment it reads and loads the same index as loadIndex', async () => {
    const { index, run } = workspace();
    const { manifest } = await run();
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const loaded = await loadIndexInSteps(index);
    ticking = false;
    expect(ticks).toBeGreaterThanOrEqual(manifest.segments.length);
    expect(plain(loaded.corpus)).toEqual(plain(loadIndex(index).corpus));
  });
});

describe('manifest', () => {
  it('records every seed file with its hash, size, time, document and segment', async () => {
    const { seeds, index, run } = workspace();
    await run();
    const manifest = readManifest(index)!;
    for (const [file, f] of Object.entries(manifest.files)) {
      expect(f.size).toBe(statSync(join(seeds, file)).size);
      expect(f.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(manifest.segments.some((s) => s.name === f.segment)).toBe(true);
    }
  });
});
