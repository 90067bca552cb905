import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/search/parse-query.ts';
import { search } from '../../src/search/search.ts';
import { XMLValidator } from 'fast-xml-parser';
import { seedEngine, startSeedServer } from '../helpers.ts';

const SEED = 20261121;
/** A generous ceiling for one call: a hang or a pathological regex shows, a slow machine does not. */
const MAX_MS = 2000;

/** Pieces that break naive search code: odd Unicode, syntax, markup, numbers, real words. */
const piece = fc.oneof(
  fc.constantFrom('城市更新', '棚戶區改造', '发展', '牵头单位', '罗湖区', '2017', 'PM2.5', 'GDP', '一河六圈三带'),
  fc.constantFrom('"', '“', '”', '-', ' OR ', 'OR', '(', ')', '*', '?', '\\', '^', '$', '|', '[', ']', '{', '}', '.+', '(?:', '\\u0000', '%', '%ZZ', '&', '#', '+'),
  fc.constantFrom('\ud800', '\udfff', '\u0301', '\u0300\u0301\u0302', '\u202e', '\u200f', '\u200b', '\ufeff', '\u0000', '\uffff', '\u05d0\u05d1', 'مرحبا', '👩‍👩‍👧', '🏳️‍🌈', '𠀀', '\u3000', 'ｆｕｌｌ'),
  fc.constantFrom('<script>', '</mark>', '<mark>', '" onfz="', "' onfz='", 'javascript:', '<b class=fz>'),
  fc.constantFrom('1e308', '-1', '99999999999999999999', 'NaN', 'Infinity', '0x10', '1.5'),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
  fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
);
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

describe('fuzz: the search function', () => {
  const engine = seedEngine();
  it('never throws, returns sections of the corpus, and answers in bounded time (3,000 inputs)', () => {
    const filterValue = fc.oneof(text, fc.constantFrom('罗湖区', '罗湖区城市更新局', '2017', '计划'));
    fc.assert(
      fc.property(text, fc.array(filterValue, { maxLength: 3 }), fc.array(filterValue, { maxLength: 3 }), fc.constantFrom('relevance', 'date') as fc.Arbitrary<'relevance' | 'date'>, (q, district, department, sort) => {
        expect(() => parseQuery(q)).not.toThrow();
        const started = performance.now();
        const result = search(engine, { q, filters: { district, department, year: [], type: [], validity: [] }, sort });
        expect(performance.now() - started).toBeLessThan(MAX_MS);
        for (const h of result.hits.slice(0, 5)) expect(engine.corpus.sections[engine.ordinalOf.get(h.section.key)!]).toBe(h.section);
        expect(result.literalCount).toBeLessThanOrEqual(result.hits.length);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });
});

describe('fuzz: the HTTP API and pages', () => {
  let server: http.Server;
  let port: number;
  const agent = new http.Agent({ keepAlive: true });
  beforeAll(async () => {
    ({ server, port } = await startSeedServer());
  });
  afterAll(() => {
    agent.destroy();
    server.close();
  });

  /** GET a raw path exactly as written (no re-encoding), as a browser or a script might send it. */
  const get = (path: string) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') }));
      }).on('error', reject);
    });

  /** A value as it may appear in a query string: encoded properly, half-encoded, or raw-broken. */
  const encoded = fc.oneof(
    text.map((t) => encodeURIComponent(t.replace(/[\ud800-\udfff]/g, ''))),
    text.map((t) => encodeURIComponent(t.replace(/[\ud800-\udfff]/g, '')).replace(/%[0-9A-F]{2}$/, '%E')),
    fc.constantFrom('%', '%E4%', '%ZZ', '%u4e00', '%C0%AE', '%00', '%EF%BF%BF', '%ED%A0%80', '+', '%2B', ''),
    fc.integer().map(String),
    fc.constantFrom('1e308', '-1', '99999999999999999999', '0'),
  );
  const name = fc.constantFrom('q', 'q', 'q', 'district', 'dept', 'year', 'type', 'sort', 'page', 'size', 'role', 'expand', 'from', 'to', 'open', 'q[]', 'q[a]', 'dept[0][x]', 'district[]', '__proto__', 'constructor[prototype][x]', 'view', 'x');
  const param = fc.tuple(name, encoded).map(([k, v]) => `${k}=${v}`);
  const route = fc.constantFrom('/search', '/api/search', '/api/suggest', '/docs/004_3c0b11c1ebd16181', '/', '/healthz', '/compare', '/departments', `/departments/${encodeURIComponent('罗湖区财政局')}`, '/search/export.csv', '/search/export.json', '/search.atom');
  const docPath = fc.oneof(encoded, fc.constantFrom('..%2F..%2Fpackage.json', '%2e%2e', '004_3c0b11c1ebd16181%00', 'con', '.', '..')).map((id) => [`/docs/${id}`, `/api/docs/${id}`, `/departments/${id}`, `/departments/${id}/export.csv`]);

  it('no 5xx, no unescaped input in HTML, bounded time (1,000 generated cases)', async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.tuple(route, fc.array(param, { minLength: 1, maxLength: 5 })).map(([r, ps]) => [`${r}?${ps.join('&')}`]), docPath), async (paths) => {
        for (const path of paths) {
          const started = performance.now();
          const res = await get(path);
          requests++;
          expect(performance.now() - started, path).toBeLessThan(MAX_MS);
          expect(res.status, path).toBeLessThan(500);
          if (res.type.startsWith('text/html')) {
            expect(res.body, path).not.toMatch(/<script>|<b class=fz|onfz=["']/);
            // Only our own markup: every tag in the page is one the templates write.
            for (const [, tag] of res.body.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) expect(ALLOWED_TAGS, path).toContain(tag.toLowerCase());
          } else if (res.type.startsWith('text/csv')) {
            expect(res.body.startsWith('\ufeff'), path).toBe(true);
          } else if (res.type.startsWith('application/atom+xml')) {
            expect(XMLValidator.validate(res.body), path).toBe(true);
          } else {
            expect(res.type, path).toMatch(/^application\/json/);
            expect(() => JSON.parse(res.body)).not.toThrow();
          }
        }
      }),
      { numRuns: 1000, seed: SEED },
    );
    console.log(`fuzz: ${requests} HTTP requests`);
    expect(requests).toBeGreaterThanOrEqual(1000);
  });
});

const ALLOWED_TAGS = ['html', 'head', 'meta', 'title', 'link', 'script', 'body', 'header', 'a', 'form', 'label', 'input', 'datalist', 'option', 'button', 'main', 'div', 'section', 'p', 'strong', 'span', 'fieldset', 'legend', 'article', 'h1', 'h2', 'h3', 'ol', 'ul', 'li', 'nav', 'dl', 'dt', 'dd', 'mark', 'sup', 'footer', 'small', 'table', 'tr', 'td', 'th', 'thead', 'tbody', 'em', 'br', 'details', 'summary', 'aside', 'abbr', 'time', 'select', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'figure', 'figcaption', 'svg', 'rect', 'line', 'text'];
