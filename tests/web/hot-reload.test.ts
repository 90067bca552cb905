import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ensureIndex } from '../../src/cli/build.ts';
import { updateIndex } from '../../src/cli/update-index.ts';
import { reloadingApp } from '../../src/web/reloading-app.ts';
import { CHANGED, NEW_PAGE, workspace } from '../index/workspace.ts';

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await check()) return true;
  return false;
}

describe('hot reload', () => {
  it('a page added or changed while the server runs is served after `npm run index`, without a restart', async () => {
    const { seeds, index, config } = workspace();
    const lines: string[] = [];
    const served = reloadingApp(index, await ensureIndex(config, () => {}), { intervalMs: 100, log: (l) => lines.push(l) });
    try {
      const app = request(served.handler);
      const docs = async (q: string) => new Set(((await app.get('/api/search').query({ q, size: 100 })).body.hits as { docId: string }[]).map((h) => h.docId));
      const oldText = '"' + served.current().corpus.sections.find((s) => s.docId === CHANGED && s.text.length > 20)!.text.slice(0, 16) + '"';
      expect(await docs(oldText)).toContain(CHANGED);
      expect(await docs('无人机配送')).not.toContain('zz-new');
      expect((await app.get('/healthz')).body.generation).toBe(1);

      writeFileSync(join(seeds, 'zz-new.txt'), NEW_PAGE);
      writeFileSync(join(seeds, `${CHANGED}.txt`), NEW_PAGE.replace('低空物流配送', '城市绿道养护').replace('无人机', '巡护车'));
      await updateIndex(config, () => {});
      // The poll (every 100 ms here, about a second in `npm start`) notices the new manifest.
      expect(await until(async () => (await app.get('/healthz')).body.generation === 2, 10_000), lines.join('\n')).toBe(true);
      expect(await docs('无人机配送')).toContain('zz-new');
      expect(await docs('巡护车')).toEqual(new Set([CHANGED]));
      expect(await docs(oldText), `old text of ${CHANGED} still found`).not.toContain(CHANGED);
      expect(lines.at(-1)).toMatch(/^index generation 2 loaded in \d+ ms \(6 documents/);
    } finally {
      served.stop();
    }
  });

  it('a generation that cannot be loaded is logged once and the old one keeps serving', async () => {
    const { seeds, index, config } = workspace();
    const lines: string[] = [];
    const served = reloadingApp(index, await ensureIndex(config, () => {}), { intervalMs: 60_000, log: (l) => lines.push(l) });
    try {
      writeFileSync(join(seeds, 'zz-new.txt'), NEW_PAGE);
      const { manifest } = await updateIndex(config, () => {});
      rmSync(join(index, manifest.segments.at(-1)!.name, 'postings.bin'));
      expect(await served.check()).toBe(false);
      expect(await served.check()).toBe(false);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/changed but cannot be loaded \(.*postings\.bin is missing.*\); still serving generation 1$/);
      const health = await request(served.handler).get('/healthz');
      expect(health.body).toMatchObject({ status: 'ok', generation: 1, documents: 5 });
    } finally {
      served.stop();
    }
  });
});
