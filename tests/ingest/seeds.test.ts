import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/domain.ts';
import { cleanLines } from '../../src/ingest/clean-lines.ts';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';
import { MOJIBAKE_CHARS } from '../../src/ingest/repair-mojibake.ts';
import { toGolden } from '../golden/golden-format.ts';

const files = readdirSync('seeds').sort();
const docs = new Map<string, PolicyDocument>(
  files.map((file) => [file.slice(0, 3), ingestDocument({ file, bytes: readFileSync(`seeds/${file}`) })]),
);
const doc = (prefix: string) => docs.get(prefix)!;

describe('golden files (tests/golden/*.json; regenerate with `npx tsx tests/golden/update.ts` and review the diff)', () => {
  for (const d of docs.values()) {
    it(`${d.id} matches its reviewed golden file`, () => {
      const golden = JSON.parse(readFileSync(`tests/golden/${d.id}.json`, 'utf8'));
      expect(toGolden(d)).toEqual(golden);
    });
  }
});

describe('metadata of the seeds', () => {
  it.each([
    ['000', { district: '罗湖区', publishDate: '2012-03-05', docNumber: '罗府办〔2012〕6号', type: '工作方案' }],
    ['001', { district: '福田区', publishDate: '2015-02-27' }],
    ['002', { district: '罗湖区', publishDate: '2017-02-04', type: '报告' }],
    ['003', { district: '盐田区', publishDate: '2017-05-12', writtenDate: '2017-03-20', type: '计划' }],
    ['004', { district: '罗湖区', publishDate: '2017-03-28', docNumber: '罗办发〔2017〕1号', indexNumber: '000000-02-2017-099899' }],
  ])('%s has the expected metadata', (prefix, expected) => {
    expect(doc(prefix).meta).toMatchObject(expected);
  });
});

describe('sections of the seeds', () => {
  it('004 has its five parts, each with all its （一）… children numbered in sequence', () => {
    const d = doc('004');
    const parts = d.sections.filter((s) => s.kind === 'cn');
    expect(parts.map((s) => s.number)).toEqual(['一、', '二、', '三、', '四、', '五、']);
    const children = parts.map((p) => d.sections.filter((s) => s.parentId === p.id).map((s) => s.number).join(''));
    expect(children).toEqual([
      '（一）（二）（三）（四）',
      '（一）（二）（三）（四）（五）',
      '（一）（二）（三）（四）（五）',
      '（一）（二）（三）',
      '（一）（二）（三）（四）',
    ]);
    expect(d.sections.find((s) => s.id === 's3-3')?.heading).toBe('城市更新工作机制深化改革');
  });

  it('attaches all 47 department notes of 000 and all 67 of 004 to their items', () => {
    const withLead = (d: PolicyDocument) => d.sections.filter((s) => s.departments.lead.length > 0);
    expect(withLead(doc('000'))).toHaveLength(47);
    expect(withLead(doc('004'))).toHaveLength(67);
    expect(withLead(doc('004')).every((s) => s.kind === 'num')).toBe(true);
  });

  it('keeps lead and assisting departments apart and qualifies them with the district', () => {
    const item = doc('004').sections.find((s) => s.text.includes('补齐短板'))!;
    expect(item.departments).toEqual({ lead: ['罗湖区经济促进局', '罗湖区城市更新局'], assist: ['罗湖区投资推广局'] });
  });

  it('treats a lead sentence as a paragraph and work-report ——lines as headings', () => {
    const d = doc('002');
    expect(d.sections.some((s) => s.heading.startsWith('规划引领再启新程'))).toBe(false);
    expect(d.sections.filter((s) => s.kind === 'dash').map((s) => s.heading)).toHaveLength(4);
  });

  it('makes the glossary addressable and links footnote marks to it', () => {
    const d = doc('002');
    expect(d.glossary.find((g) => g.n === 1)?.term).toBe('一河六圈三带');
    expect(d.sections.find((s) => s.id === 'glossary-1')?.glossary?.definition).toContain('布吉河');
    expect(d.sections.find((s) => s.text.includes('一河六圈三带[1]'))?.footnotes).toContain(1);
  });

  it('keeps the traditional original text for pages that came in traditional script', () => {
    const d = doc('000');
    expect(d.traditional).toBe(true);
    expect(d.sections.find((s) => s.id === 's1')?.original[0]).toBe('一、指導思想');
    expect(doc('002').traditional).toBe(false);
  });
});

describe('invariants on every seed', () => {
  for (const d of docs.values()) {
    it(`${d.id}: no pinyin glue, mojibake or page chrome left in any section`, () => {
      for (const s of d.sections) {
        for (const p of [...s.paragraphs, ...s.original, s.heading]) {
          expect(p, `${d.id}#${s.id}`).not.toMatch(MOJIBAKE_CHARS);
          expect(p, `${d.id}#${s.id}`).not.toMatch(/\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)/u);
          expect(p, `${d.id}#${s.id}`).not.toMatch(/^(扫一扫在手机上打开当前页|知识图谱|相关信息和服务|<|×)$/u);
          expect(p, `${d.id}#${s.id}`).not.toMatch(/[ǘǚǜ┐┛]|\?。/u);
        }
      }
    });

    it(`${d.id}: sections together reproduce the cleaned body, in order`, () => {
      expect(d.sections.flatMap((s) => s.paragraphs)).toEqual(d.body);
    });

    it(`${d.id}: cleaning is idempotent`, () => {
      const once = d.body.join('\n');
      expect(cleanLines(once).map((l) => l.text).join('\n')).toBe(once);
    });
  }
});

describe('garble repaired in the body of 004', () => {
  it.each(['专家库和其他相关领域专家', '推动东门文化广场', '在确保“接得住”的基础上', '领域对社会资本的开放空间', '第三方“专家库”的过程中'])(
    '004 reads %s',
    (phrase) => expect(doc('004').body.join('\n')).toContain(phrase),
  );
});
