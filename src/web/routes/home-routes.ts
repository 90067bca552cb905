import { documentDate } from '../../index/corpus.ts';
import { Router } from 'express';
import type { AppContext } from '../context.ts';

/** The overview (/): documents per district, departments leading the most items, newest documents. */
export function homeRoutes(ctx: AppContext): Router {
  const { corpus, manifest } = ctx.loaded;
  // The overview depends only on the index: computed once, not on every visit.
  const count = (values: (string | null)[]) => {
    const m = new Map<string, number>();
    for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  const overview = {
    districts: count(corpus.documents.map((d) => d.meta.district)),
    departments: count(corpus.sections.flatMap((s) => s.lead)).slice(0, 12),
    newest: [...corpus.documents].sort((a, b) => (documentDate(b.meta) ?? '').localeCompare(documentDate(a.meta) ?? '')).slice(0, 5),
    manifest,
  };
  const router = Router();
  router.get('/', (_req, res) => {
    res.render('home', { ...overview }); // a copy: res.render writes _locals into the object it gets
  });
  return router;
}
