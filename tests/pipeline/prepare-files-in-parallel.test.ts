import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.ts';
import { type PreparedFile, prepareFiles } from '../../src/pipeline/prepare-files.ts';
import { PrepareWorkerError, prepareFilesInParallel } from '../../src/pipeline/prepare-files-in-parallel.ts';
import { listSeeds } from '../../src/pipeline/read-seeds.ts';
import { tempDir } from '../hardening/tmp.ts';

async function all(source: AsyncIterable<PreparedFile>): Promise<PreparedFile[]> {
  const out: PreparedFile[] = [];
  for await (const p of source) out.push(p);
  return out;
}

/** What a consumer took before the source threw, and the error. */
async function untilThrown(source: AsyncIterable<PreparedFile>): Promise<{ taken: PreparedFile[]; error: unknown }> {
  const taken: PreparedFile[] = [];
  try {
    for await (const p of source) taken.push(p);
  } catch (error) {
    return { taken, error };
  }
  throw new Error('expected the source to throw');
}

let mixed: string;

beforeAll(() => {
  // The seeds, the fixture pages (traditional script, tables, damaged and empty pages) and a
  // generated batch, in one folder so one run interleaves them across the workers.
  mixed = tempDir('parallel');
  cpSync('seeds', mixed, { recursive: true });
  cpSync('tests/fixtures/pages', mixed, { recursive: true });
  for (const page of generateCorpus(1500).pages) writeFileSync(join(mixed, page.file), page.bytes);
  writeFileSync(join(mixed, 'zz-empty.txt'), '');
});

describe('prepareFilesInParallel', () => {
  it('yields the same prepared files as prepareFiles, in the same order', async () => {
    const files = listSeeds(mixed);
    expect(files.length).toBeGreaterThan(40);
    const sequential = await all(prepareFiles(mixed, files));
    expect(sequential.some((p) => 'problem' in p)).toBe(true);
    const parallel = await all(prepareFilesInParallel(mixed, files, { workers: 2, inFlight: 3 }));
    expect(parallel.map((p) => p.file)).toEqual(files);
    // Deep equality, section records and words included: the workers' compact form loses nothing.
    for (let i = 0; i < files.length; i++) expect(parallel[i], `${files[i]} differs from the sequential reference`).toEqual(sequential[i]);
  });

  it('reads no further ahead than its in-flight bound while the consumer is busy', async () => {
    const dir = tempDir('ahead');
    cpSync('seeds', dir, { recursive: true });
    const present = listSeeds(dir);
    // These files do not exist yet: the consumer writes them after taking the first file. A pool
    // that read ahead without bound would have failed on them already.
    const later = ['later-1.txt', 'later-2.txt'];
    const taken: string[] = [];
    for await (const p of prepareFilesInParallel(dir, [...present, ...later], { workers: 2, inFlight: 2 })) {
      if (taken.length === 0) for (const f of later) cpSync(join(dir, present[0]), join(dir, f));
      expect('problem' in p, `${p.file} was not read`).toBe(false);
      taken.push(p.file);
    }
    expect(taken).toEqual([...present, ...later]);
  });

  it('throws an error met in one file when the consumer reaches that file, after the files before it', async () => {
    const files = [...listSeeds('seeds').slice(0, 2), 'missing.txt', listSeeds('seeds')[2]];
    const sequential = await untilThrown(prepareFiles('seeds', files));
    const parallel = await untilThrown(prepareFilesInParallel('seeds', files, { workers: 2 }));
    expect(parallel.taken).toEqual(sequential.taken);
    expect(parallel.taken).toHaveLength(2);
    expect((parallel.error as Error).message).toBe((sequential.error as Error).message);
    expect((parallel.error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('reports a worker that dies, naming the file it was preparing', async () => {
    // A worker given too small a heap dies loading the dictionaries.
    const { error } = await untilThrown(prepareFilesInParallel('seeds', listSeeds('seeds'), { workers: 1, resourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 } }));
    expect(error).toBeInstanceOf(PrepareWorkerError);
    expect((error as Error).message).toContain(listSeeds('seeds')[0]);
    expect((error as Error).message).toContain('build with one worker');
  });

  it('stops its workers when the consumer stops early', async () => {
    const files = readdirSync('seeds').sort();
    const source = prepareFilesInParallel('seeds', files, { workers: 2 });
    for await (const p of source) {
      expect(p.file).toBe(files[0]);
      break;
    }
    // The generator is finished: nothing more comes and no worker keeps the process alive.
    expect(await source.next()).toEqual({ done: true, value: undefined });
  });

  it('runs from the compiled dist/ (plain .js workers, no TypeScript loader)', async () => {
    const entry = resolve('dist/pipeline/prepare-files-in-parallel.js');
    expect(existsSync(entry), 'dist/ is missing or stale: run `npm run build`').toBe(true);
    const script = join(tempDir('dist'), 'run.mjs');
    writeFileSync(
      script,
      `const { prepareFilesInParallel } = await import(${JSON.stringify(pathToFileURL(entry).href)});
      for await (const p of prepareFilesInParallel(process.argv[2], process.argv.slice(3), { workers: 2 })) console.log(p.file, p.sections.length);`,
    );
    const files = listSeeds('seeds');
    const run = spawnSync(process.execPath, [script, resolve('seeds'), ...files], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const expected = (await all(prepareFiles('seeds', files))).map((p) => `${p.file} ${'sections' in p ? p.sections.length : '-'}`);
    expect(run.stdout.trim().split('\n')).toEqual(expected);
  });

  it('yields nothing and starts no worker for no files', async () => {
    expect(await all(prepareFilesInParallel('seeds', []))).toEqual([]);
  });
});
