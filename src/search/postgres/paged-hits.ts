import { type DocumentGroup, type GroupedPage, groupByDocument } from '../group-results.ts';
import type { HitReads } from '../search-backend.ts';
import type { RankedSection, SearchResult } from '../search.ts';
import type { ShardWant } from './statement-sql.ts';

/** The hits one database (or the merge of shards) returned for a search, and the totals over all of them. */
export interface PagedHits {
  want: ShardWant;
  /** Hits, literal band and documents over every filtered match. */
  total: number;
  literalCount: number;
  totalDocuments: number;
  /** The hits `want` asked for, in rank order. */
  hits: RankedSection[];
  /** For `documents`: the first documents in order of their best hit, with how many hits each has in all. */
  documents: { docId: string; total: number }[] | null;
}

/**
 * What a database must return for what the caller reads: a window needs the first `end` hits (so
 * shards can be merged), a page of groups the first `page × pageSize` documents.
 * Example: `{ kind: 'window', start: 40, end: 60 }` → `{ kind: 'top', n: 60 }`.
 */
export function shardWant(reads: HitReads | undefined): ShardWant {
  if (!reads || reads.kind === 'all') return { kind: 'all' };
  if (reads.kind === 'window') return { kind: 'top', n: Math.max(0, reads.end) };
  return { kind: 'documents', n: Math.max(0, reads.page * reads.pageSize), perDocument: reads.perDocument, open: reads.open, listAllUpTo: reads.listAllUpTo };
}

/**
 * Shards' answers as one (shards hold disjoint documents): totals added, hits merged in `order`
 * and cut to the first n, documents ordered by their best hit and cut to the first n.
 * Example: top 20 from each of three shards → the 20 best of the 60, total the sum of the three totals.
 */
export function mergePaged(parts: PagedHits[], order: (a: RankedSection, b: RankedSection) => number): PagedHits {
  const want = parts[0].want;
  const sum = (pick: (p: PagedHits) => number) => parts.reduce((n, p) => n + pick(p), 0);
  let hits = parts.flatMap((p) => p.hits).sort(order);
  let documents: PagedHits['documents'] = null;
  if (want.kind === 'top') hits = hits.slice(0, want.n);
  if (want.kind === 'documents') {
    const best = new Map<string, number>();
    hits.forEach((h, i) => best.has(h.section.docId) || best.set(h.section.docId, i));
    const totals = new Map<string, number>();
    for (const d of parts.flatMap((p) => p.documents ?? [])) totals.set(d.docId, (totals.get(d.docId) ?? 0) + d.total);
    documents = [...totals].map(([docId, total]) => ({ docId, total })).sort((a, b) => best.get(a.docId)! - best.get(b.docId)!).slice(0, want.n);
    const kept = new Set(documents.map((d) => d.docId));
    hits = hits.filter((h) => kept.has(h.section.docId));
  }
  return { want, total: sum((p) => p.total), literalCount: sum((p) => p.literalCount), totalDocuments: sum((p) => p.totalDocuments), hits, documents };
}

/** Raised when a result is read beyond the hits the backend was asked for (a caller passing the wrong HitReads). */
function notFetched(what: string): Error {
  return new Error(`the PostgreSQL backend fetched only the hits it was asked for (HitReads); ${what} was not among them`);
}

/**
 * A result's hit fields from what was fetched: `window` and `groups` answer from it exactly as the
 * embedded engine would, `hits` when every hit was fetched; anything else throws rather than answer short.
 * Example: top 60 fetched, total 31,204 → `window(40, 60)` gives hits 40–59; `hits` throws.
 */
export function withPagedHits(base: Omit<SearchResult, 'hits' | 'total' | 'window' | 'groups' | 'literalCount' | 'totalDocuments'>, p: PagedHits): SearchResult {
  const complete = p.hits.length === p.total;
  const window = (start: number, end: number): RankedSection[] => {
    end = Math.min(end, p.total);
    if (start >= end) return [];
    if (complete || (p.want.kind === 'top' && end <= p.hits.length)) return p.hits.slice(start, end);
    throw notFetched(`hits ${start}–${end}`);
  };
  const groups = (page: number, pageSize: number, perDocument: number, open: readonly string[]): GroupedPage => {
    if (complete) return groupByDocument(p.hits, page, pageSize, perDocument, open);
    if (!p.documents || (page * pageSize > (p.want as { n: number }).n && p.documents.length >= (p.want as { n: number }).n)) throw notFetched(`page ${page} of documents`);
    const byDoc = new Map<string, RankedSection[]>();
    for (const h of p.hits) {
      const list = byDoc.get(h.section.docId);
      if (list) list.push(h);
      else byDoc.set(h.section.docId, [h]);
    }
    const shown = p.documents.slice((page - 1) * pageSize, page * pageSize).map((d): DocumentGroup => {
      const fetched = byDoc.get(d.docId) ?? [];
      const keep = open.includes(d.docId) ? d.total : perDocument;
      if (fetched.length < Math.min(keep, d.total)) throw notFetched(`every hit of ${d.docId}`);
      const sections = fetched.slice(0, keep);
      return { docId: d.docId, sections, total: d.total, open: sections.length === d.total };
    });
    return { groups: shown, pages: Math.max(1, Math.ceil(p.totalDocuments / pageSize)) };
  };
  const result: SearchResult = { ...base, hits: [], total: p.total, window, groups, literalCount: p.literalCount, totalDocuments: p.totalDocuments };
  // A getter, so a page-sized result read as a whole fails loudly instead of answering short.
  Object.defineProperty(result, 'hits', {
    enumerable: true,
    get: () => {
      if (!complete) throw notFetched('every hit');
      return p.hits;
    },
  });
  return result;
}
