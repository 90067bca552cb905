import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { pgClient } from '../../src/index/postgres/sql-client.ts';
import { postgresBackend } from '../../src/search/postgres/postgres-backend.ts';
import { shardedBackend } from '../../src/search/postgres/sharded-backend.ts';
import { createApp } from '../../src/web/app.ts';
import { seedIndex } from '../helpers.ts';

/** Nothing listens on port 1: every connection is refused at once. */
const DOWN = 'postgres://zhengce@127.0.0.1:1/zhengce';

describe('a PostgreSQL backend whose database is down', () => {
  for (const [name, backend] of [['single', () => postgresBackend(pgClient(DOWN))], ['sharded', () => shardedBackend([pgClient(DOWN), pgClient(DOWN)])]] as const) {
    it(`${name}: pages and the API say the search service is unavailable (503), /healthz reports it, documents still open`, async () => {
      const b = backend();
      const app = createApp(seedIndex(), b);
      const page = await request(app).get('/search?q=城市更新');
      expect(page.status).toBe(503);
      expect(page.text).toContain('检索服务暂时不可用');
      const api = await request(app).get('/api/search?q=城市更新');
      expect(api.status).toBe(503);
      expect(api.body.error).toBe('search_unavailable');
      const health = await request(app).get('/healthz');
      expect(health.status).toBe(503);
      expect(health.body.status).toBe('search_unavailable');
      expect((await request(app).get(`/docs/${seedIndex().corpus.documents[0].id}`)).status).toBe(200);
      await b.close();
    }, 30_000);
  }
});
