import { documentType } from './document-type.ts';

/** What the lines above the body say about the title. */
export interface TitleEvidence {
  /** The top lines of the page, simplified. */
  top: readonly string[];
  /** Lines already read as fields, dates or document numbers. */
  header: ReadonlySet<number>;
  /** Lines that hold header fields (the title usually sits just above them). */
  fieldLines: ReadonlySet<number>;
  /** 名称 / 标题 field, when the page has one. */
  named: string | null;
}

export interface FoundTitle {
  title: string | null;
  /** The line the title came from (it leaves the body), null for a field or nothing. */
  line: number | null;
}

const NUMBERED = /^(\d{1,3}\s*[.、．]|[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|第[一二三四五六七八九十百零〇\d]+[章节条部分])/u;
const BREADCRUMB = /[>»›＞]/u;
export const SITE_NAME = /^(深圳市)?\p{Script=Han}{1,8}(人民政府|区委|政府)(门户网站)?$/u;
/** Forum board tags before a reposted title: `[广东] …`, `【转载】…`. */
const FORUM_TAG = /^(\s*[[【][^\]】]{1,8}[\]】]\s*)+/u;

/**
 * The title by evidence: a 名称 field; else the best-scored top line — it names a document type, sits
 * just above the header fields, is the 《…》 a notice names, or repeats near the top — never a
 * numbered line, a breadcrumb, a site banner, a salutation or a sentence. Null when nothing reads as one.
 * Example: `['当前位置: 首页 > 信息公开', '3.增强科技创新。', '[广东] 广东省海洋经济发展方案', '来源:…']`
 * → `{ title: '广东省海洋经济发展方案', line: 2 }`.
 */
export function findTitle(e: TitleEvidence): FoundTitle {
  if (e.named) return { title: stripTag(e.named), line: null };
  const names = namedByNotice(e.top);
  let best: { line: number; score: number } | null = null;
  let first = true;
  const end = bodyStart(e.top);
  for (let i = 0; i < end; i++) {
    if (e.header.has(i) || !couldBeTitle(e.top[i])) continue;
    const line = stripTag(e.top[i]);
    let score = 0;
    if (documentType(line) !== null) score += 3;
    if (e.fieldLines.has(i + 1)) score += 3;
    if (names.has(line.replace(/[<＜]/g, '《').replace(/[>＞]/g, '》'))) score += 2;
    if (e.top.some((other, k) => k !== i && stripTag(other) === line)) score += 2;
    if (line.length <= 60 && !/[，,：:]/u.test(line)) score += 1;
    if (first) score += 1;
    first = false;
    if (!best || score > best.score) best = { line: i, score };
  }
  if (!best || best.score < 2) return { title: null, line: null };
  return { title: stripTag(e.top[best.line]), line: best.line };
}

/** The body begins at the first numbered line: nothing below it is a title. */
function bodyStart(top: readonly string[]): number {
  const i = top.findIndex((l) => NUMBERED.test(l));
  return i < 0 ? top.length : i;
}

/** Shapes a title never has. `三、工作计划` → false; `当前位置: 首页 > 信息公开` → false. */
export function couldBeTitle(line: string): boolean {
  const t = stripTag(line);
  if (t.length < 4 || t.length > 120) return false;
  if (NUMBERED.test(t) || SITE_NAME.test(t) || t.startsWith('——')) return false;
  if (BREADCRUMB.test(t) && /首页|位置/u.test(t)) return false;
  if (/[:：]$/u.test(t) || /[。；;！!？?]/u.test(t)) return false;
  return true;
}

/** 《X》 named by a transmitting notice: `《盐田区…行动计划》已经区政府同意，现印发给你们` → X. */
function namedByNotice(top: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const line of top) {
    for (const m of line.matchAll(/《((?:[^《》]|《[^《》]*》)+)》(?=[^《》]{0,12}(已经|经|现予|现印发|印发|审议))/gu)) {
      out.add(m[1].replace(/[<＜]/g, '《').replace(/[>＞]/g, '》'));
    }
  }
  return out;
}

function stripTag(line: string): string {
  return line.replace(FORUM_TAG, '').trim();
}
