import { describe, expect, it } from 'vitest';
import type { SectionRecord } from '../../src/index/corpus.ts';
import { containsText } from '../../src/index/corpus.ts';
import { parseSectionStore, serializeSectionStore } from '../../src/index/section-store-file.ts';
import { SectionStore, StoredSection } from '../../src/index/section-store.ts';

function record(docId: string, sectionId: string, over: Partial<SectionRecord> = {}): SectionRecord {
  const text = over.text ?? '一、总体要求\n推进城市更新';
  return {
    key: `${docId}#${sectionId}`,
    docId,
    sectionId,
    heading: '总体要求',
    number: '一、',
    path: [],
    text,
    folded: text,
    fields: null,
    lead: [],
    assist: [],
    district: '罗湖区',
    year: '2017',
    type: '计划',
    validity: null,
    deadline: null,
    date: '2017-03-01',
    ...over,
  };
}

/** Written to bytes, read back as a store: one StoredSection per record. */
function roundTrip(records: SectionRecord[], docIds: string[]): StoredSection[] {
  const bytes = Buffer.concat(serializeSectionStore(records, docIds.map((id) => ({ id }))));
  const { header, columns } = parseSectionStore(bytes, 'sections.bin');
  const store = new SectionStore(header, columns, docIds);
  return records.map((_, o) => new StoredSection(store, o));
}

const plain = (s: StoredSection) => s.toJSON();

describe('section store: records in, the same records out', () => {
  it('keeps every field of ordinary sections, nulls and empty lists included', () => {
    const records = [
      record('d1', 's0', { number: null, heading: '', fields: '罗湖区2017年改革计划\n罗办发〔2017〕1号', path: [] }),
      record('d1', 's1', { path: ['一、总体要求'], lead: ['罗湖区发展改革局'], assist: ['罗湖区财政局', '罗湖区住房建设局'], deadline: '2017年12月底前' }),
      record('d2', 's0', { district: null, year: null, date: null, type: null, validity: '有效', text: '', folded: '' }),
    ];
    expect(roundTrip(records, ['d1', 'd2']).map(plain)).toEqual(records);
  });

  it('keeps odd characters exactly: astral characters, a lone surrogate, NUL, newlines, width-folded text that differs', () => {
    const records = [
      record('d1', 's0', { text: '𠮷野家𩸽\u0000\r\n全角ＡＢＣ', folded: '𠮷野家𩸽\u0000\r\n全角abc', heading: '𠮷' }),
      record('d1', 's1', { text: '半个\ud842字', folded: '半个\ud842字', path: ['𠮷', ''], lead: [''] }),
      record('d1', 's2', { text: '"引号"\\反斜杠\u2028', fields: '' }),
    ];
    expect(roundTrip(records, ['d1']).map(plain)).toEqual(records);
  });

  it('stores a document’s facet values once, read through each of its sections', () => {
    const records = [record('d1', 's0'), record('d1', 's1'), record('d2', 's0', { district: '福田区', year: '2020', date: '2020-05-02' })];
    const stored = roundTrip(records, ['d1', 'd2']);
    expect(stored.map((s) => [s.key, s.district, s.year, s.date])).toEqual([
      ['d1#s0', '罗湖区', '2017', '2017-03-01'],
      ['d1#s1', '罗湖区', '2017', '2017-03-01'],
      ['d2#s0', '福田区', '2020', '2020-05-02'],
    ]);
  });

  it('refuses a record whose document is not among the segment’s documents', () => {
    expect(() => serializeSectionStore([record('dx', 's0')], [{ id: 'd1' }])).toThrow(/dx, which is not among/);
  });
});

describe('literal confirmation on the stored bytes', () => {
  const records = [
    record('d1', 's0', { text: '推进城市更新𠮷', folded: '推进城市更新𠮷', fields: '罗办发〔2017〕1号' }),
    record('d1', 's1', { text: 'ＰＭ２.５浓度', folded: 'pm2.5浓度' }),
    record('d1', 's2', { text: '中文', folded: '中文' }),
  ];
  const stored = roundTrip(records, ['d1']);

  it('answers as String.includes on the plain record for every substring and some strings that are not there', () => {
    const needles = new Set<string>(['', '城市更新', '更新𠮷', '𠮷', '\ud842', '罗办发〔2017〕1号', 'pm2.5', 'ＰＭ', '浓度中文', '新\n', 'x']);
    for (const r of records) for (let i = 0; i < r.folded.length; i++) for (let j = i + 1; j <= r.folded.length; j++) needles.add(r.folded.slice(i, j));
    for (const needle of needles) {
      records.forEach((r, o) => expect(containsText(stored[o], needle), `${JSON.stringify(needle)} in section ${o}`).toBe(containsText(r, needle)));
    }
  });

  it('never matches across two UTF-16 units out of step (a byte match at an odd offset)', () => {
    // 中文 is 2D 4E 87 65 in UTF-16LE; the bytes 4E 87 read as one unit would be U+874E (蝎).
    expect(containsText(stored[2], '\u874e')).toBe(false);
    expect(containsText(records[2], '\u874e')).toBe(false);
  });
});
