import request from 'supertest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { termsToMark } from '../../src/search/highlight-terms.ts';
import { findRanges, makeSnippet } from '../../src/search/snippet.ts';
import { queryHighlight, search } from '../../src/search/search.ts';
import { createApp } from '../../src/web/app.ts';
import { seedEngine, seedIndex } from '../helpers.ts';

const app = createApp(seedIndex());
const engine = seedEngine();
const e = encodeURIComponent;
const sections = engine.corpus.sections;
/** Result rows on a results page: the item links with their section ids. */
const rowIds = (html: string) => [...html.matchAll(/<a class="crumb" href="\/docs\/([^"?#]+)[^"#]*#([^"]+)"/g)].map((m) => `${m[1]}#${decodeURIComponent(m[2])}`);

describe('department names are resolved', () => {
  it('dept=城市更新局 lists every district\'s 城市更新局 items, and says which departments it used', async () => {
    const bureaus = [...new Set(sections.flatMap((s) => s.lead))].filter((n) => /^.+区城市更新局$/.test(n));
    expect(bureaus.length).toBeGreaterThan(0);
    const expected = sections.filter((s) => s.lead.some((l) => bureaus.includes(l))).map((s) => s.key).sort();
    const res = await request(app).get(`/search?dept=${e('城市更新局')}`);
    expect(res.status).toBe(200);
    expect(rowIds(res.text).sort()).toEqual(expected);
    expect(res.text).toContain(`牵头单位“城市更新局”按 ${bureaus.join('、')} 检索`);
    const api = await request(app).get(`/api/search?dept=${e('城市更新局')}&size=100`);
    expect(api.body.hits.map((h: { docId: string; sectionId: string }) => `${h.docId}#${h.sectionId}`).sort()).toEqual(expected);
  });

  it('住建局 and 区住建局 mean 住房和建设局; /departments/罗湖区住建局 redirects to 罗湖区住房和建设局', async () => {
    const canonical = search(engine, { q: '', filters: { department: ['罗湖区住房和建设局'] } }).hits.length;
    expect(canonical).toBeGreaterThan(0);
    for (const name of ['住建局', '区住建局', '罗湖区住建局']) expect(search(engine, { q: '', filters: { department: [name] } }).hits.length, name).toBe(canonical);
    const res = await request(app).get(`/departments/${e('罗湖区住建局')}?role=assist`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`/departments/${e('罗湖区住房和建设局')}?role=assist`);
  });

  it('an unknown department page is a Chinese 404 suggesting the nearest departments', async () => {
    const res = await request(app).get(`/departments/${e('罗湖区城市更新')}`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('没有名为“罗湖区城市更新”的单位');
    expect(res.text).toContain(`href="/departments/${e('罗湖区城市更新局')}"`);
  });

  it('未注明牵头单位 is a department facet value counted like the others, and selects the items without a lead', async () => {
    const result = search(engine, { q: '城市更新' });
    const none = result.hits.filter((h) => h.section.lead.length === 0).length;
    expect(none).toBeGreaterThan(0);
    expect(result.facets.department.find((v) => v.value === '未注明牵头单位')?.count).toBe(none);
    const both = search(engine, { q: '城市更新', filters: { department: ['罗湖区城市更新局', '未注明牵头单位'] } });
    expect(both.hits.length).toBe(none + 7);
  });

  it('a query that is a department name offers 该单位牵头的全部事项', async () => {
    const res = await request(app).get(`/search?q=${e('罗湖区城市更新局')}`);
    expect(res.text).toContain('该单位牵头的全部事项');
    expect(res.text).toContain(`href="/search?dept=${e('罗湖区城市更新局')}"`);
  });
});

describe('relaxed matching and long queries', () => {
  const long = '关于推进城市更新和棚户区改造工作的实施意见';
  it(`${long} returns items containing most of its words, with the notice`, async () => {
    const res = await request(app).get(`/search?q=${e(long)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('没有同时包含全部词语的条目，以下条目包含其中大部分');
    expect(rowIds(res.text).length).toBeGreaterThan(0);
    const result = search(engine, { q: long });
    expect(result.relaxed).toBe(true);
    // Never a stop word's doing: every hit contains at least 5 of the 8 content words.
    const words = ['推进', '城市', '更新', '棚户区', '改造', '工作', '实施', '意见'];
    for (const h of result.hits) expect(words.filter((w) => h.section.folded.includes(w)).length, h.section.key).toBeGreaterThanOrEqual(5);
    expect((await request(app).get(`/api/search?q=${e(long)}`)).body.relaxed).toBe(true);
  });

  it('stop words need not match: 城市更新的工作 finds what 城市更新 工作 finds', () => {
    expect(search(engine, { q: '城市更新的工作' }).hits.length).toBeGreaterThan(0);
    expect(search(engine, { q: '城市更新的工作' }).relaxed).toBe(false);
  });

  it('the 精确匹配 link of a 199-character query works; a longer query is cut with a notice and stays in the box', async () => {
    const q = ('城市更新' + '推进'.repeat(100)).slice(0, 199);
    const page = await request(app).get(`/search?q=${e(q)}`);
    expect(page.status).toBe(200);
    const exact = /class="exact" href="([^"]+)"/.exec(page.text)![1].replace(/&amp;/g, '&');
    const res = await request(app).get(exact);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`value="&#34;${q}&#34;"`);
    const over = await request(app).get(`/search?q=${e('城'.repeat(250))}`);
    expect(over.status).toBe(200);
    expect(over.text).toContain('检索词超过 200 字，已截取前 200 字检索');
    expect(over.text).toContain(`value="${'城'.repeat(200)}"`);
  });
});

describe('comparison, feed, dates', () => {
  it('/compare?q=棚户区改造 shows every district with its count, zeros included', async () => {
    const res = await request(app).get(`/compare?q=${e('棚户区改造')}`);
    const hits = search(engine, { q: '棚户区改造' }).hits;
    const districts = engine.facets.values.district;
    expect(districts.length).toBe(3);
    const counts = districts.map((d) => hits.filter((h) => h.section.district === d).length);
    expect(counts).toContain(0);
    districts.forEach((d, i) => expect(res.text, d).toContain(`<td data-district="${d}"><strong>${counts[i]}</strong> 个条目`));
    expect(res.text).toContain('<svg role="img"');
    const dept = await request(app).get(`/compare?q=${e('城市更新')}&dept=${e('城市更新局')}`);
    expect(dept.text).toContain('<td data-district="罗湖区"><strong>7</strong> 个条目');
  });

  it('the Atom feed is well-formed XML, newest items first, linked from the results page', async () => {
    const page = await request(app).get(`/search?q=${e('城市更新')}&district=${e('罗湖区')}`);
    const href = /href="(\/search\.atom\?[^"]+)"/.exec(page.text)![1].replace(/&amp;/g, '&');
    const res = await request(app).get(href);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/atom+xml');
    expect(XMLValidator.validate(res.text)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(res.text).feed;
    const entries = [feed.entry].flat();
    expect(entries.length).toBe(search(engine, { q: '城市更新', filters: { district: ['罗湖区'] } }).hits.length);
    const dates = entries.map((x: { updated: string }) => x.updated);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set(dates).size).toBeGreaterThan(1);
    // Characters XML forbids never reach the feed, whatever the query holds.
    expect(XMLValidator.validate((await request(app).get(`/search.atom?q=%01${e('城市更新')}%EF%BF%BF`)).text)).toBe(true);
  });

  it('from/to filter by date on the page and the API; date sort runs both ways', async () => {
    const all = search(engine, { q: '城市更新' }).hits;
    const inRange = all.filter((h) => h.section.date !== null && h.section.date >= '2015' && h.section.date <= '2016-12-31');
    expect(inRange.length).toBeGreaterThan(0);
    expect(inRange.length).toBeLessThan(all.length);
    const api = await request(app).get(`/api/search?q=${e('城市更新')}&from=2015&to=2016&size=100`);
    expect(api.body.total).toBe(inRange.length);
    const page = await request(app).get(`/search?q=${e('城市更新')}&from=2015-01-01&to=2016-12`);
    expect(page.text).toContain(`共 <strong>${inRange.length}</strong> 个条目`);
    expect((await request(app).get('/api/search?from=2015-13')).body.error).toBe('bad_from');
    const asc = search(engine, { q: '城市更新', sort: 'date-asc' }).hits.map((h) => h.section.date ?? '9');
    expect(asc).toEqual([...asc].sort());
  });
});

describe('reachability and highlighting', () => {
  it('every matching item is reachable from the results pages: shown, or behind its group\'s 展开 link', async () => {
    const expected = search(engine, { q: '发展' }).hits.map((h) => h.section.key).sort();
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const res = await request(app).get(`/search?q=${e('发展')}&page=${page}`);
      seen.push(...rowIds(res.text));
      for (const m of res.text.matchAll(/<p class="more"><a href="([^"]+)">/g)) {
        const opened = await request(app).get(m[1].replace(/&amp;/g, '&').split('#')[0]);
        const doc = decodeURIComponent(/#g-(.+)$/.exec(m[1])![1]);
        seen.push(...rowIds(opened.text).filter((k) => k.startsWith(doc + '#')));
      }
      if (!res.text.includes(`>${page + 1}</a>`)) break;
    }
    expect([...new Set(seen)].sort()).toEqual(expected);
  });

  it('城市更新 on the seeds marks no lone 城市 or 更新 in sections that contain 城市更新', async () => {
    const groups = queryHighlight('城市更新');
    const containing = sections.filter((s) => s.folded.includes('城市更新'));
    expect(containing.length).toBeGreaterThan(20);
    for (const s of containing) {
      const marked = makeSnippet(s.text, termsToMark(s.text, groups)).filter((p) => p.hit).map((p) => p.text);
      expect(marked.every((m) => m === '城市更新'), s.key).toBe(true);
      expect(findRanges(s.folded, termsToMark(s.text, groups)).every((r) => s.folded.slice(r.start, r.end) === '城市更新')).toBe(true);
    }
    const doc = await request(app).get(`/docs/004_3c0b11c1ebd16181?q=${e('城市更新')}`);
    const lone = [...doc.text.matchAll(/<section id="([^"]+)"[\s\S]*?<\/section>/g)].filter((m) => m[0].includes('<mark>城市更新</mark>') && /<mark>(城市|更新)<\/mark>/.test(m[0]));
    expect(lone.map((m) => m[1])).toEqual([]);
  });
});
