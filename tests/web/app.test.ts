import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/web/app.ts';
import { seedIndex } from '../helpers.ts';

const app = createApp(seedIndex());

describe('routes', () => {
  it('GET / shows the overview', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('罗湖区');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('security headers: own scripts and styles only, no framing, nosniff, no X-Powered-By', async () => {
    for (const path of ['/', '/search?q=x', '/api/search?q=x', '/docs/nope', '/static/site.css']) {
      const res = await request(app).get(path);
      const csp = res.headers['content-security-policy'];
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['x-powered-by'], path).toBeUndefined();
    }
  });

  it('GET /search renders grouped, highlighted results with section deep links', async () => {
    const res = await request(app).get('/search').query({ q: '城市更新' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<mark>城市更新</mark>');
    expect(res.text).toMatch(/href="\/docs\/004_3c0b11c1ebd16181\?q=%E5%9F%8E%E5%B8%82%E6%9B%B4%E6%96%B0#s3-3-\d"/);
  });

  it('facet and chip links keep the other filters', async () => {
    const res = await request(app).get('/search').query({ q: '城市更新', district: '罗湖区', dept: '罗湖区城市更新局' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/class="chip" href="\/search\?q=[^"]*district=%E7%BD%97%E6%B9%96%E5%8C%BA[^"]*"/);
    expect(res.text).toContain('checked');
  });

  it.each(['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</mark><script>x</script>'])('escapes hostile q %s', async (q) => {
    for (const path of ['/search', '/docs/002_aad10e4e6f14c379']) {
      const res = await request(app).get(path).query({ q });
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('<script>x');
      expect(res.text).not.toContain('<img src=x');
    }
  });

  it('GET /docs/:id shows sections with ids, departments and glossary links', async () => {
    const res = await request(app).get('/docs/002_aad10e4e6f14c379').query({ q: '一河六圈三带' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="glossary-1"');
    expect(res.text).toContain('<a class="fn" href="#glossary-1">[1]</a>');
    expect(res.text).toContain('<mark>一河六圈三带</mark>');
    const trad = await request(app).get('/docs/000_3b22d4aff9f0ab3b').query({ view: 'original' });
    expect(trad.text).toContain('指導思想');
    expect(trad.text).toContain('牵头：罗湖区科技创新局');
  });

  it('GET /api/search returns the documented shape', async () => {
    const res = await request(app).get('/api/search').query({ q: '城市更新', size: 5, dept: '罗湖区城市更新局' });
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect(res.body).toMatchObject({ query: { q: '城市更新' }, page: 1, size: 5 });
    expect(res.body.hits).toHaveLength(5);
    for (const h of res.body.hits) {
      expect(h.departments.lead).toContain('罗湖区城市更新局');
      expect(Object.keys(h)).toEqual(expect.arrayContaining(['docId', 'sectionId', 'url', 'docTitle', 'district', 'date', 'docNumber', 'type', 'path', 'heading', 'departments', 'snippet', 'text', 'score']));
    }
    expect(Object.keys(res.body.facets)).toEqual(['district', 'department', 'year', 'type', 'validity']);
  });

  it('GET /api/docs, /api/docs/:id, /api/suggest, /healthz, /opensearch.xml', async () => {
    expect((await request(app).get('/api/docs')).body).toHaveLength(5);
    const doc = await request(app).get('/api/docs/004_3c0b11c1ebd16181');
    expect(doc.body.sections.find((s: { id: string }) => s.id === 's3-3').heading).toBe('城市更新工作机制深化改革');
    expect((await request(app).get('/api/suggest').query({ q: '城市' })).body.suggestions).toContain('城市更新');
    expect((await request(app).get('/healthz')).body).toMatchObject({ status: 'ok', documents: 5 });
    const os = await request(app).get('/opensearch.xml');
    expect(os.status).toBe(200);
    expect(os.text).toContain('/search?q={searchTerms}');
  });

  it('bad parameters give 400 with a message, unknown documents 404', async () => {
    const long = await request(app).get('/api/search').query({ q: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.error).toBe('query_too_long');
    expect(long.body.message).toMatch(/最多 200 个字/);
    expect((await request(app).get('/api/search').query({ size: 0 })).status).toBe(400);
    expect((await request(app).get('/search').query({ page: 'abc' })).status).toBe(400);
    expect((await request(app).get('/search?q[a]=1')).status).toBe(200); // an unknown parameter, ignored
    expect((await request(app).get('/api/search').query({ page: 1001 })).body).toEqual({ error: 'bad_page', message: '参数 page 应是 1 到 1000 之间的整数。' });
    expect((await request(app).get('/api/search').query({ size: 101 })).body.error).toBe('bad_size');
    const many = await request(app).get('/api/search?' + Array.from({ length: 21 }, (_, i) => `district=d${i}`).join('&'));
    expect(many.body.error).toBe('too_many_values');
    const broken = await request(app).get('/api/docs/%E4%ZZ');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('malformed_address');
    expect((await request(app).get('/api/docs/nope')).status).toBe(404);
    const html404 = await request(app).get('/docs/..%2F..%2Fetc%2Fpasswd');
    expect(html404.status).toBe(404);
    expect(html404.type).toBe('text/html');
  });

  it('repeated q parameters do not cause a 500', async () => {
    expect((await request(app).get('/api/search?q=a&q=b')).status).toBe(200);
  });
});
