import { LRUCache } from 'lru-cache';
import type { PolicyDocument } from '../domain.ts';
import { type CompiledPostings, compilePostings } from '../index/compiled-postings.ts';
import type { Corpus } from '../index/corpus.ts';
import type { GramIndex } from '../index/gram-index.ts';
import type { SearchableIndex } from '../index/index-store.ts';
import { type FacetTable, buildFacetTable } from './facet-table.ts';
import { type DefinitionLookup, definitionLookup } from './find-definitions.ts';
import { type MatchSet, matchSetBytes } from './match-set.ts';
import { type OrderColumns, buildOrderColumns } from './order-columns.ts';
import { Scratch } from './scratch.ts';

/** The engine's state: corpus records, the compiled word postings and the literal-recall index, loaded once. */
export interface Engine {
  corpus: Corpus;
  /** MiniSearch's postings as typed arrays keyed by section ordinal: word queries read these. */
  postings: CompiledPostings;
  grams: GramIndex;
  /** Section key → position in `corpus.sections`, for callers holding a key (the query path uses ordinals only). */
  ordinalOf: Map<string, number>;
  docs: Map<string, PolicyDocument>;
  facets: FacetTable;
  /** The query-independent keys of the rank orders, per section ordinal. */
  order: OrderColumns;
  /** Match sets of recent queries, least recently used evicted first; bounded by the bytes they hold. */
  cache: LRUCache<string, MatchSet> | null;
  /** Glossary entries defining what a query typed: indexed on first use, not searched per query. */
  definitions: DefinitionLookup;
  /** Working memory of matching and collecting, reused query after query (see scratch.ts). */
  scratch: Scratch;
  /** 0, 1, 2, … one per section, never written: the kept positions of a set no filter narrowed are a view of it. */
  identity: Uint32Array;
}

/** At most this many match sets, holding at most 64 MiB of typed arrays in all (13 bytes a match). */
const CACHE_LIMITS = { max: 500, maxSize: 64 * 2 ** 20 };

/**
 * A loaded index brings its compiled postings (postings.bin); a freshly built one has them compiled
 * from its MiniSearch here. `cache: false` turns the query cache off (the benchmark measures both).
 * Example: `createEngine(loaded).postings.ordinalCount` → 260, the seed index's sections.
 */
export function createEngine(built: SearchableIndex, options: { cache?: boolean } = {}): Engine {
  let lookup: DefinitionLookup | null = null;
  return {
    corpus: built.corpus,
    postings: 'postings' in built ? built.postings : compilePostings(built.index, built.corpus.sections.map((s) => s.key)),
    grams: built.grams,
    ordinalOf: new Map(built.corpus.sections.map((s, i) => [s.key, i])),
    docs: new Map(built.corpus.documents.map((d) => [d.id, d])),
    facets: buildFacetTable(built.corpus),
    order: buildOrderColumns(built.corpus.sections),
    cache: options.cache === false ? null : new LRUCache<string, MatchSet>({ ...CACHE_LIMITS, sizeCalculation: (m) => Math.max(1, matchSetBytes(m)) }),
    definitions: (query) => (lookup ??= definitionLookup(built.corpus.documents))(query),
    scratch: new Scratch(),
    identity: Uint32Array.from({ length: built.corpus.sections.length }, (_, i) => i),
  };
}
