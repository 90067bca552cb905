import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/domain.ts';
import { cleanLines } from '../../src/ingest/clean-lines.ts';
import { decodeBytes, isHtmlFile } from '../../src/ingest/decode-bytes.ts';
import { htmlToText } from '../../src/ingest/html-to-text.ts';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';
import { halfWidthDigits, readDate } from '../../src/ingest/read-date.ts';
import { toGolden } from '../golden/golden-format.ts';

const DIR = 'tests/fixtures/pages';
const files = readdirSync(DIR).sort();
const docs = new Map<string, PolicyDocument>(files.map((f) => [f.slice(0, 2), ingestDocument({ file: f, bytes: readFileSync(`${DIR}/${f}`) })]));
const doc = (n: string) => docs.get(n)!;
const section = (n: string, text: string) => doc(n).sections.find((s) => s.paragraphs[0].includes(text))!;

describe(`shape pages (${DIR}) match their reviewed goldens (tests/golden/pages; regenerate with \`npx tsx tests/golden/update.ts\`)`, () => {
  it('has at least 20 pages', () => expect(files.length).toBeGreaterThanOrEqual(20));
  for (const d of docs.values()) {
    it(d.file, () => expect(toGolden(d)).toEqual(JSON.parse(readFileSync(`tests/golden/pages/${d.id}.json`, 'utf8'))));
  }
});

describe('titles by evidence', () => {
  it.each([
    ['02', '广东省推进海洋牧场建设行动方案'], // forum tag [广东] stripped, toolbar lines skipped
    ['07', '龙华区2019年城市管理工作要点'], // not the breadcrumb above it
    ['09', '宝安区2016年科技创新工作计划'],
    ['18', '福田区生活垃圾分类三年行动方案'], // the 《…》 the notice names
    ['21', '宝安区关于支持工业企业技术改造的若干措施'], // printed twice, taken once
  ])('%s → %s', (n, title) => expect(doc(n).meta.title).toBe(title));

  it('never takes a numbered line: falls back to the file name and keeps the line in the body', () => {
    expect(doc('10').meta.title).toBe('10-numbered-first-line');
    expect(doc('10').body[0]).toBe('3.增强海洋科技创新策源能力。支持涉海高校和科研院所建设重点实验室。');
    expect(doc('23').meta.title).toBe('23-cn-numbered-first');
    expect(doc('23').sections[0].heading).toBe('2013年工作回顾');
  });
});

describe('header fields', () => {
  it('reads a spaced 索引号 block with several fields per line', () => {
    expect(doc('06').meta).toMatchObject({ indexNumber: '13502/2021-30326', topic: '综合政务', issuers: ['深圳市南山区人民政府办公室'], writtenDate: '2021-06-18', publishDate: '2021-06-21', docNumber: '深南府办规〔2021〕4号', validity: '有效' });
  });
  it('cuts 【字体 chrome off a 来源/日期 line and reads both', () => {
    expect(doc('07').meta).toMatchObject({ issuers: ['龙华区'], publishDate: '2019-01-28' });
  });
  it('reads 時間: after conversion, a time in 时/分, and a date in Chinese numerals', () => {
    expect(doc('01').meta.publishDate).toBe('2023-02-09');
    expect(doc('16').meta.publishDate).toBe('2021-11-08');
    expect(doc('22').meta.writtenDate).toBe('2019-03-15');
    expect(readDate('二〇一九年十二月三十一日')).toBe('2019-12-31');
  });
  it('keeps joint issuers as a list, issuer being the first', () => {
    expect(doc('08').meta.issuers).toEqual(['中共深圳市龙岗区委办公室', '深圳市龙岗区人民政府办公室']);
    expect(doc('08').meta.issuer).toBe('中共深圳市龙岗区委办公室');
  });
  it('reads 文件已失效 and 时效性 as validity', () => expect(doc('14').meta.validity).toBe('失效'));
});

describe('front matter and ——lines', () => {
  it('keeps a subtitle, speaker and indicator lines as text, not sections', () => {
    const d = doc('11');
    expect(d.sections.map((s) => s.id)).toEqual(['s0', 's1', 's1-1', 's1-2', 's2', 's2-1']);
    expect(d.sections[0].paragraphs).toContain('——在深圳市坪山区第二届人民代表大会第四次会议上');
    expect(section('11', '一、2018年').paragraphs).toContain('——地区生产总值(GDP)增长12.0%;');
  });
  it('uses ——lines as headings where the page does (body under each, no figures, not a run)', () => {
    expect(doc('17').sections.filter((s) => s.kind === 'dash')).toHaveLength(3);
  });
});

