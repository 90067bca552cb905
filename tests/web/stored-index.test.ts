import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DocumentBodies } from '../../src/index/document-store.ts';
import { loadIndex, writeIndex } from '../../src/index/index-store.ts';
import { createApp } from '../../src/web/app.ts';
import { tempDir } from '../hardening/tmp.ts';
import { seedIndex } from '../helpers.ts';

// The same seeds served from memory (plain objects) and from a written index (section store, lazy
// documents): every page and answer must be the same.
const dir = tempDir('index');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const built = seedIndex();
writeIndex(dir, built, { skipped: [], now: new Date() });
const loaded = loadIndex(dir);
const fromMemory = createApp({ ...built, manifest: loaded.manifest });
const fromDisk = createApp(loaded);
const e = encodeURIComponent;
const doc = built.corpus.documents[3].id;

const URLS = [
  '/api/docs',
  `/api/docs/${doc}`,
  `/docs/${doc}`,
  `/docs/${doc}?q=${e('城市更新')}`,
  `/search?q=${e('城市更新')}`,
  `/search?q=${e('"一河六圈三带"')}`,
  `/api/search?q=${e('发展 -罗湖')}`,
  `/search/export.csv?q=${e('养老')}`,
  `/search/export.json?q=${e('PM2.5')}`,
  '/departments',
  `/departments/${e('罗湖区城市更新局')}`,
  `/compare?q=${e('城市更新')}`,
  '/',
];

describe('a written index serves the pages of the index it was written from', () => {
  it.each(URLS)('%s', async (url) => {
    const [a, b] = await Promise.all([request(fromMemory).get(url), request(fromDisk).get(url)]);
    expect(b.status).toBe(a.status);
    // Timings and the test server's port differ from run to run; everything else must not.
    const strip = (text: string) => text.replace(/"(took|tookMs|ms)":[0-9.]+/g, '"$1":0').replace(/127\.0\.0\.1:\d+/g, 'host').replace(/[0-9.]+ 毫秒/g, '… 毫秒');
    expect(strip(b.text)).toBe(strip(a.text));
  });

  it('reads no document’s sections at load or for the listing: only those of the page shown', async () => {
    const read = vi.spyOn(DocumentBodies.prototype, 'sections');
    const app = createApp(loadIndex(dir));
    const list = await request(app).get('/api/docs').expect(200);
    expect(list.body.map((d: { sections: number }) => d.sections)).toEqual(built.corpus.documents.map((d) => d.sections.length));
    await request(app).get(`/search?q=${e('城市更新')}`).expect(200);
    expect(read).not.toHaveBeenCalled();
    await request(app).get(`/docs/${doc}`).expect(200);
    expect(read.mock.calls.map(([k]) => k)).toContain(3);
    expect(new Set(read.mock.calls.map(([k]) => k))).toEqual(new Set([3]));
    read.mockRestore();
  });

  it('still opens a document after its segment folder is removed while this generation is served (a merge removes folded folders)', async () => {
    const other = tempDir('index');
    try {
      writeIndex(other, built, { skipped: [], now: new Date() });
      const app = createApp(loadIndex(other));
      for (const entry of readdirSync(other)) if (entry.startsWith('seg-')) rmSync(join(other, entry), { recursive: true });
      const [a, b] = await Promise.all([request(fromMemory).get(`/api/docs/${doc}`), request(app).get(`/api/docs/${doc}`)]);
      expect(b.status).toBe(200);
      expect(b.body).toEqual(a.body);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
