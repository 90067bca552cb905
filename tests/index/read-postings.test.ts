import { readFileSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePostings } from '../../src/index/compiled-postings.ts';
import { IndexUnusableError, loadIndex, readPostings, writeIndex } from '../../src/index/index-store.ts';
import { tempDir } from '../hardening/tmp.ts';
import { seedIndex } from '../helpers.ts';

/** The seed index written to a fresh folder; returns the folder and its postings file. */
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function writtenSeedIndex() {
  const dir = tempDir('postings');
  made.push(dir);
  const manifest = writeIndex(dir, seedIndex(), { skipped: [], now: new Date() });
  return { dir, file: join(dir, manifest.segments[0].name, 'postings.bin') };
}

describe('postings.bin in an index generation', () => {
  it('is written by writeIndex and read back as the postings compiled from the built MiniSearch', () => {
    const { dir } = writtenSeedIndex();
    const { corpus, index } = seedIndex();
    expect(readPostings(dir)).toStrictEqual(compilePostings(index, corpus.sections.map((s) => s.key)));
  });

  it('a truncated or missing postings file is an IndexUnusableError naming `npm run index`', () => {
    const { dir, file } = writtenSeedIndex();
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    expect(() => readPostings(dir)).toThrow(IndexUnusableError);
    expect(() => readPostings(dir)).toThrow(/postings\.bin is truncated.*npm run index/);
    rmSync(file);
    expect(() => readPostings(dir)).toThrow(/postings\.bin is missing.*npm run index/);
  });

  it('loadIndex serves the postings file and refuses a generation without one, naming `npm run index`', () => {
    const { dir, file } = writtenSeedIndex();
    expect(loadIndex(dir).postings).toStrictEqual(readPostings(dir));
    rmSync(file);
    expect(() => loadIndex(dir)).toThrow(IndexUnusableError);
    expect(() => loadIndex(dir)).toThrow(/postings\.bin is missing \(an index built before compiled postings\); run `npm run index` to rebuild it$/);
  });
});
