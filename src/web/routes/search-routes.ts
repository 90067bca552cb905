import { Router } from 'express';
import { termsToMark } from '../../search/highlight-terms.ts';
import { nearestDepartments } from '../../search/resolve-department.ts';
import { type SearchResult, groupPage, hitCount, hitPage } from '../../search/search.ts';
import { makeSnippet } from '../../search/snippet.ts';
import { suggest } from '../../search/suggest.ts';
import type { SectionRecord } from '../../index/corpus.ts';
import { type AppContext, sendExport } from '../context.ts';
import { docUrl, searchLink } from '../links.ts';
import { type SearchRequest, parseSearchRequest } from '../params.ts';

const DOCS_PER_PAGE = 10;
/** Up to this many items, every one is listed at once; beyond it, groups show their best three and expand. */
const LIST_ALL_UP_TO = 20;
const PER_DOCUMENT = 3;
const FEED_ENTRIES = 50;

/** /search, its exports and Atom feed. Example: `/search?q=城市更新&dept=城市更新局` → every 城市更新局's items. */
export function searchRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const started = performance.now();
    const params = parseSearchRequest(req.query, DOCS_PER_PAGE, { cut: true });
    const result = await ctx.runSearch(params, { kind: 'groups', page: params.page, pageSize: DOCS_PER_PAGE, perDocument: PER_DOCUMENT, open: params.open, listAllUpTo: LIST_ALL_UP_TO });
    const total = hitCount(result);
    const perDocument = total <= LIST_ALL_UP_TO ? Infinity : PER_DOCUMENT;
    const { groups, pages } = groupPage(result, params.page, DOCS_PER_PAGE, perDocument, params.open);
    const link = (changes: Record<string, string | string[] | null>) => searchLink(params, changes);
    res.render('search', {
      params, result, total, pages, tookMs: Math.round((performance.now() - started) * 10) / 10,
      groups: groups.map((g) => ({
        ...g,
        doc: ctx.docs.get(g.docId)!,
        docLink: docUrl(g.docId, null, params),
        openLink: searchLink(params, { open: [...params.open, g.docId], page: params.page > 1 ? String(params.page) : null }) + `#g-${g.docId}`,
        rows: g.sections.map((h) => ({ hit: h, url: docUrl(g.docId, h.section.sectionId, params), parts: snippetParts(h.section, result) })),
      })),
      suggestions: total === 0 ? suggest(ctx.loaded.corpus, params.q.slice(0, 2)) : [],
      unknownDepartments: result.resolvedDepartments.filter((r) => r.names.length === 0).map((r) => ({ asked: r.asked, nearest: nearestDepartments(r.asked, ctx.engine.facets.values.department) })),
      departmentOffer: departmentOffer(ctx, params),
      link,
      exactLink: params.q && !/^".*"$/.test(params.q.trim()) ? link({ q: `"${params.q.trim()}"` }) : null,
      exportUrl: (format: string) => searchLink(params, {}, `/search/export.${format}`),
      feedUrl: searchLink(params, { sort: null }, '/search.atom'),
      compareUrl: searchLink(params, { district: [] }, '/compare'),
    });
  });

  router.get('/search/export.:format', async (req, res) => {
    const params = parseSearchRequest(req.query, DOCS_PER_PAGE, { cut: true });
    sendExport(ctx, req, res, (await ctx.runSearch(params)).hits.map((h) => h.section), `检索-${params.q || '全部'}`);
  });

  router.get('/search.atom', async (req, res) => {
    const params = { ...parseSearchRequest(req.query, FEED_ENTRIES, { cut: true }), sort: 'date' as const };
    const result = await ctx.runSearch(params, { kind: 'window', start: 0, end: FEED_ENTRIES });
    const origin = `${req.protocol}://${req.get('host')}`;
    const entries = hitPage(result, 0, FEED_ENTRIES).map((h) => ({
      section: h.section,
      title: xmlText(`${ctx.docs.get(h.section.docId)!.meta.title} › ${h.section.number ?? ''}${h.section.heading || '正文开头'}`),
      url: origin + docUrl(h.section.docId, h.section.sectionId, { q: params.q }),
      summary: xmlText(snippetParts(h.section, result).map((p) => p.text).join('')),
    }));
    res.type('application/atom+xml; charset=utf-8').render('atom', {
      params, entries, origin, feedTitle: xmlText(params.q),
      selfUrl: origin + searchLink(params, { sort: null }, '/search.atom'),
      pageUrl: origin + searchLink(params, { sort: 'date' }),
      updated: entries[0]?.section.date ?? ctx.loaded.manifest.builtAt.slice(0, 10),
    });
  });
  return router;
}

/** Text without the characters XML 1.0 forbids (controls, lone surrogates), which EJS's escaping keeps. Example: `城\u0001市` → `城市`. */
function xmlText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/** The snippet of one hit: sentences around its marks, the query as typed marked where it occurs. */
export function snippetParts(s: SectionRecord, result: SearchResult) {
  return makeSnippet(s.text, termsToMark(s.text, result.highlightGroups));
}

/** When the query is a department's name: the link to every item it leads (该单位牵头的全部事项). */
function departmentOffer(ctx: AppContext, params: SearchRequest): { names: string[]; url: string } | null {
  const q = params.q.trim();
  if ([...q].length < 3 || /\s/.test(q)) return null;
  const names = ctx.resolveDepartment(q).filter((n) => (ctx.departmentsByName.get(n)?.led ?? 0) > 0);
  if (names.length === 0) return null;
  return { names, url: searchLink(params, { q: null, dept: names }) };
}
