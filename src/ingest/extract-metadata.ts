import type { CleanLine, DocumentMeta } from '../domain.ts';
import districts from './data/districts.json' with { type: 'json' };
import { documentType } from './document-type.ts';
import { SITE_NAME, findTitle } from './find-title.ts';
import { halfWidthDigits, readDate } from './read-date.ts';
import { type Field, foldValidity, readFields, splitIssuers, titleIssuers } from './read-fields.ts';

/** Header lines are looked for only near the top of a page. */
const HEADER_WINDOW = 16;

const DOC_NUMBER = /[\p{Script=Han}]{1,10}[〔［\[（(]\d{4}[〕］\]）)]\s*(第\s*)?\d+\s*号/u;
const DATE_LINE = /^[（(]?(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)[）)]?$/u;
/** `文件已失效`, `【已废止】`: a validity notice printed on its own line. */
const VALIDITY_LINE = /^[【\[]?(本|该|此)?(规范性文件|文件)?(已|现已)?(失效|废止|作废)[】\]]?$/u;

/** Metadata and the indexes of the lines it consumed (those are header, not body). */
export interface ExtractedMetadata {
  meta: DocumentMeta;
  headerLines: number[];
}

/**
 * Reads document metadata from whichever header shape the page has: key–value fields in any spacing
 * and number per line (来源/发布时间, 索引号/主题分类/发布机构/文号/有效性, 名称), a date line, a signature
 * block, a validity notice; the title by evidence (see findTitle), else `fallbackTitle` (the file
 * name). Lines it reads leave the body.
 * Example: `['福田区2015年主要工作', '信息提供日期 : 2015-02-27 00:00来源 : 区委区政府办']`
 * → `{ title: '福田区2015年主要工作', district: '福田区', publishDate: '2015-02-27', issuers: ['区委区政府办'], type: '要点', … }`.
 */
export function extractMetadata(lines: readonly CleanLine[], fallbackTitle = ''): ExtractedMetadata {
  const top = lines.slice(0, HEADER_WINDOW).map((l) => l.text);
  const fields = new Map<string, string>();
  const header = new Set<number>();
  const fieldLines = new Set<number>();
  top.forEach((line, i) => {
    const found: Field[] = readFields(line);
    let read = false;
    for (const { key, value } of found) {
      if (!fields.has(key)) fields.set(key, value);
      read ||= fields.get(key) === value;
    }
    // A line repeating a key with another value is not what was read: it stays in the body.
    if (!read) return;
    header.add(i);
    fieldLines.add(i);
  });
  const firstField = fieldLines.size > 0 ? Math.min(...fieldLines) : top.length;

  let docNumber = fields.has('文号') ? halfWidthDigits(fields.get('文号')!) : null;
  let writtenDate = fields.has('成文日期') ? readDate(fields.get('成文日期')!) : null;
  let validity = fields.has('有效性') ? foldValidity(fields.get('有效性')!) : null;
  let signer: string | null = null;
  top.forEach((line, i) => {
    if (header.has(i)) return;
    const digits = halfWidthDigits(line);
    if (!docNumber && DOC_NUMBER.test(digits) && line.length <= 30) {
      docNumber = DOC_NUMBER.exec(digits)![0].replace(/\s+/g, '');
      header.add(i);
    }
    if (!validity && VALIDITY_LINE.test(line)) {
      validity = foldValidity(line);
      header.add(i);
    }
    if (DATE_LINE.test(digits) && !writtenDate) {
      writtenDate = readDate(digits);
      header.add(i);
      if (i > 0 && SITE_NAME.test(top[i - 1]) && i - 1 > firstField) {
        signer = top[i - 1];
        header.add(i - 1);
      }
    }
  });

  const found = findTitle({ top, header, fieldLines, named: fields.get('名称') ?? null });
  const title = found.title ?? fallbackTitle;
  if (found.line !== null) header.add(found.line);
  // A page that prints its title twice (banner and body) has no second title in its body.
  if (found.line !== null) top.forEach((l, i) => i < found.line! + 3 && l === top[found.line!] && header.add(i));
  // A site banner above the title (深圳市罗湖区人民政府) is where the page was published.
  const siteLines = found.line === null ? [] : top.slice(0, found.line).flatMap((l, i) => (SITE_NAME.test(l) && !header.has(i) ? [i] : []));
  for (const i of siteLines) header.add(i);
  const issuerFields = [fields.get('发布机构'), fields.get('来源') ?? signer].filter((v): v is string => !!v);
  // Joint issuers named by the title come first; 发布机构 and 来源 add whoever they name besides them.
  const issuers = [...titleIssuers(title)];
  for (const name of issuerFields.flatMap(splitIssuers)) {
    if (!issuers.some((i) => i.endsWith(name) || name.endsWith(i))) issuers.push(name);
  }
  const publish = fields.get('发布日期');
  const meta: DocumentMeta = {
    title,
    district: findDistrict([title, issuers.join(' '), ...lines.map((l) => l.text)]),
    issuers,
    issuer: issuers[0] ?? null,
    publishDate: publish ? readDate(publish) : null,
    writtenDate,
    docNumber: docNumber ? docNumber.replace(/[［\[]/g, '〔').replace(/[］\]]/g, '〕') : null,
    indexNumber: fields.get('索引号') ?? null,
    type: documentType(title),
    topic: fields.get('主题分类') ?? null,
    validity,
    site: siteLines.length > 0 ? top[siteLines[0]] : null,
  };
  return { meta, headerLines: [...header].sort((a, b) => a - b) };
}

/** A district or county of another city, named after its city in a title or issuer: 成都市武侯区 → 武侯区. */
const CITY_DISTRICT = /(?:市|州|盟)(\p{Script=Han}{1,4}?(?:新区|区|县|旗))(?:人民政府|政府|委|党委|[\p{Script=Han}]*?(?:局|办|委员会|关于|\d))/u;

/**
 * The district named first in the title or issuer (a known Shenzhen district, else one named after
 * its city there), else the known district named most in the text.
 */
function findDistrict(texts: string[]): string | null {
  for (const t of texts.slice(0, 2)) {
    const hit = districts.find((d) => t.includes(d) || t.includes(shortName(d)));
    if (hit) return hit;
  }
  for (const t of texts.slice(0, 2)) {
    const other = CITY_DISTRICT.exec(t);
    if (other) return other[1];
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
