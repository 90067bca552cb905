import type { CleanLine, GlossaryEntry, HeadingKind, Section } from '../domain.ts';
import { dashHeadings } from './dash-headings.ts';
import { halfWidthDigits } from './read-date.ts';
import { readTableRows } from './read-table-rows.ts';
import { chineseNumber } from './repair-mojibake.ts';

interface HeadingMatch {
  kind: HeadingKind;
  /** The numbering as printed, e.g. `（二）`. */
  number: string | null;
  /** Ordinal used in the section id (1 for 一/（一）/1.). */
  ordinal: number | null;
  rest: string;
}

const CN = '[一二三四五六七八九十百零〇]+';
const PATTERNS: [HeadingKind, RegExp][] = [
  // A report's 第一部分 / 第二部分 (or 篇, 编) hold its 一、 … sections.
  ['division', new RegExp(`^(第(${CN})(?:部分|篇|编))\\s*`, 'u')],
  ['chapter', new RegExp(`^(第(${CN})章)\\s*`, 'u')],
  ['part', new RegExp(`^(第(${CN})节)\\s*`, 'u')],
  ['article', new RegExp(`^(第(${CN})条)\\s*`, 'u')],
  ['cn', new RegExp(`^((${CN})、)\\s*`, 'u')],
  ['paren-cn', new RegExp(`^([（(](${CN})[）)])\\s*`, 'u')],
  ['num', /^((\d{1,3})\s*[.、．](?!\d))\s*/u],
  ['paren-num', /^([（(](\d{1,3})[）)])\s*/u],
];
const DASH = /^——+(?=\S)/u;
const GLOSSARY = /^名词解释\s*[:：]?\s*$/u;
const FOOTNOTE = /\[(\d{1,3})\]/g;
/** A numbered line longer than this keeps only its first clause as the heading. */
const HEADING_MAX = 40;
/** A numbered line with no sentence end (the whole line is its heading) stays whole up to this. */
const LINE_HEADING_MAX = 64;

/**
 * Classifies a line as a heading, or null for a paragraph.
 * Example: `（二）打造国际消费中心，推进…` → `{ kind: 'paren-cn', number: '（二）', ordinal: 2, rest: '打造国际…' }`;
 * `规划引领再启新程。…` → null (a lead sentence is a paragraph).
 */
export function matchHeading(line: string): HeadingMatch | null {
  // Full-width numbering (１．, （２）) is numbering too; the rest keeps the page's own digits
  // (the fold is one character for one, so offsets agree).
  const digits = halfWidthDigits(line);
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(digits);
    if (!m) continue;
    const rest = line.slice(m[0].length);
    if (!rest) return null;
    const ordinal = /^\d+$/.test(m[2]) ? Number(m[2]) : chineseNumber(m[2]);
    return { kind, number: m[1].replace(/\s+/g, '').replace('(', '（').replace(')', '）'), ordinal, rest };
  }
  if (DASH.test(line) && line.length <= HEADING_MAX && !/[。；]/.test(line)) {
    return { kind: 'dash', number: null, ordinal: null, rest: line.replace(DASH, '') };
  }
  if (GLOSSARY.test(line)) return { kind: 'glossary', number: null, ordinal: null, rest: '名词解释' };
  return null;
}

/**
 * Splits body lines into a section tree. Levels follow the order in which a document uses its
 * numbering kinds (一、 then （一） then 1. …), so any nesting works; text before the first heading
 * is the preface `s0`. ——lines are headings only where the page uses them so (dashHeadings); each
 * task-table row is an item with its departments and deadline (readTableRows; names not yet
 * district-qualified). Every line lands in exactly one section, in order.
 * Example: `['前言', '一、总体要求', '（一）目标', '1.任务。(区财政局牵头)']` → sections s0, s1, s1-1, s1-1-1.
 */
