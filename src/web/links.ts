import { FACET_REGISTRY } from '../search/facet-registry.ts';
import type { SearchRequest } from './params.ts';

type Changes = Record<string, string | string[] | null>;

/** A search's parameters as URL values (facets by their registry parameter); defaults left out. The page and open groups only with `place`. */
function searchValues(params: SearchRequest, place = false): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = { q: params.q };
  for (const f of FACET_REGISTRY) values[f.param] = params.filters[f.name];
  return {
    ...values,
    from: params.from ?? '',
    to: params.to ?? '',
    sort: params.sort === 'relevance' ? '' : params.sort,
    expand: params.expand ? '' : '0',
    open: place ? params.open : [],
    page: place && params.page > 1 ? String(params.page) : '',
  };
}

function encode(values: Record<string, string | string[] | null>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : v ? [v] : []) usp.append(k, x);
  return usp.toString();
}

/**
 * A /search URL (or another path taking the same parameters) with some parameters changed; the others
 * kept, except the page and the open groups (a new filter starts again at page 1).
 * Example: (`{ q: '城市更新', dept: [] … }`, `{ sort: 'date' }`) → `/search?q=%E5%9F%8E…&sort=date`.
 */
export function searchLink(params: SearchRequest, changes: Changes = {}, path = '/search'): string {
  const qs = encode({ ...searchValues(params), ...changes });
  return qs ? `${path}?${qs}` : path;
}

/**
 * The one way to link to a document: the section as the fragment, and the search it was reached from
 * (query and filters) so the page highlights it and offers 返回结果.
 * Example: (`004_3c0b`, `s3-3-1`, `{ q: '城市更新', dept: ['罗湖区城市更新局'] … }`) →
 * `/docs/004_3c0b?q=%E5%9F%8E…&dept=%E7%BD%97…#s3-3-1`.
 */
export function docUrl(docId: string, section: string | null = null, from: SearchRequest | { q: string } | null = null, extra: Changes = {}): string {
  const values = from === null ? {} : 'filters' in from ? searchValues(from, true) : { q: from.q };
  const qs = encode({ ...values, ...extra });
  return `/docs/${encodeURIComponent(docId)}${qs ? `?${qs}` : ''}${section ? `#${encodeURIComponent(section)}` : ''}`;
}

/** A department page link with its filters. Example: (`罗湖区财政局`, { role: 'lead' }) → `/departments/%E7%BD%97…?role=lead`. */
export function departmentUrl(name: string, filter: { role?: string | null; year?: string | null; q?: string | null } = {}, suffix = ''): string {
  const qs = encode(filter as Changes);
  return `/departments/${encodeURIComponent(name)}${suffix}${qs ? `?${qs}` : ''}`;
}
