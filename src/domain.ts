/**
 * The types that pass between stages: the contract of the project. No logic lives here.
 *
 * Pipeline: raw bytes → DecodedPage → cleaned lines → PolicyDocument (metadata + sections)
 * → index entries (src/index) → hits (src/search) → pages (src/web).
 */

/** Encodings the decoder can tell apart. */
export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** A seed file read from disk, before anything is interpreted. */
export interface RawPage {
  /** File name relative to the seeds folder, e.g. `000_3b22d4aff9f0ab3b.txt`. */
  file: string;
  bytes: Uint8Array;
}

/** A page turned into text, with the encoding that was detected. */
export interface DecodedPage {
  file: string;
  encoding: SourceEncoding;
  text: string;
}

/** One cleaned line of a document: the display text in both scripts. */
export interface CleanLine {
  /** Cleaned text in the page's own script (traditional pages stay traditional): shown as 原文. */
  original: string;
  /** The same line converted to simplified Chinese: what is indexed and shown by default. */
  text: string;
}

/** Metadata of one document, from whichever header shape the page has. Dates are YYYY-MM-DD. */
export interface DocumentMeta {
  title: string;
  /** Shenzhen district or new area, e.g. 罗湖区, 大鹏新区; null when the page never says. */
  district: string | null;
  /** Every issuing body named, joint issuers in order (中共…区委办公室, …区人民政府办公室). */
  issuers: string[];
  /** The first of `issuers`; kept for callers that show one. */
  issuer: string | null;
  publishDate: string | null;
  writtenDate: string | null;
  /** 文号, e.g. 罗府办〔2012〕6号. */
  docNumber: string | null;
  /** 索引号, e.g. 000000-02-2017-099899. */
  indexNumber: string | null;
  /** 工作方案, 计划, 报告, 通知, 要点, 意见, 办法…; for 印发…的通知 the type of what it transmits. */
  type: string | null;
  /** 主题分类, e.g. 综合政务. */
  topic: string | null;
  /** 有效性 / 时效性 as the page states it, folded to 有效, 失效, 已废止 or 已修订 where it says so. */
  validity: string | null;
  /** The site banner above the title (深圳市罗湖区人民政府): where the page was published. */
  site: string | null;
}

/** Departments named by a task item's note; canonical, district-qualified names. */
export interface Departments {
  lead: string[];
  assist: string[];
}

/** A glossary (名词解释) entry; footnote marks [n] in the body point to it. */
export interface GlossaryEntry {
  n: number;
  term: string;
  definition: string;
}

/** Kind of numbering a heading uses; the level of each kind is decided per document. */
export type HeadingKind =
  | 'division' // 第一部分, 第一篇, 第一编
  | 'chapter' // 第一章
  | 'part' // 第一节
  | 'article' // 第一条
  | 'cn' // 一、
  | 'paren-cn' // （一）
  | 'num' // 1. 1、
  | 'paren-num' // （1）
  | 'dash' // ——抓机遇，谋长远
  | 'glossary' // 名词解释
  | 'glossary-entry' // 1.一河六圈三带：…
  | 'row'; // a task-table row: 1 | 工作任务 | 责任单位 | 完成时限

/** One node of a document's section tree; `paragraphs` hold the section's own lines only. */
export interface Section {
  /** Stable id from the numbering path, e.g. `s3-2-1` for 三、>（二）>1.; `s0` is the preface. */
  id: string;
  /** Depth in the tree: 0 for the preface, 1 for top-level headings. */
  level: number;
  kind: HeadingKind | 'preface';
  /** The numbering as printed, e.g. `（二）`, `3.`; null for the preface and dash lead lines. */
  number: string | null;
  /** Short heading (the numbered line's first clause), simplified. */
  heading: string;
  /** Headings of the ancestors, outermost first. */
  path: string[];
  /** Id of the parent section, null at the top. */
  parentId: string | null;
  /** The section's own lines (heading line first), simplified. */
  paragraphs: string[];
  /** The same lines in the page's own script. */
  original: string[];
  /** `paragraphs` joined with newlines: the searchable text of the section. */
  text: string;
  departments: Departments;
  /** When the item is due, as the page states it (2017年12月底前); null when it says nothing. */
  deadline: string | null;
  /** Footnote numbers [n] that occur in the section's text. */
  footnotes: number[];
  /** Set on glossary entries. */
  glossary?: GlossaryEntry;
}

/** A fully ingested document. */
export interface PolicyDocument {
  /** Stable id from the file name, e.g. `000_3b22d4aff9f0ab3b`. */
  id: string;
  file: string;
  encoding: SourceEncoding;
  /** True when the page came in traditional script (so 原文 differs from the display text). */
  traditional: boolean;
  meta: DocumentMeta;
  sections: Section[];
  /** Body lines (after the metadata header) in display order, simplified; sections reproduce them. */
  body: string[];
  glossary: GlossaryEntry[];
}

/** A problem with one input file; `file` and `line` say where to look. */
export interface IngestProblem {
  file: string;
  line?: number;
  reason: string;
}
