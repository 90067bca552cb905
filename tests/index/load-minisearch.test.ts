import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePostings } from '../../src/index/compiled-postings.ts';
import { loadIndex, readPostings, writeIndex } from '../../src/index/index-store.ts';
import { loadMiniSearch } from '../../src/index/load-minisearch.ts';
import { tempDir } from '../hardening/tmp.ts';
import { seedIndex } from '../helpers.ts';

const dir = tempDir('minisearch');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('search.jsonl: MiniSearch, the index of record, kept beside postings.bin', () => {
  const built = seedIndex();
  writeIndex(dir, built, { skipped: [], now: new Date() });
  const keys = built.corpus.sections.map((s) => s.key);

  it('loadIndex serves without it: the loaded index holds compiled postings and no MiniSearch', () => {
    const loaded = loadIndex(dir);
    expect('index' in loaded).toBe(false);
    expect(loaded.postings.ordinalCount).toBe(keys.length);
  });

  it('loadMiniSearch reads it back: the same answers as the built MiniSearch, and it compiles to postings.bin', () => {
    const index = loadMiniSearch(dir);
    for (const q of ['城市', '更新', '发展', '棚户区']) {
      const answer = (i: typeof index) => i.search(q).map((r) => [r.id, r.score]);
      expect(answer(index), `query ${q}`).toEqual(answer(built.index));
    }
    expect(compilePostings(index, keys)).toStrictEqual(readPostings(dir));
  });
});
