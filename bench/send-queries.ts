// Sends every generated query once to each engine, the engines taking turns query by query (the
// starting engine rotates), so a slow patch of the machine falls on all of them alike.
import { type FacetName, FACET_REGISTRY, facetSpec } from '../src/search/facet-registry.ts';
import { getJson } from './http-get.ts';
import type { GeneratedQuery } from './make-queries.ts';

export interface EngineEndpoint {
  name: string;
  port: number;
}

/** What one engine answered to one query, reduced to what the checks compare. */
export interface Answer {
  ms: number;
  total: number;
  /** Ours (and our PostgreSQL backend) only: the literal band's size. */
  literalCount?: number;
  /** Ours only: abbreviations searched as well (the literal check skips such queries). */
  expansions?: number;
  /** Page hits as `docId#sectionId`. */
  keys: string[];
  facets: Partial<Record<FacetName, [string, number][]>>;
}

/** The request the search page makes. Example: `{ q: '发展', district: '罗湖区', page: 3 }` → `/api/search?q=发展&district=罗湖区&page=3` (encoded). */
export function searchPath(g: GeneratedQuery): string {
  const usp = new URLSearchParams({ q: g.q });
  if (g.district) usp.set(facetSpec('district').param, g.district);
  if (g.page) usp.set('page', String(g.page));
  return `/api/search?${usp}`;
}

interface Body {
  total: number;
  literalCount?: number;
  expansions?: unknown[];
  hits: { key?: string; docId?: string; sectionId?: string }[];
  facets: Record<string, { value: string; count: number }[]>;
}

function answerOf(ms: number, body: Body): Answer {
  return {
    ms,
    total: body.total,
    literalCount: body.literalCount,
    expansions: body.expansions?.length,
    keys: body.hits.map((h) => h.key ?? `${h.docId}#${h.sectionId}`),
    facets: Object.fromEntries(FACET_REGISTRY.map((f) => [f.name, (body.facets[f.name] ?? []).map((v) => [v.value, v.count])])),
  };
}

/** Per engine name, the answers in query order; any status but 200 stops the run. */
export async function sendAlternating(engines: EngineEndpoint[], queries: GeneratedQuery[], progress: (done: number) => void): Promise<Record<string, Answer[]>> {
  const out: Record<string, Answer[]> = Object.fromEntries(engines.map((e) => [e.name, []]));
  for (let i = 0; i < queries.length; i++) {
    const path = searchPath(queries[i]);
    for (let k = 0; k < engines.length; k++) {
      const e = engines[(i + k) % engines.length];
      const { ms, status, body } = await getJson(e.port, path);
      if (status !== 200) throw new Error(`${e.name} answered ${status} to ${decodeURIComponent(path)}: ${JSON.stringify(body).slice(0, 300)}`);
      out[e.name][i] = answerOf(ms, body as Body);
    }
    if (i % 50 === 49) progress(i + 1);
  }
  return out;
}