export function splitSections(lines: readonly CleanLine[]): Section[] {
  const sections: Section[] = [newSection('s0', 0, 'preface', null, '', [], null)];
  let stack: { kind: HeadingKind; section: Section; ordinals: number[] }[] = [];
  const dashCount = new Map<string, number>();
  const used = new Set<string>(['s0']);
  let inGlossary = false;
  const texts = lines.map((l) => l.text);
  const dashes = dashHeadings(texts);
  const rows = readTableRows(texts);

  for (const [i, line] of lines.entries()) {
    const row = rows.get(i);
    let heading = row ? rowHeading(row.number, row.task) : matchHeading(line.text);
    if (heading?.kind === 'dash' && !dashes.has(i)) heading = null;
    if (heading?.kind === 'glossary') inGlossary = true;
    else if (inGlossary && heading?.kind === 'num') heading = { ...heading, kind: 'glossary-entry' };
    else if (inGlossary && heading) inGlossary = false;

    if (!heading) {
      const current = sections[sections.length - 1];
      current.paragraphs.push(line.text);
      current.original.push(line.original);
      continue;
    }
    if (heading.kind === 'glossary') stack = [];
    const at = stack.findIndex((s) => s.kind === heading.kind);
    if (at >= 0) stack = stack.slice(0, at);
    const parent = stack[stack.length - 1];
    const parentOrdinals = parent?.ordinals ?? [];
    const key = `${parent?.section.id ?? ''}/${heading.kind}`;
    const ordinal = heading.ordinal ?? (dashCount.get(key) ?? 0) + 1;
    dashCount.set(key, ordinal);
    const ordinals = [...parentOrdinals, ordinal];
    const id = uniqueId(sectionId(heading.kind, ordinals), used);
    const path = stack.map((s) => (s.section.number ?? '') + s.section.heading);
    const section = newSection(id, stack.length + 1, heading.kind, heading.number, shortHeading(heading.rest), path, parent?.section.id ?? null);
    section.paragraphs.push(line.text);
    section.original.push(line.original);
    if (row) Object.assign(section, { departments: row.departments, deadline: row.deadline });
    sections.push(section);
    stack.push({ kind: heading.kind, section, ordinals });
  }
  return sections.filter((s) => s.id !== 's0' || s.paragraphs.length > 0).map(finish);
}

/** A table row as a heading: its 序号 numbers it, its task cell names it. */
function rowHeading(number: string | null, task: string): HeadingMatch {
  // A bare 序号 cell reads as the list number it is: `1` → `1.`.
  const ordinal = number && /^\d{1,4}$/.test(number) ? Number(number) : null;
  return { kind: 'row', number: ordinal !== null ? `${ordinal}.` : number, ordinal, rest: task };
}

function sectionId(kind: HeadingKind, ordinals: number[]): string {
  if (kind === 'glossary') return 'glossary';
  if (kind === 'glossary-entry') return `glossary-${ordinals[ordinals.length - 1]}`;
  return `s${ordinals.join('-')}`;
}

function uniqueId(id: string, used: Set<string>): string {
  let out = id;
  for (let k = 2; used.has(out); k++) out = `${id}_${k}`;
  used.add(out);
  return out;
}

/**
 * The first clause of a numbered line: `加大城市更新推进力度。落实…` → `加大城市更新推进力度`.
 * A line that is one unfinished sentence is a heading line by itself and stays whole up to
 * LINE_HEADING_MAX, so siblings of different lengths read alike.
 */
function shortHeading(rest: string): string {
  const sentence = rest.split(/[。；;！!？?]/u)[0].replace(/[（(][^（）()]*(?:牵头|协办)[^（）()]*[）)]$/u, '').trim();
  const wholeLine = sentence === rest.trim();
  if (sentence.length <= (wholeLine ? LINE_HEADING_MAX : HEADING_MAX)) return sentence;
  const clause = sentence.split(/[，,：:]/u)[0];
  return clause.length <= HEADING_MAX ? clause : `${clause.slice(0, 30)}…`;
}

function newSection(
  id: string,
  level: number,
  kind: Section['kind'],
  number: string | null,
  heading: string,
  path: string[],
  parentId: string | null,
): Section {
  return {
    id, level, kind, number, heading, path, parentId,
    paragraphs: [], original: [], text: '', departments: { lead: [], assist: [] }, deadline: null, footnotes: [],
  };
}

function finish(section: Section): Section {
  const text = section.paragraphs.join('\n');
  const footnotes = [...new Set([...text.matchAll(FOOTNOTE)].map((m) => Number(m[1])))];
  const out: Section = { ...section, text, footnotes: section.kind === 'glossary-entry' ? [] : footnotes };
  if (section.kind === 'glossary-entry') {
    out.glossary = glossaryEntry(out);
    out.heading = out.glossary.term;
  }
  if (section.kind === 'preface') out.heading = '';
  return out;
}

function glossaryEntry(section: Section): GlossaryEntry {
  const rest = section.text.replace(/^\d{1,3}\s*[.、．]\s*/u, '');
  const [term, ...definition] = rest.split(/[:：]/u);
  return { n: Number(/\d+/.exec(section.number ?? '')?.[0] ?? 0), term: term.trim(), definition: definition.join('：').trim() };
}
