import type { Corpus } from '../index/corpus.ts';
import { codeOrder } from './code-order.ts';
import { FACETS, type FacetName, type Filters, facetValues } from './facet-registry.ts';

export { FACETS, type FacetName, type Filters, facetValues } from './facet-registry.ts';

export interface FacetValue {
  value: string;
  /** Matching sections with this value. */
  count: number;
  /** Matching documents with this value. */
  documents: number;
}

/**
 * Every section's facet values as small integers, computed once per engine, so counting facets over
 * tens of thousands of hits is array arithmetic rather than string maps and sets.
 */
export interface FacetTable {
  values: Record<FacetName, string[]>;
  /** Per facet, per section ordinal: the value ids (most sections have one or none). */
  ids: Record<FacetName, number[][]>;
  /** Per section ordinal: its document's ordinal (sections are stored in document order). */
  doc: Uint32Array;
}

/** Example: a corpus of 260 sections → `values.district` `['罗湖区', '福田区', '盐田区']`, `ids.district[0]` `[0]`. */
export function buildFacetTable(corpus: Corpus): FacetTable {
  const values = {} as FacetTable['values'];
  const ids = {} as FacetTable['ids'];
  for (const f of FACETS) {
    const idOf = new Map<string, number>();
    values[f] = [];
    ids[f] = corpus.sections.map((s) =>
      facetValues(s, f).map((v) => {
        let id = idOf.get(v);
        if (id === undefined) idOf.set(v, (id = values[f].push(v) - 1));
        return id;
      }),
    );
  }
  const docOrdinal = new Map<string, number>();
  const doc = Uint32Array.from(corpus.sections, (s) => {
    let d = docOrdinal.get(s.docId);
    if (d === undefined) docOrdinal.set(s.docId, (d = docOrdinal.size));
    return d;
  });
  return { values, ids, doc };
}

/** Selected value ids per facet (null: no filter on it); unknown values select nothing. */
export type FilterIds = Record<FacetName, Set<number> | null>;

export function filterIds(table: FacetTable, filters: Filters): FilterIds {
  const out = {} as FilterIds;
  for (const f of FACETS) {
    if (filters[f].length === 0) {
      out[f] = null;
      continue;
    }
    const wanted = new Set(filters[f]);
    out[f] = new Set(table.values[f].flatMap((v, id) => (wanted.has(v) ? [id] : [])));
  }
  return out;
}

/** Whether a section passes every filter but `skip`'s (OR inside a facet, AND across facets). */
export function passesIds(table: FacetTable, ordinal: number, filters: FilterIds, skip: FacetName | null): boolean {
  for (const f of FACETS) {
    const selected = filters[f];
    if (f === skip || selected === null) continue;
    if (!table.ids[f][ordinal].some((id) => selected.has(id))) return false;
  }
  return true;
}

/**
 * Disjunctive facet counts: each facet counted with every filter but its own applied; sections and
 * distinct documents per value. Example: 城市更新 filtered to 罗湖区 still counts 福田区 and 盐田区.
 */
export function countFacets(table: FacetTable, ordinals: Uint32Array, filters: FilterIds): Record<FacetName, FacetValue[]> {
  // Ascending ordinals visit each document's sections together, so "last document seen" counts documents.
  const sorted = Uint32Array.from(ordinals).sort();
  const out = {} as Record<FacetName, FacetValue[]>;
  for (const f of FACETS) {
    const n = table.values[f].length;
    const counts = new Uint32Array(n);
    const docs = new Uint32Array(n);
    const lastDoc = new Int32Array(n).fill(-1);
    const ids = table.ids[f];
    for (const o of sorted) {
      if (!passesIds(table, o, filters, f)) continue;
      const d = table.doc[o];
      for (const id of ids[o]) {
        counts[id]++;
        if (lastDoc[id] !== d) {
          lastDoc[id] = d;
          docs[id]++;
        }
      }
    }
    const list: FacetValue[] = [];
    for (let id = 0; id < n; id++) if (counts[id] > 0) list.push({ value: table.values[f][id], count: counts[id], documents: docs[id] });
    out[f] = list.sort((a, b) => (f === 'year' ? codeOrder(b.value, a.value) : b.count - a.count || codeOrder(a.value, b.value)));
  }
  return out;
}
