import type { Departments } from '../domain.ts';
import aliasData from '../data/department-aliases.json' with { type: 'json' };

/** A parenthesised note that names who delivers an item: （区城管局牵头）, （牵头单位:…;协办单位:…）. */
const NOTE = /[（(]([^（）()]*?(?:牵头|协办|配合|负责|责任单位|主办单位)[^（）()]*)[）)]/gu;
/** A deadline inside a note (`；完成时限：2017年9月底前`) is not a department: read by readDeadline instead. */
const NOTE_DEADLINE = /[;；，,]?\s*(?:完成时限|完成时间|时间节点|完成期限|时限要求)\s*[:：][^;；，,]*/gu;
/** The same without parentheses at the end of a line: 牵头单位:区财政局,区委组织部 */
const BARE_NOTE = /(?:^|[。；;\s])((?:牵头单位|责任单位)\s*[:：][^。（）()]+)$/u;
const ROLE_KEY = /(牵头单位|责任单位|主办单位|协办单位|配合单位|参与单位)\s*[:：]/gu;
const ASSIST_KEYS = new Set(['协办单位', '配合单位', '参与单位']);

/**
 * Lead (牵头) and assisting (协办/配合) departments named in a section's text, district-qualified.
 * Example: `…工程。(区城管局牵头)` in a 罗湖区 page → `{ lead: ['罗湖区城管局'], assist: [] }`;
 * `(牵头单位:区财政局;协办单位:区投资推广局)` → `{ lead: ['罗湖区财政局'], assist: ['罗湖区投资推广局'] }`.
 */
export function extractDepartments(text: string, district: string | null): Departments {
  const lead: string[] = [];
  const assist: string[] = [];
  const notes = [...text.matchAll(NOTE)].map((m) => m[1]);
  for (const line of text.split('\n')) {
    const bare = BARE_NOTE.exec(line.trim());
    if (bare && !notes.some((n) => n.includes(bare[1]))) notes.push(bare[1]);
  }
  for (const note of notes) {
    const roles = readNote(note.replace(NOTE_DEADLINE, '').trim());
    if (!roles) continue;
    lead.push(...roles.lead);
    assist.push(...roles.assist);
  }
  const canon = (names: string[]) => unique(names.map((n) => canonicalDepartment(n, district)).filter(Boolean));
  return { lead: canon(lead), assist: canon(assist) };
}

function readNote(note: string): Departments | null {
  const keys = [...note.matchAll(ROLE_KEY)];
  if (keys.length > 0) {
    const out: Departments = { lead: [], assist: [] };
    keys.forEach((k, i) => {
      const end = i + 1 < keys.length ? keys[i + 1].index! : note.length;
      const names = splitNames(note.slice(k.index! + k[0].length, end));
      (ASSIST_KEYS.has(k[1]) ? out.assist : out.lead).push(...names);
    });
    return out;
  }
  // 区发改局、区财政局牵头，区审计局配合
  const out: Departments = { lead: [], assist: [] };
  for (const part of note.split(/[;；，,](?=[^、]*(?:牵头|协办|配合|负责))/u)) {
    // `区工信局负责` names who leads as surely as 牵头 does; `由区财政局负责资金保障` does not end so.
    const m = /^(.+?)(牵头|协办|配合|负责)(?:负责|实施)?$/u.exec(part.trim());
    if (!m) continue;
    (m[2] === '牵头' || m[2] === '负责' ? out.lead : out.assist).push(...splitNames(m[1]));
  }
  return out.lead.length + out.assist.length > 0 ? out : null;
}

function splitNames(list: string): string[] {
  return list
    .replace(/[;；。]+$/u, '')
    .split(/[、,，;；]/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

/** Other name → canonical name, from the alias data file (区住建局 → 区住房和建设局). */
const ALIAS_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(aliasData as Record<string, string | string[]>)
    .filter(([canonical]) => !canonical.startsWith('_'))
    .flatMap(([canonical, others]) => (others as string[]).map((o) => [o, canonical] as [string, string])),
);

/**
 * One spelling and one name per department: widths and spaces normalised, 〈〉 written （）,
 * abbreviations and earlier names replaced from the alias file, and a bare 区… name qualified with
 * the page's district. Example: (`区纪委〈监察局〉`, `罗湖区`) → `罗湖区纪委（监察局）`;
 * (`区住建局`, `罗湖区`) → `罗湖区住房和建设局`.
 */
export function canonicalDepartment(name: string, district: string | null): string {
  const clean = name
    .replace(/\s+/g, '')
    .replace(/[〈<]/g, '（')
    .replace(/[〉>]/g, '）')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
  const local = district && clean.startsWith(district) ? '区' + clean.slice(district.length) : clean;
  const named = ALIAS_OF.get(local) ?? local;
  if (district && named.startsWith('区') && !named.startsWith('区域')) return district + named.slice(1);
  // In a new area (大鹏新区) pages say 新区生态环境局 the way districts say 区财政局.
  if (district?.endsWith('新区') && named.startsWith('新区')) return district + named.slice(2);
  return named;
}

/** 罗湖区财政局 → 区财政局: the short name staff use inside one district. */
export function shortDepartment(name: string, district: string | null): string {
  return district && name.startsWith(district) ? '区' + name.slice(district.length) : name;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
