import { PGlite } from '@electric-sql/pglite';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { configuredBackend } from '../../src/cli/load-postgres.ts';
import { readConfig } from '../../src/config.ts';
import { loadGeneration } from '../../src/index/postgres/load-generation.ts';
import { PG_SCHEMA_VERSION, migrate } from '../../src/index/postgres/pg-schema.ts';
import { pgliteClient } from '../../src/index/postgres/sql-client.ts';
import { postgresBackend } from '../../src/search/postgres/postgres-backend.ts';
import { createApp } from '../../src/web/app.ts';
import { buildIndex } from '../../src/index/build-index.ts';
import { createEngine, search } from '../../src/search/search.ts';
import { seedIndex } from '../helpers.ts';
import { explainingClient } from './backends.ts';

const seeds = seedIndex().corpus;
const firstTwo = { documents: seeds.documents.slice(0, 2), sections: seeds.sections.filter((s) => seeds.documents.slice(0, 2).some((d) => d.id === s.docId)) };

describe('PostgreSQL schema and generations (PGlite)', () => {
  it('creates the schema once and records its version', async () => {
    const client = pgliteClient(await PGlite.create());
    expect(await migrate(client)).toBe(PG_SCHEMA_VERSION);
    await migrate(client);
    expect(await client.read((q) => q('SELECT max(version) AS version FROM zc_schema_version'))).toEqual([{ version: PG_SCHEMA_VERSION }]);
    await client.write((q) => q('INSERT INTO zc_schema_version VALUES ($1)', [PG_SCHEMA_VERSION + 1]));
    await expect(migrate(client)).rejects.toThrow(/newer than this program's/);
    await client.close();
  }, 60_000);

  it('switches to a new generation at once and keeps the old one when a load fails', async () => {
    const client = pgliteClient(await PGlite.create());
    const backend = postgresBackend(client);
    expect(await loadGeneration(client, seeds, 'a', new Date())).toBe(1);
    const all = (await backend.search({ q: '城市更新' })).hits.length;
    expect(await loadGeneration(client, firstTwo, 'b', new Date())).toBe(2);
    const fewer = await backend.search({ q: '城市更新' });
    expect(fewer.hits.every((h) => firstTwo.documents.some((d) => d.id === h.section.docId))).toBe(true);
    expect(fewer.hits.length).toBeLessThan(all);
    expect(await client.read((q) => q('SELECT DISTINCT generation FROM zc_documents'))).toEqual([{ generation: 2 }]);
    expect(await client.read((q) => q('SELECT DISTINCT doc_id FROM zc_sections ORDER BY doc_id'))).toEqual(firstTwo.documents.map((d) => ({ doc_id: d.id })).sort((a, b) => (a.doc_id < b.doc_id ? -1 : 1)));
    // PostgreSQL text cannot hold NUL: the load fails part-way and is rolled back whole.
    const broken = { documents: seeds.documents, sections: seeds.sections.map((s, i) => (i === seeds.sections.length - 1 ? { ...s, folded: s.folded + '\u0000' } : s)) };
    await expect(loadGeneration(client, broken, 'c', new Date())).rejects.toThrow();
    expect((await backend.search({ q: '城市更新' })).hits.map((h) => h.section.key)).toEqual(fewer.hits.map((h) => h.section.key));
    await client.close();
  }, 60_000);

  it('loads incrementally by document hash: a changed document loses its old text, an unchanged one is not rewritten', async () => {
    const client = pgliteClient(await PGlite.create());
    const backend = postgresBackend(client);
    // The first document's section gets a word no seed has; the other documents stay as they are.
    const changed = seeds.documents[0].id;
    const target = seeds.sections.findIndex((s) => s.docId === changed && s.folded.length > 10);
    const withMarker = { documents: seeds.documents, sections: seeds.sections.map((s, i) => (i === target ? { ...s, text: s.text + '琥珀标记', folded: s.folded + '琥珀标记' } : s)) };
    await loadGeneration(client, withMarker, 'a', new Date());
    expect((await backend.search({ q: '琥珀标记' })).hits.map((h) => h.section.key)).toEqual([seeds.sections[target].key]);
    // xmin is the transaction that wrote a row version: unchanged rows keep theirs across a load.
    const versions = () => client.read((q) => q<{ doc_id: string; xmin: string }>('SELECT doc_id, xmin::text AS xmin FROM zc_sections'));
    const before = await versions();
    // The backend keeps section records in Node by document hash: the changed section must not come back from memory.
    const textOf = async () => (await backend.search({ q: seeds.sections[target].folded.slice(0, 6) })).hits.find((h) => h.section.key === seeds.sections[target].key)?.section.text;
    expect(await textOf()).toContain('琥珀标记');
    await loadGeneration(client, seeds, 'b', new Date());
    expect((await backend.search({ q: '琥珀标记' })).hits).toEqual([]);
    expect(await textOf()).toBe(seeds.sections[target].text);
    const after = await versions();
    const written = (rows: { doc_id: string; xmin: string }[], doc: (id: string) => boolean) => rows.filter((r) => doc(r.doc_id)).map((r) => r.xmin).sort();
    expect(written(after, (id) => id !== changed), 'unchanged documents kept their rows').toEqual(written(before, (id) => id !== changed));
    expect(written(after, (id) => id === changed).some((x) => written(before, (id) => id === changed).includes(x)), 'the changed document was written again').toBe(false);
    // A removed document's rows go; the answers stay those of the embedded engine (contract suite) for what remains.
    await loadGeneration(client, firstTwo, 'c', new Date());
    expect(new Set((await versions()).map((r) => r.doc_id))).toEqual(new Set(firstTwo.documents.map((d) => d.id)));
    expect(written(await versions(), (id) => id !== changed)).toEqual(written(after, (id) => firstTwo.documents.some((d) => d.id === id && id !== changed)));
    await client.close();
  }, 60_000);

  it('gives kept documents their new ordinals when a document before them is removed (answers equal the embedded engine on the rest)', async () => {
    const client = pgliteClient(await PGlite.create());
    const backend = postgresBackend(client);
    await loadGeneration(client, seeds, 'a', new Date());
    const rest = buildIndex(seeds.documents.slice(1));
    await loadGeneration(client, rest.corpus, 'b', new Date());
    const engine = createEngine(rest);
    for (const q of ['城市更新', '棚改 罗湖', '发展']) {
      const [got, expected] = [await backend.search({ q }), search(engine, { q })];
      expect(got.hits.map((h) => [h.section.key, h.ordinal, h.score])).toEqual(expected.hits.map((h) => [h.section.key, h.ordinal, h.score]));
    }
    await client.close();
  }, 60_000);

  it('probes the GIN index in the search statement instead of scanning the sections', async () => {
    const client = pgliteClient(await PGlite.create());
    await loadGeneration(client, seeds, 'a', new Date());
    const plans: string[] = [];
    const backend = postgresBackend(explainingClient(client, plans));
    await backend.search({ q: '城市更新' });
    await backend.search({ q: '棚改 罗湖', filters: { year: ['2017'] } });
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan).toMatch(/Bitmap Index Scan on zc_sections_access/);
      expect(plan).not.toMatch(/Seq Scan on zc_sections|zc_sections_pkey/);
    }
    await client.close();
  }, 60_000);

  it('serves the web pages from PostgreSQL with the answers of the embedded engine', async () => {
    const client = pgliteClient(await PGlite.create());
    await loadGeneration(client, seeds, 'a', new Date());
    const pgApp = createApp(seedIndex(), postgresBackend(client));
    const embeddedApp = createApp(seedIndex());
    const path = '/api/search?q=城市更新&district=罗湖区';
    const [fromPg, fromEmbedded] = await Promise.all([request(pgApp).get(path), request(embeddedApp).get(path)]);
    const strip = (body: Record<string, unknown>) => ({ ...body, tookMs: 0 });
    expect(strip(fromPg.body)).toEqual(strip(fromEmbedded.body));
    expect((await request(pgApp).get('/healthz')).body.backend).toBe('postgres');
    expect((await request(pgApp).get('/search?q=棚改')).status).toBe(200);
    // Pages, later pages, an opened group, a date sort, the feed and an API page from SQL's paging equal the embedded engine's.
    const open = seeds.documents[1].id;
    for (const page of ['/search?q=发展', '/search?q=发展&page=2', `/search?q=建设&open=${open}`, '/search?q=建设&sort=date', '/search.atom?q=城市更新', '/api/search?q=发展&page=3&size=5']) {
      const [pgPage, embeddedPage] = await Promise.all([request(pgApp).get(page), request(embeddedApp).get(page)]);
      const timeless = (r: request.Response) => (r.type === 'application/json' ? JSON.stringify({ ...r.body, tookMs: 0 }) : r.text.replace(/（[\d.]+ 毫秒）|127\.0\.0\.1:\d+/g, ''));
      expect(pgPage.status, page).toBe(200);
      expect(timeless(pgPage), page).toBe(timeless(embeddedPage));
    }
    await client.close();
  }, 60_000);

  it('refuses to start with a clear message when the database cannot be reached', async () => {
    const config = readConfig({ SEARCH_BACKEND: 'postgres', DATABASE_URL: 'postgres://zhengce@127.0.0.1:1/zhengce' });
    await expect(configuredBackend(config)).rejects.toThrow(/cannot use the PostgreSQL search backend at DATABASE_URL/);
  }, 20_000);
});
