import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';
import { IngestError } from '../../src/ingest/ingest-error.ts';

const load = (file: string) => ingestDocument({ file, bytes: readFileSync(`tests/fixtures/${file}`) });

describe('ingest edge cases', () => {
  it('decodes a GB18030 page and reads its metadata, headings and two-department note with 协办', () => {
    const doc = load('gb18030-page.txt');
    expect(doc.encoding).toBe('gb18030');
    expect(doc.meta).toMatchObject({ title: '龙岗区2018年城市更新工作要点', district: '龙岗区', publishDate: '2018-04-02', type: '要点' });
    const item = doc.sections.find((s) => s.id === 's1-1-1');
    expect(item?.departments).toEqual({ lead: ['龙岗区城市更新局', '龙岗区规划土地监察局'], assist: ['龙岗区投资推广局'] });
  });

  it('decodes UTF-16 with a BOM', () => {
    const doc = load('utf16-page.txt');
    expect(doc.encoding).toBe('utf-16le');
    expect(doc.meta.district).toBe('南山区');
    expect(doc.sections.find((s) => s.id === 's1')?.heading).toBe('支持研发');
    expect(doc.sections.flatMap((s) => s.departments.lead)).toEqual(['南山区科技创新局']);
  });

  it('indexes a page with no headings as one preface section holding all its text', () => {
    const doc = load('no-headings.txt');
    expect(doc.sections.map((s) => s.id)).toEqual(['s0']);
    expect(doc.sections[0].text).toContain('发现隐患要及时处置');
  });

  it('keeps a page with no metadata, taking its first line as the title', () => {
    const doc = load('no-metadata.txt');
    expect(doc.meta.publishDate).toBeNull();
    expect(doc.sections.map((s) => s.id)).toContain('s2-1');
    const item = doc.sections.find((s) => s.id === 's2-1');
    expect(item?.departments).toEqual({ lead: ['区城管局'], assist: ['区住房和建设局'] });
  });

  it('reads 第一章 / 第一条 style headings as chapters holding articles', () => {
    const doc = load('articles.txt');
    expect(doc.meta.type).toBe('办法');
    expect(doc.sections.map((s) => `${s.id} ${s.number}`)).toEqual(['s1 第一章', 's1-1 第一条', 's1-2 第二条', 's2 第二章', 's2-3 第三条']);
  });

  it('rejects binary and empty files with a reason naming the file', () => {
    expect(() => load('binary.txt')).toThrow(IngestError);
    expect(() => load('binary.txt')).toThrow(/binary\.txt: the file is binary/);
    expect(() => ingestDocument({ file: 'empty.txt', bytes: new Uint8Array() })).toThrow(/empty\.txt: the file is empty/);
  });
});
