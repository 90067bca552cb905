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
import { seedIndex } from '../helpers.ts';
import { explainingClient } from './backends.ts';

const seeds = seedIndex().corpus;
const firstTwo = { documents: seeds.documents.slice(0, 2), sections: seeds.sections.filter((s) => seeds.documents.slice(0, 2).some((d) => d.id === s.docId)) };

describe('PostgreSQL schema and generations (PGlite)', () => {
  it('creates the schema once and records its version', async () => {
    const client = pgliteClient(await PGlite.create());
    expect(await migrate(client)).toBe(PG_SCHEMA_VERSION);
    await migrate(client);
    expect(await client.read((q) => q('SELECT version FROM zc_schema_version'))).toEqual([{ version: PG_SCHEMA_VERSION }]);
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
    expect(await client.read((q) => q('SELECT DISTINCT generation FROM zc_sections'))).toEqual([{ generation: 2 }]);
    // PostgreSQL text cannot hold NUL: the load fails part-way and is rolled back whole.
    const broken = { documents: seeds.documents, sections: seeds.sections.map((s, i) => (i === seeds.sections.length - 1 ? { ...s, folded: s.folded + '\u0000' } : s)) };
    await expect(loadGeneration(client, broken, 'c', new Date())).rejects.toThrow();
    expect((await backend.search({ q: '城市更新' })).hits.map((h) => h.section.key)).toEqual(fewer.hits.map((h) => h.section.key));
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
    await client.close();
  }, 60_000);

  it('refuses to start with a clear message when the database cannot be reached', async () => {
    const config = readConfig({ SEARCH_BACKEND: 'postgres', DATABASE_URL: 'postgres://zhengce@127.0.0.1:1/zhengce' });
    await expect(configuredBackend(config)).rejects.toThrow(/cannot use the PostgreSQL search backend at DATABASE_URL/);
  }, 20_000);
});
