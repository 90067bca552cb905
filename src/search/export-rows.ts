import type { PolicyDocument } from '../domain.ts';
import type { SectionRecord } from '../index/corpus.ts';
import { facetSpec } from './facet-registry.ts';

/** One task item as exported for 督办 / 台账 work (CSV and JSON share it). */
export interface ExportRow {
  district: string;
  title: string;
  docNumber: string;
  date: string;
  path: string;
  number: string;
  heading: string;
  text: string;
  lead: string;
  assist: string;
  deadline: string;
  link: string;
}

/** Column order and the headers staff see in Excel. */
export const EXPORT_COLUMNS: [keyof ExportRow, string][] = [
  ['district', facetSpec('district').label],
  ['title', '文件标题'],
  ['docNumber', '文号'],
  ['date', '日期'],
  ['path', '所在章节'],
  ['number', '条目编号'],
  ['heading', '条目标题'],
  ['text', '条目内容'],
  ['lead', facetSpec('department').label],
  ['assist', '协办单位'],
  ['deadline', '完成时限'],
  ['link', '链接'],
];

/**
 * Flat rows for export, one per section, with an absolute link to the item.
 * Example: the 罗湖 item `1.突出城市更新规划引领` → `{ district: '罗湖区', number: '1.', lead: '罗湖区城市更新局', link: 'http://…/docs/004_…#s3-3-1', … }`.
 */
export function exportRows(sections: SectionRecord[], documents: ReadonlyMap<string, PolicyDocument>, origin: string, docLink: (docId: string, sectionId: string) => string): ExportRow[] {
  return sections.map((s) => {
    const meta = documents.get(s.docId)?.meta;
    return {
      district: s.district ?? '',
      title: meta?.title ?? '',
      docNumber: meta?.docNumber ?? '',
      date: s.date ?? '',
      path: s.path.join(' › '),
      number: s.number ?? '',
      heading: s.heading,
      text: s.text,
      lead: s.lead.join('、'),
      assist: s.assist.join('、'),
      deadline: s.deadline ?? '',
      link: `${origin}${docLink(s.docId, s.sectionId)}`,
    };
  });
}
