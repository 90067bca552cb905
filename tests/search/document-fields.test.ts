import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../src/domain.ts';
import { documentFieldText } from '../../src/index/document-fields.ts';
import { search } from '../../src/search/search.ts';
import { seedEngine } from '../helpers.ts';

const engine = seedEngine();
const firstDoc = (q: string) => search(engine, { q }).hits[0]?.section.docId;
const keys = (q: string) => search(engine, { q }).hits.map((h) => h.section.key);

describe('documentFieldText (src/index/document-fields.ts)', () => {
  const meta: DocumentMeta = {
    title: '罗湖区2017年改革计划', district: '罗湖区', issuers: ['中共罗湖区委办公室', '罗湖区人民政府办公室'], issuer: '中共罗湖区委办公室',
    publishDate: null, writtenDate: null, docNumber: '罗办发〔2017〕1号', indexNumber: '000000-02-2017-099899', type: '计划',
    topic: '综合政务', validity: '有效', site: '深圳市罗湖区人民政府',
  };
  it('lists title, 文号, every issuer and 索引号, one per line, each once, and nothing else', () => {
    expect(documentFieldText(meta)).toBe('罗湖区2017年改革计划\n罗办发〔2017〕1号\n中共罗湖区委办公室\n罗湖区人民政府办公室\n000000-02-2017-099899');
  });
  it('skips empty fields', () => {
    expect(documentFieldText({ ...meta, docNumber: null, issuers: [], issuer: ' ', indexNumber: null })).toBe('罗湖区2017年改革计划');
  });
});

describe('header fields are searchable on the seeds', () => {
  it.each(engine.corpus.documents.map((d) => [d.meta.title, d.id]))('the exact title %s ranks its document first', (title, id) => {
    expect(firstDoc(title)).toBe(id);
  });

  it.each([
    ['罗办发〔2017〕1号', '004_3c0b11c1ebd16181'],
    ['罗府办〔2012〕6号', '000_3b22d4aff9f0ab3b'],
    ['"福田区委区政府"', '001_c58925cecce76d80'],
    ['000000-02-2017-099899', '004_3c0b11c1ebd16181'],
  ])('%s finds %s', (q, id) => {
    expect(firstDoc(q)).toBe(id);
  });

  it('a field match counts the document once (only its first section carries the fields)', () => {
    const hits = search(engine, { q: '罗办发〔2017〕1号' }).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0].section.sectionId).toBe(engine.docs.get('004_3c0b11c1ebd16181')!.sections[0].id);
  });
});

describe('queries are cleaned like pages', () => {
  it('pinyin glue is stripped: 羅湖區(qū) ≡ 罗湖区', () => {
    expect(keys('羅湖區(qū)')).toEqual(keys('罗湖区'));
    expect(keys('罗湖区').length).toBeGreaterThan(0);
  });
  it('a bracketed number or Latin text is not glue: (2017) and (GDP) stay', () => {
    expect(search(engine, { q: '"(GDP)"' }).query.clauses[0][0].text).toBe('(gdp)');
  });
});
