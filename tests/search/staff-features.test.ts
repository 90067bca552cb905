import { describe, expect, it } from 'vitest';
import data from '../../src/search/data/abbreviations.json' with { type: 'json' };
import { readSeeds } from '../../src/pipeline/read-seeds.ts';
import { compareByDistrict } from '../../src/search/compare.ts';
import { departmentItems, listDepartments } from '../../src/search/departments.ts';
import { expandQuery } from '../../src/search/expand-query.ts';
import { parseQuery } from '../../src/search/parse-query.ts';
import { search } from '../../src/search/search.ts';
import { seedEngine } from '../helpers.ts';

const engine = seedEngine();
/** The ingested documents themselves, read again: the brute-force side of each comparison. */
const documents = readSeeds('seeds').documents;
const allSections = documents.flatMap((d) => d.sections.map((s) => ({ key: `${d.id}#${s.id}`, doc: d, s })));

describe('department view', () => {
  it("罗湖区城市更新局's items are exactly the sections whose notes name it", () => {
    const name = '罗湖区城市更新局';
    const expected = allSections.filter(({ s }) => s.departments.lead.includes(name) || s.departments.assist.includes(name)).map((x) => x.key).sort();
    const items = departmentItems(engine, name);
    expect(items.map((i) => i.section.key).sort()).toEqual(expected);
    expect(expected).toHaveLength(7);
    expect(items.every((i) => i.role === 'lead')).toBe(true);
  });

  it('lists every department with counts equal to a brute-force count', () => {
    const led = new Map<string, number>();
    const assisted = new Map<string, number>();
    for (const { s } of allSections) {
      for (const d of s.departments.lead) led.set(d, (led.get(d) ?? 0) + 1);
      for (const d of s.departments.assist) assisted.set(d, (assisted.get(d) ?? 0) + 1);
    }
    const listed = listDepartments(engine);
    expect(listed.map((d) => d.name).sort()).toEqual([...new Set([...led.keys(), ...assisted.keys()])].sort());
    for (const d of listed) expect([d.name, d.led, d.assisted]).toEqual([d.name, led.get(d.name) ?? 0, assisted.get(d.name) ?? 0]);
  });

  it('is one entity under its canonical name: 区住房建设局 in the notes counts for 罗湖区住房和建设局', () => {
    const names = listDepartments(engine).map((d) => d.name);
    expect(names).toContain('罗湖区住房和建设局');
    expect(names).not.toContain('罗湖区住房建设局');
    expect(names).not.toContain('罗湖区卫生计生局');
    const items = departmentItems(engine, '罗湖区住房和建设局');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => /住房建设局|住建局|住房和建设局/.test(i.section.text))).toBe(true);
  });

  it('filters by role, year and keyword; lists newest first', () => {
    const all = departmentItems(engine, '罗湖区住房和建设局');
    const lead = departmentItems(engine, '罗湖区住房和建设局', { role: 'lead' });
    const assist = departmentItems(engine, '罗湖区住房和建设局', { role: 'assist' });
    expect(lead.length + assist.length).toBe(all.length);
    expect(assist.length).toBeGreaterThan(0);
    expect(departmentItems(engine, '罗湖区住房和建设局', { year: '1999' })).toEqual([]);
    const keyword = departmentItems(engine, '罗湖区城市更新局', { q: '风险' });
    expect(keyword.map((i) => i.section.heading)).toEqual(['推进城市更新风险防控机制改革']);
    const dates = departmentItems(engine, '罗湖区财政局').map((i) => i.section.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('abbreviations', () => {
  it('the data file holds groups of distinct names', () => {
    for (const group of data.groups) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      expect(new Set(group).size).toBe(group.length);
    }
  });

  it('棚改 also searches 棚户区改造 and says so; items with 棚改 as typed rank first', () => {
    const result = search(engine, { q: '棚改' });
    expect(result.expansions).toEqual(['棚户区改造']);
    const hit = new Set(result.hits.map((h) => h.section.key));
    const withFull = allSections.filter(({ s }) => s.text.includes('棚户区改造')).map((x) => x.key);
    expect(withFull.length).toBeGreaterThan(0);
    for (const key of withFull) expect(hit).toContain(key);
    const typed = allSections.filter(({ s }) => s.text.includes('棚改')).map((x) => x.key);
    expect(result.literalCount).toBe(typed.length);
    expect(new Set(result.hits.slice(0, result.literalCount).map((h) => h.section.key))).toEqual(new Set(typed));
    expect(result.highlight).toContain('棚户区改造');
  });

  it('can be turned off, and never expands a quoted phrase', () => {
    const off = search(engine, { q: '棚改', expand: false });
    expect(off.expansions).toEqual([]);
    const on = new Set(search(engine, { q: '棚改' }).hits.map((h) => h.section.key));
    const offKeys = off.hits.map((h) => h.section.key);
    for (const key of offKeys) expect(on).toContain(key);
    const onlyFull = allSections.filter(({ s }) => s.text.includes('棚户区改造') && !s.text.includes('棚改')).map((x) => x.key);
    expect(onlyFull.length).toBeGreaterThan(0);
    for (const key of onlyFull) expect(offKeys).not.toContain(key);
    expect(expandQuery(parseQuery('"棚改"')).expansions).toEqual([]);
    expect(expandQuery(parseQuery('棚户区改造 罗湖')).expansions).toEqual(['棚改']);
  });
});

describe('glossary definitions', () => {
  it('searching 一河六圈三带 shows its definition from the document that defines it', () => {
    const { definitions } = search(engine, { q: '一河六圈三带' });
    expect(definitions).toHaveLength(1);
    const source = documents.find((d) => d.id === definitions[0].docId)!;
    expect(source.glossary.find((g) => `glossary-${g.n}` === definitions[0].sectionId)?.term).toBe('一河六圈三带');
    expect(definitions[0].definition).toContain('布吉河');
  });

  it('matches one of the 、-joined terms of an entry, and nothing for ordinary words', () => {
    expect(search(engine, { q: '三区三片' }).definitions.map((d) => d.term)).toEqual(['两带两线、三区三片']);
    expect(search(engine, { q: '发展' }).definitions).toEqual([]);
  });
});

describe('cross-district comparison', () => {
  it('城市更新 has one column each for 罗湖, 福田 and 盐田, holding all the hits', () => {
    const hits = search(engine, { q: '城市更新' }).hits;
    const columns = compareByDistrict(hits);
    expect(columns.map((c) => c.district).sort()).toEqual(['盐田区', '福田区', '罗湖区'].sort());
    expect(columns.reduce((n, c) => n + c.items.length, 0)).toBe(hits.length);
    for (const c of columns) expect(c.items.every((h) => h.section.district === c.district)).toBe(true);
  });
});
