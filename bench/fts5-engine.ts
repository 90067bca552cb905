// SQLite FTS5 doing the job of /api/search on the same jieba words as ours, plus a trigram table of
// the same normalised text for the literal band (FTS5's own substring index): the matches are the
// sections with the query's words or containing it as written, literal ones first, then by bm25.
import { createRequire } from 'node:module';
import { type SectionRecord, gramText } from '../src/index/corpus.ts';
import { FACETS, type FacetName, facetValues } from '../src/search/facet-registry.ts';
import { makeSnippet } from '../src/search/snippet.ts';
import { normalize } from '../src/segment/normalize.ts';
import { snippetHtml } from '../src/web/present.ts';
import { type BenchQuery, type JobAnswer, SIZE, filtersOf, peerClauses, words } from './engines.ts';

const require = createRequire(import.meta.url);
type Database = import('better-sqlite3').Database;

/** Words joined by U+200B, a separator for unicode61 that never occurs in the words. */
const ZWSP = '\u200b';
/** The facets with at most one value per section, each a column of `meta`; departments (several) have their own table. */
const SINGLE = FACETS.filter((f) => f !== 'department');

/** Example: the seeds' 260 sections → `fts5.db` with tables s (words), g (trigrams), meta, lead. */
export function buildFts5(path: string, sections: SectionRecord[]): Database {
  const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Sqlite(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE VIRTUAL TABLE s USING fts5(body, tokenize = "unicode61 remove_diacritics 0");
    CREATE VIRTUAL TABLE g USING fts5(text, tokenize = "trigram");
    CREATE TABLE meta (id INTEGER PRIMARY KEY, key TEXT, ${SINGLE.map((f) => `${f} TEXT`).join(', ')});
    CREATE TABLE lead (id INTEGER, dept TEXT);
  `);
  const insS = db.prepare('INSERT INTO s (rowid, body) VALUES (?, ?)');
  const insG = db.prepare('INSERT INTO g (rowid, text) VALUES (?, ?)');
  const insM = db.prepare(`INSERT INTO meta VALUES (?, ?, ${SINGLE.map(() => '?').join(', ')})`);
  const insL = db.prepare('INSERT INTO lead VALUES (?, ?)');
  db.transaction(() => {
    sections.forEach((s, i) => {
      insS.run(i + 1, words(s.text).join(ZWSP));
      insG.run(i + 1, gramText(s));
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

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** Example: `{ q: '城市更新', page: 1 }` → total, the first 20 keys with snippets, facet counts over all matches. */
export function fts5Job(db: Database, q: BenchQuery): JobAnswer {
  const clauses = peerClauses(q.q);
  const literals = clauses.map((c) => normalize(c.text));
  const args: (string | number)[] = [clauses.map((c) => quoted(c.words.join(' '))).join(' AND ')];
  // Trigrams find substrings of three characters or more; shorter clauses match by their words only.
  const literal = literals.every((t) => [...t].length >= 3);
  if (literal) args.push(literals.map(quoted).join(' AND '));
  // Materialised, so bm25() runs in the FTS5 query itself (SQLite refuses it once the subquery is flattened).
  const hits = `WITH w AS MATERIALIZED (SELECT rowid AS id, 0 AS lit, bm25(s) AS r FROM s WHERE s MATCH ?),
    hits AS (SELECT id, max(lit) AS lit, min(r) AS r FROM (SELECT * FROM w${literal ? ' UNION ALL SELECT rowid, 1, 0 FROM g WHERE g MATCH ?' : ''}) GROUP BY id)`;
  const filters = filtersOf(q);
  const where = (skip: FacetName | null) => {
    const parts: string[] = [];
    const values: string[] = [];
    for (const f of FACETS) {
      if (f === skip || filters[f].length === 0) continue;
      const marks = filters[f].map(() => '?').join(',');
      parts.push(f === 'department' ? `m.id IN (SELECT id FROM lead WHERE dept IN (${marks}))` : `m.${f} IN (${marks})`);
      values.push(...filters[f]);
    }
    return { sql: parts.map((p) => ` AND ${p}`).join(''), values };
  };
  const all = where(null);
  const from = `${hits} SELECT %s FROM hits h JOIN meta m ON m.id = h.id`;
  const total = (prepared(db, `${from.replace('%s', 'count(*) AS n')} WHERE 1${all.sql}`).get(...args, ...all.values) as { n: number }).n;
  const rows = prepared(db, `${from.replace('%s', 'm.key AS key, h.id AS id')} WHERE 1${all.sql} ORDER BY h.lit DESC, h.r LIMIT ? OFFSET ?`).all(
    ...args, ...all.values, SIZE, ((q.page ?? 1) - 1) * SIZE,
  ) as { key: string; id: number }[];
  const highlight = clauses.flatMap((c) => [c.text, ...c.words]);
  const text = prepared(db, 'SELECT text FROM g WHERE rowid = ?');
  const snippets = rows.map((r) => snippetHtml(makeSnippet((text.get(r.id) as { text: string }).text, highlight)));
  const facets = {} as JobAnswer['facets'];
  for (const f of FACETS) {
    const w = where(f);
    const sql = f === 'department'
      ? `${from.replace('%s', 'l.dept AS v, count(*) AS c')} JOIN lead l ON l.id = h.id WHERE 1${w.sql} GROUP BY l.dept`
      : `${from.replace('%s', `m.${f} AS v, count(*) AS c`)} WHERE 1${w.sql} GROUP BY m.${f}`;
    facets[f] = new Map((prepared(db, sql).all(...args, ...w.values) as { v: string; c: number }[]).map((r) => [r.v, r.c]));
  }
  return { total, top: rows.map((r) => r.key), snippets, facets };
}
