import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { search } from '../../src/search/search.ts';
import { toCsv } from '../../src/web/csv.ts';
import { createApp } from '../../src/web/app.ts';
import { seedEngine, seedIndex } from '../helpers.ts';

const app = createApp(seedIndex());
const engine = seedEngine();
const e = encodeURIComponent;

/** A strict RFC 4180 reader, so the test does not trust the writer's own idea of quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else if (c === '\r' || c === '\n' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else field += c;
  }
  if (field || row.length) throw new Error('the last row does not end with CRLF');
  return rows;
}

describe('export', () => {
  it('CSV of 城市更新: BOM, one row per matching section, text intact through quoting', async () => {
    const res = await request(app).get(`/search/export.csv?q=${e('城市更新')}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="export\.csv"; filename\*=UTF-8''/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(['区', '文件标题', '文号', '日期', '所在章节', '条目编号', '条目标题', '条目内容', '牵头单位', '协办单位', '完成时限', '链接']);
    const hits = search(engine, { q: '城市更新' }).hits;
    expect(rows.length - 1).toBe(hits.length);
    rows.slice(1).forEach((r, i) => {
      const s = hits[i].section;
      expect(r).toHaveLength(12);
      expect(r[7]).toBe(s.text);
      expect(r[8]).toBe(s.lead.join('、'));
      expect(r[10]).toBe(s.deadline ?? '');
      expect(r[11]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/docs/${s.docId}#${s.sectionId}$`));
    });
    expect(rows.slice(1).some((r) => r[7].includes(',') && r[7].includes('\n'))).toBe(true);
  });

  it('contains all matches, not one page, and respects every filter', async () => {
    const all = (await request(app).get(`/search/export.json?q=${e('发展')}`)).body as unknown[];
    expect(all.length).toBe(search(engine, { q: '发展' }).hits.length);
    expect(all.length).toBeGreaterThan(30);
    const filtered = (await request(app).get(`/search/export.json?q=${e('城市更新')}&district=${e('罗湖区')}&dept=${e('罗湖区城市更新局')}&year=2017`)).body as { district: string; lead: string }[];
    expect(filtered.length).toBe(search(engine, { q: '城市更新', filters: { district: ['罗湖区'], department: ['罗湖区城市更新局'], year: ['2017'] } }).hits.length);
    expect(filtered.every((r) => r.district === '罗湖区' && r.lead.includes('罗湖区城市更新局'))).toBe(true);
    expect((await request(app).get(`/search/export.xml?q=x`)).status).toBe(400);
  });

  it('department export has the same columns and the department filters', async () => {
    const res = await request(app).get(`/departments/${e('罗湖区住房和建设局')}/export.json?role=assist`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((r: { assist: string }) => r.assist.includes('罗湖区住房和建设局'))).toBe(true);
  });

  it('toCsv quotes commas, quotes and newlines and defuses formulas', () => {
    expect(toCsv(['a', 'b'], [['甲,乙', '说"好"'], ['一\n二', '=SUM(A1)']])).toBe('\ufeffa,b\r\n"甲,乙","说""好"""\r\n"一\n二",\'=SUM(A1)\r\n');
    // Full-width signs, a leading minus and @ are formulas to Excel too; a sign inside a cell is not.
    expect(toCsv(['a'], [['＝1+1'], ['-2'], ['@x'], ['1-2']])).toBe("\ufeffa\r\n'＝1+1\r\n'-2\r\n'@x\r\n1-2\r\n");
  });
});

describe('pages', () => {
  it('/departments lists departments with counts and links', async () => {
    const res = await request(app).get('/departments');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`href="/departments/${e('罗湖区城市更新局')}">罗湖区城市更新局</a></td><td>7</td><td>0</td>`);
  });

  it('/departments/:name shows its items with deep links, filters, aliases; unknown → 404, bad role → 400', async () => {
    const res = await request(app).get(`/departments/${e('罗湖区住房和建设局')}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('又称 罗湖区住建局、罗湖区住房建设局');
    expect(res.text).toMatch(/href="\/docs\/004_3c0b11c1ebd16181#s\d[-\d]*"/);
    expect((await request(app).get(`/departments/${e('罗湖区不存在局')}`)).status).toBe(404);
    expect((await request(app).get(`/departments/${e('罗湖区财政局')}?role=boss`)).status).toBe(400);
    expect((await request(app).get(`/departments/${e('罗湖区财政局')}?year=17`)).status).toBe(400);
  });

  it('result tags and department facet values link to the department page', async () => {
    const res = await request(app).get(`/search?q=${e('城市更新')}`);
    expect(res.text).toContain(`<a class="tag" href="/departments/${e('罗湖区城市更新局')}">牵头：罗湖区城市更新局</a>`);
    expect(res.text).toContain(`class="go" href="/departments/${e('罗湖区城市更新局')}"`);
  });

  it('/compare?q=城市更新 shows a column for each of the three districts with counts', async () => {
    const res = await request(app).get(`/compare?q=${e('城市更新')}`);
    expect(res.status).toBe(200);
    for (const d of ['罗湖区', '福田区', '盐田区']) expect(res.text).toContain(`<section class="column" aria-label="${d}">`);
  });

  it('the results page says what else it searched, offers to stop, shows segmentation, 精确匹配 and definitions', async () => {
    const res = await request(app).get(`/search?q=${e('棚改')}`);
    expect(res.text).toContain('也搜索了：棚户区改造');
    expect(res.text).toContain(`<a href="/search?q=${e('棚改')}&amp;expand=0">只搜索输入的词</a>`);
    expect(res.text).toContain('<mark>棚户区改造</mark>');
    expect(res.text).toContain(`class="exact" href="/search?q=${e('"棚改"')}"`);
    const off = await request(app).get(`/search?q=${e('棚改')}&expand=0`);
    expect(off.text).not.toContain('也搜索了');
    expect(off.text).toContain('<input type="hidden" name="expand" value="0">');
    const def = await request(app).get(`/search?q=${e('一河六圈三带')}`);
    expect(def.text).toMatch(/<aside class="definition"[^>]*>\s*<h2>一河六圈三带<\/h2>/);
    expect(def.text).toContain('href="/docs/002_aad10e4e6f14c379#glossary-1"');
  });

  it('/api/search reports expansions and definitions', async () => {
    const res = await request(app).get(`/api/search?q=${e('棚改')}`);
    expect(res.body.expansions).toEqual(['棚户区改造']);
    expect((await request(app).get(`/api/search?q=${e('一河六圈三带')}`)).body.definitions[0].term).toBe('一河六圈三带');
  });
});
