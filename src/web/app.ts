import { fileURLToPath } from 'node:url';
import helmet from 'helmet';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { LoadedIndex } from '../index/index-store.ts';
import { groupByDocument } from '../search/group-results.ts';
import { parseQuery } from '../search/parse-query.ts';
import { FACETS, createEngine, highlightTerms, search } from '../search/search.ts';
import { makeSnippet } from '../search/snippet.ts';
import { suggest } from '../search/suggest.ts';
import { compareByDistrict } from '../search/compare.ts';
import { departmentItems, groupDepartmentItems, listDepartments } from '../search/departments.ts';
import { EXPORT_COLUMNS, exportRows } from '../search/export-rows.ts';
import { departmentAliases } from '../ingest/extract-departments.ts';
import type { SectionRecord } from '../index/corpus.ts';
import { assetRoutes } from './assets.ts';
import { toCsv } from './csv.ts';
import { BadRequest, LIMITS, type SearchRequest, parseDepartmentRequest, parseSearchRequest } from './params.ts';
import { apiDocumentBody, apiSearchBody, departmentUrl, paragraphHtml, sectionUrl, snippetHtml } from './present.ts';

const VIEWS = fileURLToPath(new URL('../../views', import.meta.url));
const DOCS_PER_PAGE = 10;

