import { Router } from 'express';
import { sectionCount } from '../../index/document-store.ts';
import { suggest } from '../../search/suggest.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { docUrl } from '../links.ts';
import { LIMITS, parseSearchRequest } from '../params.ts';
import { apiDocumentBody, apiSearchBody } from '../present.ts';

/** /api/*, /healthz and /opensearch.xml: JSON for programs; errors are `{ error: code, message }`. */
export function apiRoutes(ctx: AppContext): Router {
  const router = Router();
  const { loaded } = ctx;
  router.get('/api/search', async (req, res) => {
    const started = performance.now();
    const params = parseSearchRequest(req.query, 20);
    const result = await ctx.runSearch(params, { kind: 'window', start: (params.page - 1) * params.size, end: params.page * params.size });
    const body = JSON.stringify(apiSearchBody(ctx.engine, params, result, Math.round((performance.now() - started) * 100) / 100));
    // Sent as is, without res.json's ETag: the body carries its own timing (tookMs), so no two
    // answers are alike and hashing every response could never produce a 304.
    res.type('application/json; charset=utf-8').end(body);
  });
  router.get('/api/docs', (_req, res) => {
    res.json(loaded.corpus.documents.map((d) => ({ id: d.id, meta: d.meta, sections: sectionCount(d), url: docUrl(d.id) })));
  });
  router.get('/api/docs/:id', (req, res) => {
    const doc = ctx.docs.get(req.params.id);
    if (!doc) return notFound(req, res, 'unknown_document', `没有编号为“${req.params.id}”的文件。`);
    res.json(apiDocumentBody(doc));
  });
  router.get('/api/suggest', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, LIMITS.queryChars) : '';
    res.json({ q, suggestions: suggest(loaded.corpus, q) });
  });
  router.get('/healthz', async (_req, res) => {
    // A search backend that cannot answer makes the service unhealthy: 503, so a balancer stops sending to it.
    if (!(await ctx.backend.healthy())) return res.status(503).json({ status: 'search_unavailable', backend: ctx.backend.kind, message: '检索服务暂时不可用：数据库无法连接。' });
    res.json({ status: 'ok', backend: ctx.backend.kind, generation: loaded.manifest.generation, documents: loaded.manifest.counts.documents, sections: loaded.manifest.counts.sections, builtAt: loaded.manifest.builtAt, skipped: loaded.manifest.skipped.length });
  });
  router.get('/opensearch.xml', (req, res) => {
    res.type('application/opensearchdescription+xml').render('opensearch', { origin: `${req.protocol}://${req.get('host')}` });
  });
  return router;
}
