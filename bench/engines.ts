// The contenders (ours in-process for the seed scale, SQLite FTS5, FlexSearch), each doing "the job" of /api/search: the top 20 hits of the requested page,
// facet counts (district, lead department, year, type) over all matches, and snippets.
import { createRequire } from 'node:module';
import { type SectionRecord, containsText } from '../src/index/corpus.ts';
import type { LoadedIndex } from '../src/index/index-store.ts';
import { type Engine, type Filters, FACETS, type FacetName, type SearchResult, createEngine, search } from '../src/search/search.ts';
import { makeSnippet } from '../src/search/snippet.ts';
import { completeFilters, facetValues } from '../src/search/facet-registry.ts';
import { normalize } from '../src/segment/normalize.ts';
import { policyJieba } from '../src/segment/jieba.ts';
import { parseQuery } from '../src/search/parse-query.ts';
import { apiSearchBody, snippetHtml } from '../src/web/present.ts';

const require = createRequire(import.meta.url);

export interface BenchQuery {
  label: string;
  q: string;
  filters?: Partial<Filters>;
  page?: number;
}

/** The fixed mix; the rare term comes from the corpus. */
export function queryMix(rareTerm: string): BenchQuery[] {
  return [
    { label: 'common term 发展', q: '发展' },
    { label: 'mid term 城市更新', q: '城市更新' },
    { label: `rare term ${rareTerm}`, q: rareTerm },
    { label: 'two-word AND 改革 创新', q: '改革 创新' },
    { label: 'phrase "城市更新"', q: '"城市更新"' },
    { label: '城市更新 + two filters', q: '城市更新', filters: { district: ['罗湖区'], year: ['2017'] } },
    { label: '发展, page 5', q: '发展', page: 5 },
  ];
}

/** What each job returns, so runs can be compared and nothing is optimised away. */
export interface JobAnswer {
  total: number;
  top: string[];
  /** The page's snippets as HTML, as the page shows them. */
  snippets: string[];
  facets: Record<FacetName, Map<string, number>>;
}

const SIZE = 20;

/** A query's filters with every facet present (the mix leaves most of them out). */
function filtersOf(q: BenchQuery): Filters {
  return completeFilters(q.filters);
}

// ---------- Zhengce Search (MiniSearch at the centre) ----------

export function zhengceJob(engine: Engine, q: BenchQuery): JobAnswer {
  const filters = filtersOf(q);
  return answerOf(engine, q, search(engine, { q: q.q, filters }));
}

/** What /api/search makes of a result: the page of hits with snippets (documents from `engine`, as the server holds them). */
function answerOf(engine: Engine, q: BenchQuery, result: SearchResult): JobAnswer {
  const filters = filtersOf(q);
  const body = apiSearchBody(engine, { q: q.q, filters, sort: 'relevance', page: q.page ?? 1, size: SIZE, expand: true, from: null, to: null, open: [], truncated: false }, result, 0);
  return {
    total: body.total,
    top: body.hits.map((h) => `${h.docId}#${h.sectionId}`),
    snippets: body.hits.map((h) => h.snippet),
    facets: Object.fromEntries(FACETS.map((f) => [f, new Map(result.facets[f].map((v) => [v.value, v.count]))])) as JobAnswer['facets'],
  };
}

export function zhengceEngine(loaded: LoadedIndex, cache: boolean): Engine {
  return createEngine(loaded, { cache });
}

// ---------- shared by the peers: the same jieba words, in text order ----------

/** jieba's words of the normalised text, in order (the peers index these). */
export function words(text: string): string[] {
  return policyJieba().cut(normalize(text), true).filter((w) => w.trim().length > 0);
}

/** A query as peers see it: each typed word (or phrase) becomes its jieba words in sequence. */
function peerClauses(q: string): { words: string[]; phrase: boolean; text: string }[] {
  return parseQuery(q).clauses.map((c) => ({ words: words(c[0].text), phrase: c[0].phrase, text: c[0].text }));
}

// ---------- SQLite FTS5 ----------

type Database = import('better-sqlite3').Database;

const ZWSP = '\u200b';

/** The facets with at most one value per section, each a column of `meta`; departments (several) have their own table. */
const SINGLE = FACETS.filter((f) => f !== 'department');

