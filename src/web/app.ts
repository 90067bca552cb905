import { fileURLToPath } from 'node:url';
import helmet from 'helmet';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { LoadedIndex } from '../index/index-store.ts';
import { groupByDocument } from '../search/group-results.ts';
import { parseQuery } from '../search/parse-query.ts';
import { FACETS, createEngine, highlightTerms, search } from '../search/search.ts';
import { makeSnippet } from '../search/snippet.ts';
import { suggest } from '../search/suggest.ts';
import { BadRequest, LIMITS, parseSearchRequest } from './params.ts';
import { apiDocumentBody, apiSearchBody, paragraphHtml, sectionUrl, snippetHtml } from './present.ts';

const VIEWS = fileURLToPath(new URL('../../views', import.meta.url));
const PUBLIC = fileURLToPath(new URL('./public', import.meta.url));
const DOCS_PER_PAGE = 10;

/** Builds the app around a loaded index; never listens (the CLI or supertest does). */
export function createApp(loaded: LoadedIndex): express.Express {
  const engine = createEngine(loaded.corpus, loaded.index);
  search(engine, { q: '预热' }); // load jieba and OpenCC now, not on the first user's request
  const docs = new Map(loaded.corpus.documents.map((d) => [d.id, d]));
  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  app.set('views', VIEWS);
  // Express caches compiled templates only under NODE_ENV=production; recompiling costs ~0.6 ms a page.
  app.set('view cache', process.env.NODE_ENV !== 'development');
  // Flat parameters only (repeats become arrays): no nested objects to trip over, no qs array limits.
  app.set('query parser', 'simple');
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
  app.use('/static', express.static(PUBLIC, { maxAge: '1h' }));

  app.get('/', (_req, res) => {
    const count = (values: (string | null)[]) => {
      const m = new Map<string, number>();
      for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
      return [...m].sort((a, b) => b[1] - a[1]);
    };
    res.render('home', {
      districts: count(loaded.corpus.documents.map((d) => d.meta.district)),
      departments: count(loaded.corpus.sections.flatMap((s) => s.lead)).slice(0, 12),
      newest: [...loaded.corpus.documents].sort((a, b) => (b.meta.publishDate ?? '').localeCompare(a.meta.publishDate ?? '')).slice(0, 5),
      manifest: loaded.manifest,
    });
  });

  app.get('/search', (req, res) => {
    const started = performance.now();
    const params = parseSearchRequest(req.query, DOCS_PER_PAGE);
    const result = search(engine, { q: params.q, filters: params.filters, sort: params.sort });
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
    });
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
    const result = search(engine, { q: params.q, filters: params.filters, sort: params.sort });
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

/** A /search URL with some parameters changed; the other filters are kept. */
function searchLink(params: ReturnType<typeof parseSearchRequest>, changes: Record<string, string | string[] | null>): string {
  const current: Record<string, string | string[]> = {
    q: params.q, district: params.filters.district, dept: params.filters.department, year: params.filters.year, type: params.filters.type, sort: params.sort === 'relevance' ? '' : params.sort,
  };
  const merged = { ...current, ...changes };
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    for (const x of Array.isArray(v) ? v : v ? [v] : []) usp.append(k, x);
  }
  return `/search?${usp.toString()}`;
}