/** Builds the app around a loaded index; never listens (the CLI or supertest does). */
export function createApp(loaded: LoadedIndex): express.Express {
  const engine = createEngine(loaded);
  search(engine, { q: '预热' }); // load jieba and OpenCC now, not on the first user's request
  const docs = engine.docs;
  /** The one search call behind the page, the API, the exports and the comparison. */
  const runSearch = (params: SearchRequest) => search(engine, { q: params.q, filters: params.filters, sort: params.sort, expand: params.expand });
  const departments = listDepartments(engine);
  const departmentsByName = new Map(departments.map((d) => [d.name, d]));

  /** All the given sections as CSV (with BOM, for Excel) or JSON; `format` is the route's extension. */
  const sendExport = (req: Request, res: Response, sections: SectionRecord[], name: string) => {
    const format = req.params.format;
    if (format !== 'csv' && format !== 'json') throw new BadRequest('export format must be csv or json');
    const rows = exportRows(sections, docs, `${req.protocol}://${req.get('host')}`);
    const file = `${name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)}.${format}`;
    res.set('Content-Disposition', `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(file)}`);
    if (format === 'json') return res.json(rows);
    res.type('text/csv; charset=utf-8').send(toCsv(EXPORT_COLUMNS.map(([, label]) => label), rows.map((r) => EXPORT_COLUMNS.map(([k]) => r[k]))));
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  app.set('views', VIEWS);
  // Express caches compiled templates only under NODE_ENV=production; recompiling costs ~0.6 ms a page.
  app.set('view cache', process.env.NODE_ENV !== 'development');
  // Flat parameters only (repeats become arrays): no nested objects to trip over, no qs array limits.
  app.set('query parser', 'simple');
  app.locals.departmentUrl = departmentUrl;
  app.use(helmet({
    // Only the site's own files: no inline script or style, so injected markup cannot run or restyle.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // An intranet site may be served over plain HTTP; HSTS would lock staff out of it.
    strictTransportSecurity: false,
  }));
  app.use(assetRoutes());

  // The overview depends only on the index: computed once, not on every visit.
  const count = (values: (string | null)[]) => {
    const m = new Map<string, number>();
    for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  const overview = {
    districts: count(loaded.corpus.documents.map((d) => d.meta.district)),
    departments: count(loaded.corpus.sections.flatMap((s) => s.lead)).slice(0, 12),
    newest: [...loaded.corpus.documents].sort((a, b) => (b.meta.publishDate ?? '').localeCompare(a.meta.publishDate ?? '')).slice(0, 5),
    manifest: loaded.manifest,
  };
  app.get('/', (_req, res) => {
    res.render('home', { ...overview }); // a copy: res.render writes _locals into the object it gets
  });

  app.get('/search', (req, res) => {
    const started = performance.now();
    const params = parseSearchRequest(req.query, DOCS_PER_PAGE);
    const result = runSearch(params);
    const { groups, pages } = groupByDocument(result.hits, params.page, DOCS_PER_PAGE);
    res.render('search', {
      params, result, pages, facetNames: FACETS, docs, tookMs: Math.round((performance.now() - started) * 10) / 10,
      groups: groups.map((g) => ({
        ...g,
        doc: docs.get(g.docId)!,
        rows: g.sections.map((h) => ({ hit: h, url: sectionUrl(g.docId, h.section.sectionId, params.q), snippet: snippetHtml(makeSnippet(h.section.text, result.highlight)) })),
      })),
      suggestions: result.hits.length === 0 ? suggest(loaded.corpus, params.q.slice(0, 2)) : [],
      link: (changes: Record<string, string | string[] | null>) => searchLink(params, changes),
      exactLink: params.q && !/^".*"$/.test(params.q.trim()) ? searchLink(params, { q: `"${params.q.trim()}"`, page: null }) : null,
      exportUrl: (format: string) => searchLink(params, { page: null }, `/search/export.${format}`),
      compareUrl: searchLink(params, { page: null, district: [] }, '/compare'),
    });
  });

  app.get('/search/export.:format', (req, res) => {
    const params = parseSearchRequest(req.query, DOCS_PER_PAGE);
    const result = runSearch(params);
    sendExport(req, res, result.hits.map((h) => h.section), `检索-${params.q || '全部'}`);
  });

  app.get('/compare', (req, res) => {
    const params = parseSearchRequest(req.query, DOCS_PER_PAGE);
    const result = runSearch(params);
    res.render('compare', { params, result, columns: compareByDistrict(result.hits), docs, link: (changes: Record<string, string | string[] | null>) => searchLink(params, changes) });
  });

  app.get('/departments', (_req, res) => {
    res.render('departments', { departments });
  });

  app.get('/departments/:name', (req, res) => {
    const dept = departmentsByName.get(req.params.name);
    if (!dept) return notFound(res, req, `no department named ${req.params.name}`);
    const filter = parseDepartmentRequest(req.query);
    const items = departmentItems(engine, dept.name, filter);
    res.render('department', {
      dept, filter, items, docs, aliases: departmentAliases(dept.name, dept.district),
      years: dept.years,
      groups: groupDepartmentItems(items),
      exportUrl: (format: string) => departmentUrl(dept.name, filter, `/export.${format}`),
      itemUrl: (s: SectionRecord) => sectionUrl(s.docId, s.sectionId, filter.q),
      snippet: (s: SectionRecord) => snippetHtml(makeSnippet(s.text, filter.q ? highlightTerms(parseQuery(filter.q)) : [])),
    });
  });

  app.get('/departments/:name/export.:format', (req, res) => {
    const dept = departmentsByName.get(req.params.name);
    if (!dept) return notFound(res, req, `no department named ${req.params.name}`);
    const items = departmentItems(engine, dept.name, parseDepartmentRequest(req.query));
    sendExport(req, res, items.map((i) => i.section), dept.name);
  });

  app.get('/docs/:id', (req, res) => {
    const doc = docs.get(req.params.id);
    if (!doc) return notFound(res, req, `no document with id ${req.params.id}`);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, LIMITS.queryChars) : '';
    const terms = q ? highlightTerms(parseQuery(q)) : [];
    const glossary = new Set(doc.glossary.map((g) => g.n));
    res.render('document', { doc, q, showOriginal: req.query.view === 'original' && doc.traditional, html: (t: string) => paragraphHtml(t, terms, glossary) });
  });

  app.get('/api/search', (req, res) => {
    const started = performance.now();
    const params = parseSearchRequest(req.query, 20);
    const result = runSearch(params);
    res.json(apiSearchBody(engine, params, result, Math.round((performance.now() - started) * 100) / 100));
  });
  app.get('/api/docs', (_req, res) => {
    res.json(loaded.corpus.documents.map((d) => ({ id: d.id, meta: d.meta, sections: d.sections.length, url: `/docs/${encodeURIComponent(d.id)}` })));
  });
  app.get('/api/docs/:id', (req, res) => {
    const doc = docs.get(req.params.id);
    if (!doc) return notFound(res, req, `no document with id ${req.params.id}`);
    res.json(apiDocumentBody(doc));
  });
  app.get('/api/suggest', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, LIMITS.queryChars) : '';
    res.json({ q, suggestions: suggest(loaded.corpus, q) });
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', documents: loaded.manifest.counts.documents, sections: loaded.manifest.counts.sections, builtAt: loaded.manifest.builtAt, skipped: loaded.manifest.skipped.length });
  });
  app.get('/opensearch.xml', (req, res) => {
    res.type('application/opensearchdescription+xml').render('opensearch', { origin: `${req.protocol}://${req.get('host')}` });
  });

  app.use((req, res) => notFound(res, req, `nothing at ${req.path}`));
  app.use((error: Error, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof BadRequest) return sendError(res, req, 400, error.message);
    // Express's own client errors (a path with broken %-encoding, for instance) keep their 4xx.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendError(res, req, status, status === 400 ? 'the address is malformed (broken %-encoding?); check the link' : 'request refused');
    }
    console.error(error);
    return sendError(res, req, 500, 'internal error; the operator can find details in the server log');
  });
  return app;
}

function notFound(res: Response, req: Request, message: string) {
  sendError(res, req, 404, message);
}

function sendError(res: Response, req: Request, status: number, message: string) {
  res.status(status);
  if (req.path.startsWith('/api/') || req.path === '/healthz') res.json({ error: message });
  else res.render('error', { status, message });
}

/** A /search URL (or another path taking the same parameters) with some changed; the other filters are kept. */
function searchLink(params: SearchRequest, changes: Record<string, string | string[] | null>, path = '/search'): string {
  const current: Record<string, string | string[]> = {
    q: params.q, district: params.filters.district, dept: params.filters.department, year: params.filters.year, type: params.filters.type, validity: params.filters.validity, sort: params.sort === 'relevance' ? '' : params.sort,
    expand: params.expand ? '' : '0',
  };
  const merged = { ...current, ...changes };
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    for (const x of Array.isArray(v) ? v : v ? [v] : []) usp.append(k, x);
  }
  return `${path}?${usp.toString()}`;
}

