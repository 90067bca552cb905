import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLines } from '../../src/ingest/clean-lines.ts';
import { chromeRule } from '../../src/ingest/strip-chrome.ts';
import aliases from '../../src/data/department-aliases.json' with { type: 'json' };
import { canonicalDepartment, extractDepartments } from '../../src/ingest/extract-departments.ts';
import { departmentAliasesOf as departmentAliases } from '../../src/search/resolve-department.ts';
import { splitSections } from '../../src/ingest/split-sections.ts';
import { stripPinyin } from '../../src/segment/strip-pinyin.ts';
import { toSimplified } from '../../src/segment/to-simplified.ts';

describe('stripPinyin', () => {
  it.each([
    ['羅湖區(qū)人民政府', '羅湖區人民政府'],
    ['(2012年3月5日)', '(2012年3月5日)'],
    ['（区城管局牵头）', '（区城管局牵头）'],
    ['万元GDP(GDP)能耗', '万元GDP(GDP)能耗'],
    ['經(jīng)濟(jì)', '經濟'],
    ['区(B)栋', '区(B)栋'],
  ])('%s → %s', (input, expected) => expect(stripPinyin(input)).toBe(expected));
});

describe('toSimplified', () => {
  it('converts traditional and leaves simplified alone (显著 stays 显著)', () => {
    expect(toSimplified('棚戶區改造')).toBe('棚户区改造');
    expect(toSimplified('显著提高')).toBe('显著提高');
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => toSimplified(toSimplified(s)) === toSimplified(s)), { numRuns: 300 });
  });
});

describe('cleanLines', () => {
  it('drops chrome lines and keeps content', () => {
    const lines = cleanLines('扫一扫在手机上打开当前页\n<\n×\n知识图谱\n一、指导思想\n');
    expect(lines.map((l) => l.text)).toEqual(['一、指导思想']);
    expect(chromeRule('当前展示专题专栏信息类别内容 返回')).toBe('share-and-column-widgets');
  });
  it('is idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('羅湖區(qū)', '（一）', '  一、', '?。', '扫一扫在手机上打开当前页'))), (parts) => {
        const once = cleanLines(parts.join('\n')).map((l) => l.text).join('\n');
        return cleanLines(once).map((l) => l.text).join('\n') === once;
      }),
      { numRuns: 200 },
    );
  });
});

describe('splitSections', () => {
  const line = fc.oneof(
    fc.constantFrom('一、总体要求', '二、主要任务', '（一）目标', '（二）措施', '1.推进工作。', '2、完善机制。', '——抓改革', '名词解释:', '第一条 总则'),
    fc.string({ minLength: 1 }).map((s) => s.trim()).filter((s) => s.length > 0),
  );
  it('loses no line and keeps the order', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (texts) => {
        const sections = splitSections(texts.map((t) => ({ original: t, text: t })));
        const ids = sections.map((s) => s.id);
        return sections.flatMap((s) => s.paragraphs).join('\n') === texts.join('\n') && new Set(ids).size === ids.length;
      }),
      { numRuns: 300 },
    );
  });
});

describe('extractDepartments', () => {
  it.each([
    ['（区财政局、区住房建设局、区工务局牵头）', { lead: ['罗湖区财政局', '罗湖区住房和建设局', '罗湖区建筑工务局'], assist: [] }],
    ['（牵头单位:区经济促进局、区城市更新局;协办单位:区投资推广局）', { lead: ['罗湖区经济促进局', '罗湖区城市更新局'], assist: ['罗湖区投资推广局'] }],
    ['牵头单位:区财政局,区委组织部', { lead: ['罗湖区财政局', '罗湖区委组织部'], assist: [] }],
    ['(牵头单位: 区纪委〈监察局〉、区财政局)', { lead: ['罗湖区纪委（监察局）', '罗湖区财政局'], assist: [] }],
    ['（责任单位：区城管局）', { lead: ['罗湖区城管局'], assist: [] }],
    ['（区城管局牵头，区住房建设局配合）', { lead: ['罗湖区城管局'], assist: ['罗湖区住房和建设局'] }],
    ['加强领导，各牵头单位要落实责任。', { lead: [], assist: [] }],
  ])('%s', (text, expected) => expect(extractDepartments(text, '罗湖区')).toEqual(expected));
});

describe('department aliases (src/data/department-aliases.json)', () => {
  const data = Object.entries(aliases as Record<string, unknown>).filter(([k]) => !k.startsWith('_')) as [string, string[]][];

  it('is well formed: each other name belongs to one department and is not itself a canonical name', () => {
    const others = data.flatMap(([, names]) => names);
    expect(new Set(others).size).toBe(others.length);
    for (const [canonical, names] of data) {
      expect(names).not.toContain(canonical);
      for (const n of names) expect(data.map(([c]) => c)).not.toContain(n);
    }
  });

  it.each([
    ['区住建局', '罗湖区住房和建设局'],
    ['罗湖区住房建设局', '罗湖区住房和建设局'],
    ['区住房和建设局', '罗湖区住房和建设局'],
    ['区卫生人口计生局', '罗湖区卫生健康局'],
    ['区卫生计生局', '罗湖区卫生健康局'],
    ['区发改局', '罗湖区发展和改革局'],
    ['区财政局', '罗湖区财政局'],
  ])('%s → %s', (name, canonical) => expect(canonicalDepartment(name, '罗湖区')).toBe(canonical));

  it('lists the other names of a department, district-qualified', () => {
    expect(departmentAliases('罗湖区住房和建设局', '罗湖区')).toEqual(['罗湖区住建局', '罗湖区住房建设局']);
    expect(departmentAliases('罗湖区财政局', '罗湖区')).toEqual([]);
  });
});
