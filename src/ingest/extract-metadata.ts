import type { CleanLine, DocumentMeta } from '../domain.ts';
import districts from './data/districts.json' with { type: 'json' };
import types from './data/document-types.json' with { type: 'json' };

/** Header lines are looked for only near the top of a page. */
const HEADER_WINDOW = 16;

const FIELD =
  /(信息索引号|索\s*引\s*号|发\s*布\s*机\s*构|发\s*布\s*日\s*期|发布时间|信息提供日期|成文日期|来\s*源|名\s*称|文\s*号)\s*[:：]\s*/gu;
const DOC_NUMBER = /[\p{Script=Han}]{1,10}[〔［\[（(]\d{4}[〕］\]）)]\s*\d+\s*号/u;
const DATE_LINE = /^[（(]?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[）)]?$/u;
const SITE_NAME = /^(深圳市)?\p{Script=Han}{1,8}(人民政府|区委|政府)(门户网站)?$/u;

/** Metadata and the indexes of the lines it consumed (those are header, not body). */
export interface ExtractedMetadata {
  meta: DocumentMeta;
  headerLines: number[];
}

/**
 * Reads document metadata from whichever header shape the page has: 来源/发布时间;
 * 信息提供日期/来源/信息索引号; 索引号/发布机构/发布日期/名称/文号; a signature block with 成文 date.
 * Example: `['福田区2015年主要工作', '信息提供日期 : 2015-02-27 00:00来源 : 区委区政府办']`
 * → `{ title: '福田区2015年主要工作', district: '福田区', publishDate: '2015-02-27', type: '要点', … }`.
 */
export function extractMetadata(lines: readonly CleanLine[]): ExtractedMetadata {
  const top = lines.slice(0, HEADER_WINDOW).map((l) => l.text);
  const fields = new Map<string, string>();
  const header = new Set<number>();
  top.forEach((line, i) => {
    const found = readFields(line);
    if (found.size === 0) return;
    header.add(i);
    for (const [k, v] of found) if (!fields.has(k)) fields.set(k, v);
  });
  const firstField = header.size > 0 ? Math.min(...header) : top.length;

  let docNumber = fields.get('文号') ?? null;
  let writtenDate: string | null = fields.has('成文日期') ? toIsoDate(fields.get('成文日期')!) : null;
  let signer: string | null = null;
  top.forEach((line, i) => {
    if (!docNumber && DOC_NUMBER.test(line) && line.length <= 30) {
      docNumber = DOC_NUMBER.exec(line)![0].replace(/\s+/g, '');
      header.add(i);
    }
    const date = DATE_LINE.exec(line);
    if (date && !writtenDate) {
      writtenDate = isoDate(date[1], date[2], date[3]);
      header.add(i);
      if (i > 0 && SITE_NAME.test(top[i - 1]) && i - 1 > firstField) {
        signer = top[i - 1];
        header.add(i - 1);
      }
    }
  });

  const title = findTitle(top, fields, firstField, header);
  const issuer = fields.get('发布机构') ?? fields.get('来源') ?? signer;
  const publish = fields.get('发布日期') ?? fields.get('发布时间') ?? fields.get('信息提供日期');
  const meta: DocumentMeta = {
    title,
    district: findDistrict([title, issuer ?? '', ...lines.map((l) => l.text)]),
    issuer: issuer ?? null,
    publishDate: publish ? toIsoDate(publish) : null,
    writtenDate,
    docNumber: docNumber ? docNumber.replace(/[［\[]/g, '〔').replace(/[］\]]/g, '〕') : null,
    indexNumber: fields.get('索引号') ?? fields.get('信息索引号') ?? null,
    type: documentType(title),
  };
  return { meta, headerLines: [...header].sort((a, b) => a - b) };
}

function readFields(line: string): Map<string, string> {
  const out = new Map<string, string>();
  const matches = [...line.matchAll(FIELD)];
  matches.forEach((m, k) => {
    const start = m.index! + m[0].length;
    const end = k + 1 < matches.length ? matches[k + 1].index! : line.length;
    const value = line.slice(start, end).trim();
    if (value) out.set(m[1].replace(/\s+/g, ''), value);
  });
  return out;
}

/** 名称 wins; else the line just above the first header field; else the first title-like line. */
function findTitle(top: string[], fields: Map<string, string>, firstField: number, header: Set<number>): string {
  const named = fields.get('名称');
  if (named) return named;
  for (let i = header.size > 0 ? firstField - 1 : -1; i >= 0; i--) {
    if (SITE_NAME.test(top[i])) {
      header.add(i);
      continue;
    }
    header.add(i);
    for (let j = 0; j < i; j++) if (SITE_NAME.test(top[j])) header.add(j);
    return top[i];
  }
  const i = top.findIndex((line, k) => !header.has(k) && isTitleLike(line));
  if (i >= 0) {
    header.add(i);
    return top[i];
  }
  // No header at all: a short unpunctuated first line is the title; a numbered one stays in the body.
  const first = top.findIndex((_, k) => !header.has(k));
  if (first < 0) return '';
  if (top[first].length <= 60 && !/[。；;]/.test(top[first]) && !/^([一二三四五六七八九十]+、|[（(]|\d|第)/.test(top[first])) {
    header.add(first);
  }
  return top[first];
}

function isTitleLike(line: string): boolean {
  return line.length <= 60 && !/[。，,：:；;]/.test(line) && documentType(line) !== null;
}

/**
 * The document type a title names; for 印发…的通知 the type of what it transmits.
 * Example: `关于印发《罗湖区2017年改革计划》的通知` → `计划`; `2017年政府工作报告(在…会议上)` → `报告`.
 */
export function documentType(title: string): string | null {
  const transmitted = /印发(.+)的通知/.exec(title)?.[1];
  if (transmitted) {
    const own = classify(transmitted);
    if (own) return own;
    const quoted = /《([^《》]+)》\s*$/.exec(transmitted)?.[1];
    if (quoted && classify(quoted)) return classify(quoted);
  }
  return classify(title);
}

function classify(title: string): string | null {
  const bare = stripQuoted(title).replace(/[（(][^（）()]*[）)]/g, '').trim();
  for (const [ending, type] of types.types) if (bare.endsWith(ending)) return type;
  return null;
}

function stripQuoted(text: string): string {
  let out = text;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/《[^《》]*》/g, '');
  }
  return out;
}

/** The district named first in the title or issuer, else the one named most in the text. */
function findDistrict(texts: string[]): string | null {
  for (const t of texts.slice(0, 2)) {
    const hit = districts.find((d) => t.includes(d) || t.includes(shortName(d)));
    if (hit) return hit;
  }
  let best: string | null = null;
  let bestCount = 0;
  const all = texts.slice(2).join('\n');
  for (const d of districts) {
    const count = all.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** 罗湖区 → 罗湖; 大鹏新区 → 大鹏. */
function shortName(district: string): string {
  return district.replace(/(新区|特别合作区|现代服务业合作区|区)$/, '');
}

function toIsoDate(text: string): string | null {
  const m = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/.exec(text);
  return m ? isoDate(m[1], m[2], m[3]) : null;
}

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
