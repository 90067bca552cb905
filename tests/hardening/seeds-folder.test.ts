import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/index/index-store.ts';
import { readSeeds } from '../../src/pipeline/read-seeds.ts';
import { runCli, tempDir } from './tmp.ts';

/** Deterministic pseudo-random bytes (xorshift), so the "binary" files are the same every run. */
function noise(length: number, seed = 2026): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A seeds folder holding the awkward files scraping produces, next to good pages. */
function hostileSeeds(): string {
  const dir = tempDir('seeds');
  copyFileSync('seeds/000_3b22d4aff9f0ab3b.txt', join(dir, '000.txt'));
  copyFileSync('seeds/003_8f52a2821bb8e2be.txt', join(dir, '罗湖 区 2017 计划.txt'));
  copyFileSync('tests/fixtures/gb18030-page.txt', join(dir, 'gb18030.txt'));
  writeFileSync(join(dir, 'empty.txt'), '');
  // A PDF renamed .txt: a text header followed by compressed streams.
  writeFileSync(join(dir, 'report.txt'), Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n', 'latin1'), deflateSync(noise(200_000)), Buffer.from('\nendstream\n')]));
  writeFileSync(join(dir, 'photo.txt'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(50_000)]));
  writeFileSync(join(dir, 'zeros.txt'), Buffer.alloc(4096));
  // A real page with NUL bytes after some line ends (a scraper artefact): still a page.
  const page = readFileSync('seeds/001_c58925cecce76d80.txt', 'utf8');
  writeFileSync(join(dir, 'nul.txt'), page.split('\n').map((l, i) => (i % 3 === 0 ? l + '\0' : l)).join('\n'));
  // 50 MB of policy text.
  const line = Buffer.from('推进城市更新，完善基础设施建设，提升公共服务水平。\n');
  writeFileSync(join(dir, 'huge.txt'), Buffer.concat(Array.from({ length: Math.ceil((50 * 1024 * 1024) / line.length) }, () => line)));
  mkdirSync(join(dir, 'more'));
  copyFileSync('seeds/002_aad10e4e6f14c379.txt', join(dir, 'more', '002.txt'));
  // Two names that make the same id.
  copyFileSync('tests/fixtures/no-headings.txt', join(dir, 'a b.txt'));
  copyFileSync('tests/fixtures/no-metadata.txt', join(dir, 'a-b.txt'));
  return dir;
}

let seeds: string;
beforeAll(() => {
  seeds = hostileSeeds();
});

describe('a seeds folder with bad files', () => {
  it('skips each bad file by name with its reason and indexes every good one', () => {
    const { documents, problems } = readSeeds(seeds);
    expect(Object.fromEntries(problems.map((p) => [p.file, p.reason]))).toEqual({
      'empty.txt': 'the file is empty',
      'huge.txt': 'larger than 20 MB; split it or remove it',
      more: 'not a file (a folder?): seeds are read from the top level only',
      'photo.txt': expect.stringMatching(/^the file is binary/),
      'report.txt': expect.stringMatching(/^the file is binary/),
      'zeros.txt': expect.stringMatching(/^the file is binary/),
    });
    expect(documents.map((d) => [d.file, d.id])).toEqual([
      ['000.txt', '000'],
      ['a b.txt', 'a-b'],
      ['a-b.txt', 'a-b-2'],
      ['gb18030.txt', 'gb18030'],
      ['nul.txt', 'nul'],
      ['罗湖 区 2017 计划.txt', '罗湖-区-2017-计划'],
    ]);
    const nul = documents.find((d) => d.file === 'nul.txt')!;
    expect(nul.meta.title).toBe('福田区委区政府2015年主要工作');
    expect(nul.sections.some((s) => s.text.includes('\0'))).toBe(false);
  });

  it('npm run index: exit 1 and an index without the bad files; --strict: exit 2 and nothing written', () => {
    const index = tempDir('index');
    const strict = runCli('index-cli.ts', { SEEDS_DIR: seeds, INDEX_DIR: index }, ['--strict']);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain('--strict is set; nothing was written');
    expect(() => loadIndex(index)).toThrow(/no index/);

    const run = runCli('index-cli.ts', { SEEDS_DIR: seeds, INDEX_DIR: index });
    expect(run.status).toBe(1);
    for (const name of ['empty.txt', 'huge.txt', 'photo.txt', 'report.txt', 'zeros.txt', 'more']) {
      expect(run.stdout).toContain(`skipped ${seeds}/${name}: `);
    }
    expect(run.stderr).toContain('6 file(s) skipped');
    const loaded = loadIndex(index);
    expect(loaded.manifest.counts.documents).toBe(6);
    expect(loaded.manifest.skipped).toHaveLength(6);
  });
});