/** Builds an FTS5 table of the sections (words joined by U+200B, a separator for unicode61). */
export function buildFts5(path: string, sections: SectionRecord[]): Database {
  const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Sqlite(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE VIRTUAL TABLE s USING fts5(body, tokenize = "unicode61 remove_diacritics 0");
    CREATE TABLE meta (id INTEGER PRIMARY KEY, key TEXT, ${SINGLE.map((f) => `${f} TEXT`).join(', ')});
    CREATE TABLE lead (id INTEGER, dept TEXT);
  `);
  const insS = db.prepare('INSERT INTO s (rowid, body) VALUES (?, ?)');
  const insM = db.prepare(`INSERT INTO meta VALUES (?, ?, ${SINGLE.map(() => '?').join(', ')})`);
  const insL = db.prepare('INSERT INTO lead VALUES (?, ?)');
  db.transaction(() => {
    sections.forEach((s, i) => {
      insS.run(i + 1, words(s.text).join(ZWSP));
      insM.run(i + 1, s.key, ...SINGLE.map((f) => facetValues(s, f)[0] ?? null));
      for (const d of facetValues(s, 'department')) insL.run(i + 1, d);
    });
  })();
  db.exec('CREATE INDEX lead_id ON lead (id); CREATE INDEX lead_dept ON lead (dept);');
  return db;
}

export function openFts5(path: string): Database {
  const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  return new Sqlite(path, { readonly: true });
}

const statements = new WeakMap<Database, Map<string, import('better-sqlite3').Statement>>();
function prepared(db: Database, sql: string) {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}

export function fts5Job(db: Database, q: BenchQuery): JobAnswer {
  const clauses = peerClauses(q.q);
  const match = clauses.map((c) => `"${c.words.join(' ')}"`).join(' AND ');
  const filters = filtersOf(q);
  const where = (skip: FacetName | null) => {
    const parts: string[] = [];
    const args: string[] = [];
    for (const f of FACETS) {
      if (f === skip || filters[f].length === 0) continue;
      const marks = filters[f].map(() => '?').join(',');
      parts.push(f === 'department' ? `m.id IN (SELECT id FROM lead WHERE dept IN (${marks}))` : `m.${f} IN (${marks})`);
      args.push(...filters[f]);
    }
    return { sql: parts.map((p) => ` AND ${p}`).join(''), args };
  };
  const all = where(null);
  const from = 'FROM s JOIN meta m ON m.id = s.rowid WHERE s MATCH ?';
  const total = (prepared(db, `SELECT count(*) AS n ${from}${all.sql}`).get(match, ...all.args) as { n: number }).n;
  const rows = prepared(db, `SELECT m.key AS key, snippet(s, 0, '<mark>', '</mark>', '…', 24) AS snip ${from}${all.sql} ORDER BY bm25(s) LIMIT ? OFFSET ?`).all(
    match, ...all.args, SIZE, ((q.page ?? 1) - 1) * SIZE,
  ) as { key: string; snip: string }[];
  for (const r of rows) r.snip = r.snip.replaceAll(ZWSP, '');
  const facets = {} as JobAnswer['facets'];
  for (const f of FACETS) {
    const w = where(f);
    const sql = f === 'department'
      ? `SELECT l.dept AS v, count(*) AS c ${from.replace('WHERE', 'JOIN lead l ON l.id = s.rowid WHERE')}${w.sql} GROUP BY l.dept`
      : `SELECT m.${f} AS v, count(*) AS c ${from}${w.sql} GROUP BY m.${f}`;
    facets[f] = new Map((prepared(db, sql).all(match, ...w.args) as { v: string; c: number }[]).map((r) => [r.v, r.c]));
  }
  return { total, top: rows.map((r) => r.key), snippets: rows.map((r) => r.snip), facets };
}

// ---------- FlexSearch ----------

export interface FlexState {
  index: { add(id: number, text: string): void; search(q: string, o: { limit: number }): number[] };
  sections: SectionRecord[];
}

/** FlexSearch at its fastest: exact encoder (no normalisation), strict tokens, resolution 1. */
export function buildFlex(sections: SectionRecord[]): FlexState {
  const F = require('flexsearch');
  const index = new F.Index({ tokenize: 'strict', encoder: F.Charset.Exact, resolution: 1 });
  sections.forEach((s, i) => index.add(i, words(s.text).join(' ')));
  return { index, sections };
}

export function flexJob(state: FlexState, q: BenchQuery): JobAnswer {
  const clauses = peerClauses(q.q);
  // The full match list, so facets can be counted over every match; phrases are confirmed on the text.
  let ids = state.index.search(clauses.flatMap((c) => c.words).join(' '), { limit: state.sections.length });
  for (const c of clauses) if (c.phrase) ids = ids.filter((i) => containsText(state.sections[i], c.text));
  const filters = filtersOf(q);
  const passes = (s: SectionRecord, skip: FacetName | null) => FACETS.every((f) => f === skip || filters[f].length === 0 || facetValues(s, f).some((v) => filters[f].includes(v)));
  const facets = {} as JobAnswer['facets'];
  for (const f of FACETS) {
    const counts = new Map<string, number>();
    for (const i of ids) {
      const s = state.sections[i];
      if (!passes(s, f)) continue;
      for (const v of facetValues(s, f)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    facets[f] = counts;
  }
  const hits = ids.filter((i) => passes(state.sections[i], null));
  const page = hits.slice(((q.page ?? 1) - 1) * SIZE, (q.page ?? 1) * SIZE);
  const highlight = clauses.flatMap((c) => [c.text, ...c.words]);
  const snippets = page.map((i) => snippetHtml(makeSnippet(state.sections[i].text, highlight)));
  return { total: hits.length, top: page.map((i) => state.sections[i].key), snippets, facets };
}
