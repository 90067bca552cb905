import keyData from './data/field-keys.json' with { type: 'json' };
import { tableCells } from './read-table-rows.ts';

/** A header field as read: canonical key (src/ingest/data/field-keys.json) and its value. */
export interface Field {
  key: string;
  value: string;
}

const CANONICAL = new Map<string, string>(
  Object.entries(keyData.keys).flatMap(([key, spellings]) => spellings.map((s) => [s, key] as [string, string])),
);
const GENERIC = new Set(keyData.generic);
/** Longest spellings first, so 信息提供日期 wins over 日期 at the same place. */
const SPELLINGS = [...CANONICAL.keys()].sort((a, b) => b.length - a.length);
const spaced = (s: string) => [...s].join('\\s*');
const KEY = new RegExp(
  SPELLINGS.map((s) =>
    GENERIC.has(s) || s.length <= 2
      ? // A short key inside a word (资金来源, 完成时间) is not a field; a generic one also needs a digit.
        `(?<=^|[\\s\\d)）】|])(${spaced(s)})\\s*[:：]\\s*${GENERIC.has(s) ? '(?=\\d)' : ''}`
      : `(${spaced(s)})\\s*[:：]\\s*`,
  ).join('|'),
  'gu',
);

/**
 * The fields of a header line, or [] when the line does not start with a field key. Several fields
 * may share a line; each value runs to the next key.
 * Example: `索  引  号: 13502/2021-30326 主题分类: 综合政务` →
 * `[{ key: '索引号', value: '13502/2021-30326' }, { key: '主题分类', value: '综合政务' }]`.
 */
export function readFields(line: string): Field[] {
  const text = tableCellsAsFields(line);
  const matches = [...text.matchAll(KEY)];
  if (matches.length === 0 || matches[0].index !== 0) return [];
  return matches.flatMap((m, k) => {
    const start = m.index! + m[0].length;
    const end = k + 1 < matches.length ? matches[k + 1].index! : text.length;
    const value = text.slice(start, end).trim();
    const spelling = m.slice(1).find((g) => g !== undefined)!.replace(/\s+/g, '');
    return value ? [{ key: CANONICAL.get(spelling)!, value }] : [];
  });
}

/**
 * A table row of a header block (`索引号 | 1144… | 分类 | 生态环境`, what an HTML two- or four-column
 * table becomes): a cell that is a key and nothing else gets its colon; other cell borders are spaces.
 * Example: `名称 | 盐田区关于…的实施意见` → `名称：盐田区关于…的实施意见`.
 */
function tableCellsAsFields(line: string): string {
  if (!line.includes('|')) return line.trim();
  const cells = tableCells(line).filter(Boolean);
  return cells.map((c) => (CANONICAL.has(c.replace(/\s+|[:：]$/gu, '')) ? `${c.replace(/[:：]$/u, '')}：` : `${c} `)).join('').trim();
}

/** Bodies that issue documents end in one of these; two of them side by side are joint issuers. */
const ORGAN = /(办公室|办公厅|人民政府|政府|委员会|区委|市委|党委|党工委|工委|局|厅|部|院|署|中心|办|处|所|公司|集团|管委会|委)$/u;

/**
 * The issuing bodies a field names: joint issuers separated by spaces or 、 become a list.
 * Example: `中共深圳市龙华区委办公室 深圳市龙华区人民政府办公室` → both; `罗湖区委(政府)办` → itself.
 */
export function splitIssuers(value: string): string[] {
  const parts = value.split(/[\s、,，;；]+/u).filter(Boolean);
  if (parts.length > 1 && parts.every((p) => ORGAN.test(p))) return parts;
  return [value.trim()];
}

/**
 * Validity as stated, folded to a few values for the facet.
 * Example: `现行有效` → `有效`; `文件已失效` → `失效`; `已废止` → `已废止`.
 */
export function foldValidity(value: string): string {
  if (/废止/u.test(value)) return '已废止';
  if (/失效|无效/u.test(value)) return '失效';
  if (/修订|修改|修正/u.test(value)) return '已修订';
  if (/有效/u.test(value)) return '有效';
  return value.trim();
}

/**
 * Joint issuers named at the head of a title, when it names two or more.
 * Example: `中共深圳市罗湖区委办公室 深圳市罗湖区人民政府办公室关于印发《…》的通知` → both; one issuer → [].
 */
export function titleIssuers(title: string): string[] {
  const head = /^(.+?)(关于|印发)/u.exec(title)?.[1];
  if (!head) return [];
  const parts = splitIssuers(head);
  return parts.length > 1 ? parts : [];
}
