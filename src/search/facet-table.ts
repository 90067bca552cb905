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
 * Every section's facet values as small integers in flat columns, computed once per engine, so
 * counting facets over tens of thousands of hits is array arithmetic: no string, set or array per section.
 */
export interface FacetTable {
  values: Record<FacetName, string[]>;
  /** Per facet: section o's value ids are `ids[f][start[f][o] .. start[f][o + 1]]` (most sections have one or none). */
  start: Record<FacetName, Uint32Array>;
  ids: Record<FacetName, Uint32Array>;
  /**
   * Per section, its value id for each facet side by side (`o * FACETS.length + f`), or NONE, or
   * SEVERAL (then read `start`/`ids`): counting a match reads one cache line, not two per facet.
   */
  packed: Int32Array;
  /** Per section ordinal: its document's ordinal (sections are stored in document order). */
  doc: Uint32Array;
  /** How many documents `doc` numbers. */
  documentCount: number;
}

/** Marks in FacetTable.packed: the section has no value for the facet, or more than one. */
const NONE = -1;
const SEVERAL = -2;

/** Example: a corpus of 260 sections → `values.district` `['罗湖区', '福田区', '盐田区']`, district ids of section 0 `[0]`. */
export function buildFacetTable(corpus: Corpus): FacetTable {
  const n = corpus.sections.length;
  const values = {} as FacetTable['values'];
  const start = {} as FacetTable['start'];
  const ids = {} as FacetTable['ids'];
  const packed = new Int32Array(n * FACETS.length);
  for (const [k, f] of FACETS.entries()) {
    const idOf = new Map<string, number>();
    values[f] = [];
    const offsets = new Uint32Array(n + 1);
    const list: number[] = [];
    corpus.sections.forEach((s, o) => {
      for (const v of facetValues(s, f)) {
        let id = idOf.get(v);
        if (id === undefined) idOf.set(v, (id = values[f].push(v) - 1));
        list.push(id);
      }
      offsets[o + 1] = list.length;
    });
    start[f] = offsets;
    ids[f] = Uint32Array.from(list);
    for (let o = 0; o < n; o++) packed[o * FACETS.length + k] = offsets[o + 1] - offsets[o] === 1 ? list[offsets[o]] : offsets[o + 1] === offsets[o] ? NONE : SEVERAL;
  }
  const docOrdinal = new Map<string, number>();
  const doc = Uint32Array.from(corpus.sections, (s) => {
    let d = docOrdinal.get(s.docId);
    if (d === undefined) docOrdinal.set(s.docId, (d = docOrdinal.size));
    return d;
  });
  return { values, start, ids, packed, doc, documentCount: docOrdinal.size };
}

/** Selected value ids per facet, as a 0/1 mask over the facet's values (null: no filter on it); unknown values select nothing. */
export type FilterIds = Record<FacetName, Uint8Array | null>;

export function filterIds(table: FacetTable, filters: Filters): FilterIds {
  const out = {} as FilterIds;
  for (const f of FACETS) {
    if (filters[f].length === 0) {
      out[f] = null;
      continue;
    }
    const wanted = new Set(filters[f]);
    out[f] = Uint8Array.from(table.values[f], (v) => (wanted.has(v) ? 1 : 0));
  }
  return out;
}

/**
 * Disjunctive facet counters, fed one section at a time in ascending ordinal order (so "last
 * document seen" counts documents): each facet is counted with every filter but its own applied.
 * Facets are addressed by their position in FACETS, and every column is a local array: this runs
 * once per match per facet.
 */
export class FacetCounter {
  private readonly starts: Uint32Array[];
  private readonly ids: Uint32Array[];
  private readonly masks: (Uint8Array | null)[];
  private readonly counts: Uint32Array[];
  private readonly docs: Uint32Array[];
  private readonly lastDoc: Int32Array[];
  private readonly doc: Uint32Array;
  private readonly packed: Int32Array;

  constructor(private readonly table: FacetTable, filters: FilterIds) {
    this.starts = FACETS.map((f) => table.start[f]);
    this.ids = FACETS.map((f) => table.ids[f]);
    this.masks = FACETS.map((f) => filters[f]);
    this.counts = FACETS.map((f) => new Uint32Array(table.values[f].length));
    this.docs = FACETS.map((f) => new Uint32Array(table.values[f].length));
    this.lastDoc = FACETS.map((f) => new Int32Array(table.values[f].length).fill(-1));
    this.doc = table.doc;
    this.packed = table.packed;
  }

  /**
   * Counts section `o` under every facet whose other filters it passes; returns whether it passes
   * them all (a hit). Failing one facet's filter it still counts under that facet; failing two, under none.
   */
  add(o: number): boolean {
    const F = this.starts.length;
    const base = o * F;
    let failed = -1;
    for (let f = 0; f < F; f++) {
      const mask = this.masks[f];
      if (mask === null) continue;
      const id = this.packed[base + f];
      if (id >= 0 ? mask[id] === 1 : id === SEVERAL && this.anySelected(f, mask, o)) continue;
      if (failed >= 0) return false;
      failed = f;
    }
    if (failed >= 0) {
      this.count(failed, o, this.packed[base + failed]);
      return false;
    }
    for (let f = 0; f < F; f++) this.count(f, o, this.packed[base + f]);
    return true;
  }

  private anySelected(f: number, mask: Uint8Array, o: number): boolean {
    const ids = this.ids[f];
    for (let i = this.starts[f][o]; i < this.starts[f][o + 1]; i++) if (mask[ids[i]] === 1) return true;
    return false;
  }

  /** Counts section `o` (document doc[o]) under facet f; `id` is its packed value id. */
  private count(f: number, o: number, id: number): void {
    if (id === NONE) return;
    if (id >= 0) return this.countValue(f, id, this.doc[o]);
    const ids = this.ids[f];
    for (let i = this.starts[f][o]; i < this.starts[f][o + 1]; i++) this.countValue(f, ids[i], this.doc[o]);
  }

  private countValue(f: number, id: number, d: number): void {
    this.counts[f][id]++;
    if (this.lastDoc[f][id] !== d) {
      this.lastDoc[f][id] = d;
      this.docs[f][id]++;
    }
  }

  /** The counted values per facet, in display order. */
  result(): Record<FacetName, FacetValue[]> {
    const out = {} as Record<FacetName, FacetValue[]>;
    FACETS.forEach((f, k) => {
      const list: FacetValue[] = [];
      const counts = this.counts[k];
      for (let id = 0; id < counts.length; id++) if (counts[id] > 0) list.push({ value: this.table.values[f][id], count: counts[id], documents: this.docs[k][id] });
      out[f] = orderFacetValues(f, list);
    });
    return out;
  }
}

/**
 * Disjunctive facet counts over ascending ordinals: each facet counted with every filter but its own
 * applied; sections and distinct documents per value. Example: 城市更新 filtered to 罗湖区 still counts 福田区 and 盐田区.
 */
export function countFacets(table: FacetTable, ordinals: Uint32Array, filters: FilterIds): Record<FacetName, FacetValue[]> {
  const counter = new FacetCounter(table, filters);
  for (const o of ordinals) counter.add(o);
  return counter.result();
}

/** A facet's values in display order: years newest first, others by count then name. Example: year `2015, 2017` → `2017, 2015`. */
export function orderFacetValues(f: FacetName, list: FacetValue[]): FacetValue[] {
  return list.sort((a, b) => (f === 'year' ? codeOrder(b.value, a.value) : b.count - a.count || codeOrder(a.value, b.value)));
}
