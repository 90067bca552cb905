import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build-index.ts';
import { readSeeds } from '../../src/pipeline/read-seeds.ts';
import { SCHEMA_VERSION } from '../../src/index/schema.ts';
import { createApp } from '../../src/web/app.ts';

// The shape pages as a seeds folder: .txt, .html and a GBK .htm read by the same reader as the seeds.
const { documents, problems } = readSeeds('tests/fixtures/pages');
const built = buildIndex(documents);
const app = createApp({
  ...built,
  manifest: { schemaVersion: SCHEMA_VERSION, generation: 1, builtAt: '2026-01-01T00:00:00.000Z', segments: [], files: {}, counts: { documents: documents.length, sections: built.corpus.sections.length }, skipped: [] },
});
const e = encodeURIComponent;

describe('what ingest read reaches the API, pages and exports', () => {
  it('reads every shape page, HTML included', () => {
    expect(problems).toEqual([]);
    expect(documents.map((d) => d.id)).toContain('12-html-utf8');
    expect(documents.map((d) => d.id)).toContain('13-html-gbk');
  });

  it('/api/docs/:id carries title, issuers, dates, numbers, topic and validity', async () => {
    const res = await request(app).get('/api/docs/06-index-block').expect(200);
    expect(res.body.meta).toMatchObject({
      title: '深圳市南山区人民政府办公室关于加强老旧小区电梯加装管理的通知',
      issuers: ['深圳市南山区人民政府办公室'],
      issuer: '深圳市南山区人民政府办公室',
      publishDate: '2021-06-21',
      writtenDate: '2021-06-18',
      docNumber: '深南府办规〔2021〕4号',
      indexNumber: '13502/2021-30326',
      topic: '综合政务',
      validity: '有效',
    });
  });

  it('/api/docs/:id gives each section its deadline where the page states one', async () => {
    const res = await request(app).get('/api/docs/04-task-table-pipes').expect(200);
    const deadlines = res.body.sections.map((s: { id: string; deadline: string | null }) => [s.id, s.deadline]);
    expect(deadlines).toContainEqual(['s1-1', '2018年6月底前']);
    expect(deadlines).toContainEqual(['s2', null]);
  });

  it('filters by 有效性 as a facet', async () => {
    const res = await request(app).get(`/api/search?validity=${e('失效')}`).expect(200);
    expect(new Set(res.body.hits.map((h: { docId: string }) => h.docId))).toEqual(new Set(['14-expired-notice']));
    const all = await request(app).get(`/api/search?q=${e('收费 OR 电梯')}`).expect(200);
    expect(all.body.facets.validity.map((v: { value: string }) => v.value).sort()).toEqual(['失效', '有效'].sort());
  });

  it('shows 有效性 on the document page and offers it as a facet on the results page', async () => {
    const doc = await request(app).get('/docs/14-expired-notice').expect(200);
    expect(doc.text).toMatch(/<dt>有效性<\/dt><dd>失效<\/dd>/);
    const page = await request(app).get(`/search?q=${e('收费')}`).expect(200);
    expect(page.text).toContain('<legend>有效性</legend>');
    expect(page.text).toContain('name="validity" value="失效"');
  });

  it('puts the deadline in CSV and JSON exports and on the department page', async () => {
    const json = await request(app).get(`/search/export.json?q=${e('蔡屋围')}`).expect(200);
    expect(json.body[0]).toMatchObject({ lead: '罗湖区城市更新局', deadline: '2017年12月底前' });
    const csv = await request(app).get(`/search/export.csv?q=${e('蔡屋围')}`).expect(200);
    expect(csv.text.split('\r\n')[0]).toContain('完成时限');
    expect(csv.text).toContain('2017年12月底前');
    const dept = await request(app).get(`/departments/${e('罗湖区城市更新局')}`).expect(200);
    expect(dept.text).toContain('完成时限：2017年12月底前');
    const page = await request(app).get('/docs/15-deadlines-inline').expect(200);
    expect(page.text).toContain('完成时限：2017年6月底前');
  });
});

describe('the department pages never hide items silently', () => {
  it('the role filter has 未注明牵头单位: items the department assists where no lead is named, counted', async () => {
    const dept = '南山区市场监督管理局';
    const page = await request(app).get(`/departments/${e(dept)}`).expect(200);
    expect(page.text).toContain('<option value="nolead" >协办，未注明牵头单位（1）</option>');
    const nolead = await request(app).get(`/departments/${e(dept)}?role=nolead`).expect(200);
    expect(nolead.text).toContain('加强夜间市场监管');
    expect(nolead.text).toContain('<option value="nolead" selected>');
    // An item with a lead named is not in that list, though the department assists it.
    const assisted = await request(app).get(`/departments/${e('各街道办事处')}?role=nolead`).expect(200);
    expect(assisted.text).not.toContain('打造夜间消费地标');
    await request(app).get(`/departments/${e(dept)}?role=other`).expect(400);
  });
});
