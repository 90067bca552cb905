import type { PolicyDocument } from '../domain.ts';
import { type Engine, type SearchResult, hitCount, hitPage } from '../search/search.ts';
import { FACET_REGISTRY } from '../search/facet-registry.ts';
import { termsToMark } from '../search/highlight-terms.ts';
import { makeSnippet, markText, type SnippetPart } from '../search/snippet.ts';
import { docUrl } from './links.ts';
import type { SearchRequest } from './params.ts';

/** Escapes text for HTML; every piece of document or user text goes through here or EJS's <%=. */
export function escapeHtml(text: string): string {
  // Most snippet text has nothing to escape: test once instead of building a replacement string.
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, (c) => ENTITIES[c]) : text;
}

const UNSAFE = /[&<>"']/;
const UNSAFE_ALL = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Snippet parts as HTML: escaped text, `<mark>` around hits. */
export function snippetHtml(parts: SnippetPart[]): string {
  return parts.map((p) => (p.hit ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}

/** The /api/search response body; the HTML page renders from the same search call. */
export function apiSearchBody(engine: Engine, req: SearchRequest, result: SearchResult, tookMs: number) {
  const start = (req.page - 1) * req.size;
  return {
    query: { q: req.q, terms: result.segmented, filters: Object.fromEntries(FACET_REGISTRY.map((f) => [f.param, req.filters[f.name]])), from: req.from, to: req.to, sort: req.sort },
    /** No section has every word; the hits contain most of them. */
    relaxed: result.relaxed,
    resolvedDepartments: result.resolvedDepartments,
    total: hitCount(result),
    totalDocuments: result.totalDocuments,
    literalCount: result.literalCount,
    expansions: result.expansions,
    definitions: result.definitions,
    page: req.page,
    size: req.size,
    tookMs,
    hits: hitPage(result, start, start + req.size).map((h) => {
      const s = h.section;
      const doc = engine.docs.get(s.docId)!;
      return {
        docId: s.docId,
        sectionId: s.sectionId,
        url: docUrl(s.docId, s.sectionId, { q: req.q }),
        docTitle: doc.meta.title,
        district: doc.meta.district,
        date: s.date,
        docNumber: doc.meta.docNumber,
        type: doc.meta.type,
        path: s.path,
        heading: `${s.number ?? ''}${s.heading}`,
        departments: { lead: s.lead, assist: s.assist },
        snippet: snippetHtml(makeSnippet(s.text, termsToMark(s.text, result.highlightGroups))),
        text: s.text,
        literal: h.literal,
        score: Math.round(h.score * 1000) / 1000,
      };
    }),
    facets: Object.fromEntries(Object.entries(result.facets).map(([k, v]) => [k, v.map(({ value, count, documents }) => ({ value, count, documents }))])),
  };
}

/** A document as the API returns it. */
export function apiDocumentBody(doc: PolicyDocument) {
  return {
    id: doc.id,
    meta: doc.meta,
    traditional: doc.traditional,
    glossary: doc.glossary,
    sections: doc.sections.map((s) => ({ id: s.id, level: s.level, number: s.number, heading: s.heading, path: s.path, text: s.text, departments: s.departments, deadline: s.deadline })),
  };
}

/** Highlights a paragraph for the document page: escaped, terms in <mark>, [n] linked to the glossary. */
export function paragraphHtml(text: string, terms: string[], glossary: Set<number>): string {
  const html = terms.length > 0 ? snippetHtml(markText(text, terms)) : escapeHtml(text);
  return html.replace(/\[(\d{1,3})\]/g, (m, n: string) => (glossary.has(Number(n)) ? `<a class="fn" href="#glossary-${n}">[${n}]</a>` : m));
}
