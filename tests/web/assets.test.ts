import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/web/app.ts';
import { seedIndex } from '../helpers.ts';

const app = createApp(seedIndex());

describe('site assets', () => {
  it('/favicon.ico leads to the site icon, which every page links', async () => {
    const ico = await request(app).get('/favicon.ico');
    expect(ico.status).toBe(301);
    expect(ico.headers.location).toBe('/static/favicon.svg');
    const svg = await request(app).get('/static/favicon.svg');
    expect(svg.status).toBe(200);
    expect(svg.type).toBe('image/svg+xml');
    expect((await request(app).get('/')).text).toContain('<link rel="icon" href="/static/favicon.svg"');
  });

  it('the fallback Chinese font is served from the site, with the subsets its stylesheet names', async () => {
    const page = await request(app).get('/search?q=城市更新');
    expect(page.text).toContain('href="/static/fonts/noto-sans-sc/400.css"');
    const css = await request(app).get('/static/fonts/noto-sans-sc/400.css');
    expect(css.status).toBe(200);
    const files = [...css.text.matchAll(/url\(\.\/(files\/[^)]+\.woff2)\)/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(50);
    const font = await request(app).get(`/static/fonts/noto-sans-sc/${files[0]}`);
    expect(font.status).toBe(200);
    expect(font.type).toBe('font/woff2');
    expect(font.headers['cache-control']).toContain('immutable');
  });
});
