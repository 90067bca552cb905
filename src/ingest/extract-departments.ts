import type { Departments } from '../domain.ts';
import aliasData from '../data/department-aliases.json' with { type: 'json' };
// The same words name a task table's department columns and a note's keys: one list for both.
import tableColumns from './data/table-columns.json' with { type: 'json' };

const noteKeys = tableColumns.columns;
const LEAD_KEYS = noteKeys.lead.join('|');
const ALL_KEYS = [...noteKeys.lead, ...noteKeys.assist].join('|');
const ASSIST_KEYS = new Set(noteKeys.assist);
/** A parenthesised note that names who delivers an item: （区城管局牵头）, （牵头单位:…;协办单位:…）. */
const NOTE = new RegExp(`[（(]([^（）()]*?(?:牵头|协办|配合|负责|${ALL_KEYS})[^（）()]*)[）)]`, 'gu');
/** A deadline inside a note (`；完成时限：2017年9月底前`) is not a department: read by readDeadline instead. */
const NOTE_DEADLINE = /[;；，,]?\s*(?:完成时限|完成时间|时间节点|完成期限|时限要求)\s*[:：][^;；，,]*/gu;
/** A role mark after one name of a list: 区工信局（牵头），各街道办事处. */
const NAME_ROLE = /[（(](牵头|配合|协办)[）)]/u;
/**
 * The same without parentheses at the end of a line: 牵头单位:区财政局,区委组织部; 责任主体：区司法局;
 * 责任单位：区工信局（牵头），各街道办事处 (a role mark on a name may sit inside).
 */
const BARE_NOTE = new RegExp(`(?:^|[。；;\\s])((?:${LEAD_KEYS})\\s*[:：](?:[^。（）()]|${NAME_ROLE.source})+)$`, 'u');
const ROLE_KEY = new RegExp(`(${ALL_KEYS})\\s*[:：]`, 'gu');
/** What a department's name ends with: lets `区发改局，区财政局牵头` keep both names. */
const DEPARTMENT_END = /(?:局|委|办|办公室|中心|处|所|院|会|部|站|队|署|厅|公司|街道|办事处|政府|管委会|集团)$/u;

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
      const names = note.slice(k.index! + k[0].length, end);
      if (ASSIST_KEYS.has(k[1])) out.assist.push(...splitNames(names).map(withoutRole));
      else readMarkedList(names, out);
    });
    return out;
  }
  // 区发改局、区财政局牵头，区审计局配合，2017年底前完成
  const out: Departments = { lead: [], assist: [] };
  // Names before the role word may be split by commas too (区发改局，区财政局牵头): held until it comes.
  let pending: string[] = [];
  for (const raw of note.split(/[;；，,]/u)) {
    const part = raw.trim();
    // `区工信局负责` names who leads as surely as 牵头 does; `由区财政局负责资金保障` does not end so.
    const m = /^(.+?)(牵头|协办|配合|负责)(?:负责|实施)?$/u.exec(part);
    if (m) {
      (m[2] === '牵头' || m[2] === '负责' ? out.lead : out.assist).push(...pending, ...splitNames(m[1]));
      pending = [];
    } else {
      pending = DEPARTMENT_END.test(part) ? [...pending, part] : [];
    }
  }
  return out.lead.length + out.assist.length > 0 ? out : null;
}

/**
 * A lead key's list: when some names carry （牵头）, those lead and the others assist; otherwise all lead.
 * Example: `区工信局（牵头），各街道办事处` → lead 区工信局, assist 各街道办事处.
 */
function readMarkedList(list: string, out: Departments): void {
  const names = splitNames(list);
  const marked = names.some((n) => NAME_ROLE.exec(n)?.[1] === '牵头');
  for (const name of names) {
    const role = NAME_ROLE.exec(name)?.[1];
    const lead = marked ? role === '牵头' : role !== '配合' && role !== '协办';
    (lead ? out.lead : out.assist).push(withoutRole(name));
  }
}

function withoutRole(name: string): string {
  return name.replace(NAME_ROLE, '').trim();
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
