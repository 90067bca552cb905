import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';
import { extractDepartments } from '../../src/ingest/extract-departments.ts';
import { readDate } from '../../src/ingest/read-date.ts';
import { readDeadline } from '../../src/ingest/read-deadline.ts';
import { matchHeading } from '../../src/ingest/split-sections.ts';
import { joinWrapped } from '../../src/ingest/read-table-rows.ts';

describe('department notes in the forms pages use', () => {
  it.each([
    ['…一网通办。牵头部门：区政务服务数据管理局；配合部门：区市场监督管理局', { lead: ['宝安区政务服务数据管理局'], assist: ['宝安区市场监督管理局'] }],
    ['开展专项检查。责任主体：区司法局', { lead: ['宝安区司法局'], assist: [] }],
    ['设立专班。责任单位：区工业和信息化局（牵头），各街道办事处', { lead: ['宝安区工业和信息化局'], assist: ['各街道办事处'] }],
    ['打造地标。（区商务局牵头，各街道办事处配合，2023年9月底前完成）', { lead: ['宝安区商务局'], assist: ['各街道办事处'] }],
    ['推进改革。（区发改局，区财政局牵头，区审计局配合）', { lead: ['宝安区发展和改革局', '宝安区财政局'], assist: ['宝安区审计局'] }],
    // Not notes: a sentence that only mentions responsibility, and a date in brackets.
    ['由区财政局负责资金保障，各单位抓好落实。', { lead: [], assist: [] }],
    ['会议于（2023年3月5日）召开。', { lead: [], assist: [] }],
  ])('%s → %o', (text, expected) => {
    expect(extractDepartments(text, '宝安区')).toEqual(expected);
  });
});

describe('deadlines and dates with full-width digits or inside a note', () => {
  it.each([
    ['（区商务局牵头，各街道办事处配合，2023年9月底前完成）', '2023年9月底前'],
    ['各学校于２０２３年６月底前完成门禁改造。', '2023年6月底前'],
    ['（完成时限：２０１７年１２月底前）', '2017年12月底前'],
    ['2023年6月1日起施行。', null],
  ])('readDeadline(%s) → %s', (text, deadline) => expect(readDeadline(text)).toBe(deadline));

  it.each([
    ['發佈日期：２０２３年５月１８日', '2023-05-18'],
    ['２０２１－１１－０８', '2021-11-08'],
  ])('readDate(%s) → %s', (text, date) => expect(readDate(text)).toBe(date));

  it.each([
    ['第二部分 “十四五”时期主要目标', 'division', '第二部分', 2],
    ['１．周末及法定节假日开放', 'num', '1．', 1],
    ['第一篇 总体要求', 'division', '第一篇', 1],
  ])('matchHeading(%s) → %s %s', (line, kind, number, ordinal) => {
    expect(matchHeading(line)).toMatchObject({ kind, number, ordinal });
  });
});

describe('task tables copied with wrapped cells', () => {
  it.each([
    [['1', '新建充电桩，其中'], ['快充站二十座', '区发改局牵头'], ['1', '新建充电桩，其中快充站二十座', '区发改局牵头']],
    [['序号', '工作任务', '责任单位', '完成'], ['时限'], ['序号', '工作任务', '责任单位', '完成时限']],
    [[], ['甲'], ['甲']],
    [['甲'], [], ['甲']],
  ])('joinWrapped(%o, %o) → %o', (cells, more, joined) => expect(joinWrapped(cells, more)).toEqual(joined));
});

describe('pages from elsewhere', () => {
  const ingest = (file: string) => ingestDocument({ file, bytes: readFileSync(`tests/fixtures/pages/${file}`) });

  it('a district of another city is read from the title, and its departments are qualified with it', () => {
    const doc = ingest('30-other-city-latin.txt');
    expect(doc.meta.district).toBe('武侯区');
    expect(doc.sections.flatMap((s) => s.departments.lead)).toContain('武侯区经济和信息化局');
  });

  it('an HTML page keeps its article, not its menus or related-article list', () => {
    const text = ingest('31-html-menus-related.html').sections.map((s) => s.text).join('\n');
    expect(text).toContain('燃气立管');
    expect(text).not.toContain('相关文章');
    expect(text).not.toContain('网站地图');
  });
});