describe('task tables and deadlines', () => {
  it('maps a | table header to columns: one item per row with departments and deadline', () => {
    const row = section('04', '推行工程建设项目');
    expect(row).toMatchObject({ kind: 'row', number: '2.', heading: '推行工程建设项目并联审批', deadline: '2018年12月底前' });
    expect(row.departments).toEqual({ lead: ['坪山区住房和建设局'], assist: ['坪山区发展和改革局', '坪山区规划土地局'] });
  });
  it('reads tab-separated rows and a 责任单位 cell that says who leads', () => {
    expect(section('05', '完成海岸线').departments).toEqual({ lead: ['大鹏新区生态环境局'], assist: ['大鹏新区城建局'] });
    expect(section('05', '完成海岸线').deadline).toBe('2019年10月');
  });
  it('reads deadlines stated in a note, in brackets or after 时间节点', () => {
    expect(doc('15').sections.filter((s) => s.kind === 'num').map((s) => s.deadline)).toEqual(['2017年12月底前', '2017年6月底前', null, '2017年3月']);
    expect(section('15', '推进蔡屋围').departments.lead).toEqual(['罗湖区城市更新局']);
  });
  it('reads an HTML table and a GBK page', () => {
    expect(section('12', '新建社区健身广场').deadline).toBe('2020年10月底前');
    expect(doc('13').encoding).toBe('gb18030');
    expect(section('13', '消防通道').departments).toEqual({ lead: ['罗湖区消防大队'], assist: ['各街道办事处'] });
  });
});

/** The page's cleaned lines, as ingest sees them before metadata is read. */
function cleaned(file: string, bytes: Uint8Array): string[] {
  const text = decodeBytes({ file, bytes }).text;
  return cleanLines(isHtmlFile(file) ? htmlToText(text) : text).map((l) => l.text);
}

/** Does a header line show up in the metadata? (the title, a field value, a date, the site banner) */
function inMeta(line: string, d: PolicyDocument): boolean {
  const m = d.meta;
  const values = [m.title, m.site, m.docNumber, m.indexNumber, m.topic, ...m.issuers].filter((v): v is string => !!v);
  // Metadata keeps digits half-width (深福府办〔２０２３〕７号 → 〔2023〕7号): compare the line so folded too.
  const digits = halfWidthDigits(line);
  const shows = (text: string, v: string) => text.includes(v) || text.endsWith(v.replace(/^深圳市/, ''));
  if (values.some((v) => shows(line, v) || shows(digits, v))) return true;
  const date = readDate(line);
  if (date && (date === m.publishDate || date === m.writtenDate)) return true;
  return m.validity !== null && /有效|失效|废止/u.test(line);
}

/** Every cleaned line is in the body, in order, or is a header line the metadata shows. */
function lostLines(file: string, bytes: Uint8Array): string[] {
  const d = ingestDocument({ file, bytes });
  const body = d.sections.flatMap((s) => s.paragraphs);
  let at = 0;
  const lost: string[] = [];
  for (const line of cleaned(file, bytes)) {
    if (body[at] === line) at++;
    else if (!inMeta(line, d)) lost.push(line);
  }
  return lost;
}

describe('no content line is lost (each is in the title, a field or a section)', () => {
  const pages = [...readdirSync('seeds').map((f) => ['seeds', f]), ...files.map((f) => [DIR, f])];
  it.each(pages)('%s/%s', (dir, file) => expect(lostLines(file, readFileSync(`${dir}/${file}`))).toEqual([]));

  const pool = [
    ...files.filter((f) => f.endsWith('.txt')).flatMap((f) => readFileSync(`${DIR}/${f}`, 'utf8').split('\n')),
    '当前位置: 首页 > 信息公开', '三、工作计划', '一、2013年工作回顾', '3.增强海洋科技创新策源能力。', '[广东] 某某方案',
    '——抓改革，打硬仗', '——在区人民代表大会上', '序号|工作任务|牵头单位|完成时限', '1|推进工作|区财政局|2018年底前',
  ].filter((l) => l.trim());
  it('holds on pages made of lines of every shape, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 25 }), (lines) => {
        const bytes = new TextEncoder().encode(lines.join('\n'));
        if (cleaned('p.txt', bytes).length === 0) return true;
        const lost = lostLines('p.txt', bytes);
        if (lost.length) throw new Error(`lost ${JSON.stringify(lost)} from ${JSON.stringify(lines)}`);
        return true;
      }),
      // A fixed seed keeps CI repeatable; 377844222 once found a title with full-width digits this check failed to match.
      { numRuns: 150, seed: 377844222 },
    );
  });
});
