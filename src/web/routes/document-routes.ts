import { Router } from 'express';
import type { PolicyDocument } from '../../domain.ts';
import { termsToMark, type HighlightGroup } from '../../search/highlight-terms.ts';
import { queryHighlight } from '../../search/search.ts';
import { findRanges } from '../../search/snippet.ts';
import { foldWidth } from '../../segment/normalize.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { docUrl, searchLink } from '../links.ts';
import { FACETS } from '../../search/facet-registry.ts';
import { parseSearchRequest } from '../params.ts';
import { paragraphHtml } from '../present.ts';

/** /docs/:id: the whole document; with the search it came from, marks, a breadcrumb, 返回结果 and match navigation. */
export function documentRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/docs/:id', (req, res) => {
    const doc = ctx.docs.get(req.params.id);
    if (!doc) return notFound(req, res, 'unknown_document', `没有编号为“${req.params.id}”的文件；请从检索结果或首页重新进入。`);
    const from = parseSearchRequest(req.query, 10, { cut: true });
    const groups = from.q ? queryHighlight(from.q) : [];
    const marks = sectionMarks(doc, groups);
    const matching = doc.sections.filter((s) => marks.get(s.id)!.found);
    const cameFromSearch = Boolean(from.q) || FACETS.some((f) => from.filters[f].length > 0);
    const glossary = new Set(doc.glossary.map((g) => g.n));
    res.render('document', {
      doc, q: from.q,
      showOriginal: req.query.view === 'original' && doc.traditional,
      backUrl: cameFromSearch ? searchLink(from, { page: from.page > 1 ? String(from.page) : null, open: from.open }) : null,
      viewUrl: (view: string | null) => docUrl(doc.id, null, from, { view }),
      matchCount: matching.length,
      neighbours: (id: string) => {
        const at = matching.findIndex((s) => s.id === id);
        return at < 0 ? null : { n: at + 1, prev: matching[at - 1]?.id ?? null, next: matching[at + 1]?.id ?? null };
      },
      html: (sectionId: string, t: string) => paragraphHtml(t, marks.get(sectionId)!.terms, glossary),
    });
  });
  return router;
}

/** Per section: what to mark (the query as typed where it occurs, else its pieces) and whether anything is marked. */
function sectionMarks(doc: PolicyDocument, groups: HighlightGroup[]): Map<string, { terms: string[]; found: boolean }> {
  return new Map(doc.sections.map((s) => {
    const terms = groups.length ? termsToMark(s.text, groups) : [];
    return [s.id, { terms, found: terms.length > 0 && findRanges(foldWidth(s.text), terms).length > 0 }];
  }));
}
