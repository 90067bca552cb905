import { once } from 'node:events';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { updateIndex } from '../../src/cli/update-index.ts';
import { readConfig } from '../../src/config.ts';
import { runCli, spawnCli, tempDir } from '../hardening/tmp.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('npm start while `npm run index` updates the index', () => {
  it('serves a page added to the seeds after an incremental run, without a restart; the changed page’s old text is gone', async () => {
    const seeds = tempDir('seeds');
    const index = tempDir('index');
    made.push(seeds, index);
    cpSync('seeds', seeds, { recursive: true });
    const env = { SEEDS_DIR: seeds, INDEX_DIR: index };
    await updateIndex(readConfig(env), () => {});
    const server = spawnCli('start.ts', { ...env, HOST: '127.0.0.1', PORT: '0' });
    const exit = once(server, 'exit');
    let out = '';
    server.stdout!.on('data', (b) => (out += b));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        server.stdout!.on('data', () => {
          const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (m) resolve(Number(m[1]));
        });
        server.on('exit', () => reject(new Error(`server exited early: ${out}`)));
      });
      const get = async (path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).json();
      const docs = async (q: string) => new Set(((await get(`/api/search?size=100&q=${encodeURIComponent(q)}`)).hits as { docId: string }[]).map((h) => h.docId));
      expect(await docs('"无人机配送航线"')).toEqual(new Set());
      expect(await docs('"城市更新"')).toContain('002_aad10e4e6f14c379');

      writeFileSync(join(seeds, 'zz-new.txt'), readFileSync('tests/fixtures/updates/low-altitude.txt'));
      const page = join(seeds, '002_aad10e4e6f14c379.txt');
      writeFileSync(page, readFileSync(page, 'utf8').replaceAll('城市更新', '旧区改造'));
      const started = Date.now();
      const run = runCli('index-cli.ts', env);
      expect(run.stdout, run.stderr).toMatch(/^updated .* 1 new, 1 changed, 0 removed file\(s\)/m);
      let generation = 1;
      while (generation < 2 && Date.now() - started < 15_000) {
        await new Promise((r) => setTimeout(r, 100));
        generation = (await get('/healthz')).generation;
      }
      console.log(`incremental run plus reload on the seeds: served ${Date.now() - started} ms after the run started (node + tsx start-up included)`);
      expect(generation, out).toBe(2);
      expect(await docs('"无人机配送航线"')).toEqual(new Set(['zz-new']));
      expect(await docs('"城市更新"')).not.toContain('002_aad10e4e6f14c379');
      expect(out).toMatch(/index generation 2 loaded in \d+ ms/);
    } finally {
      server.kill('SIGTERM');
      await exit;
    }
  }, 60_000);
});
