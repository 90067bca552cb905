import type { Query, SqlClient } from '../../index/postgres/sql-client.ts';
import { codeOrder } from '../code-order.ts';
import { FACETS, type FacetName, type FacetValue, orderFacetValues } from '../facet-table.ts';
import { byDate, byDateAscending, byMatched, byRank } from '../rank-order.ts';
import type { SearchBackend } from '../search-backend.ts';
import { mergePaged, shardWant, withPagedHits } from './paged-hits.ts';
import { SectionCache } from './section-cache.ts';
import type { ShardWant } from './statement-sql.ts';
import type { SearchParams, SearchResult } from '../search.ts';
import { type KnownValues, type ShardAnswer, knownValues, reachable, searchShard, unavailableOnFailure } from './postgres-backend.ts';

/**
 * Shards by district behind the backend contract, merged in Node: each shard runs the single-node
 * statement (with the whole corpus's BM25 statistics, stored at load), hits are merged in the same
 * order, and totals and facet counts are added (shards hold disjoint documents). The relaxed
 * fallback is decided on all shards together, and department names resolved against all of them.
 * Example: three shards holding 罗湖区, 福田区, 盐田区 → `search({ q: '城市更新' })` answers as one database would.
 */
export function shardedBackend(shards: SqlClient[], records = new SectionCache()): SearchBackend {
  return {
    kind: 'postgres-sharded',
    search: (params, reads) => unavailableOnFailure(searchAll(shards, params, records, shardWant(reads))),
    healthy: () => reachable(shards),
    async close() {
      await Promise.all(shards.map((c) => c.close()));
    },
  };
}

/** How often a search is repeated when it caught shards in the middle of a sharded load's commits. */
const ATTEMPTS = 5;

async function searchAll(shards: SqlClient[], params: SearchParams, records: SectionCache, want: ShardWant): Promise<SearchResult> {
  for (let attempt = 1; ; attempt++) {
    const { answers, loads } = await searchOnce(shards, params, records, want);
    // Shards commit a sharded load one after another: answers from two loads are never merged.
    if (loads.size === 1) return merge(answers, params);
    if (attempt === ATTEMPTS) throw new Error(`the shards hold different index loads (${[...loads].join(', ')}); load them again with DATABASE_SHARD_URLS set`);
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
  }
}

/** One search on every shard, and the loads its snapshots came from (the strict query's and, when it ran, the relaxed one's). */
async function searchOnce(shards: SqlClient[], params: SearchParams, records: SectionCache, want: ShardWant): Promise<{ answers: ShardAnswer[]; loads: Set<string> }> {
  const known = params.filters?.department?.length ? mergeKnown(await Promise.all(shards.map((c) => c.read((q) => knownOf(q))))) : undefined;
  const ask = (relaxed: boolean) => Promise.all(shards.map((c) => c.read((q) => searchShard(q, params, { relaxed, known, records, want }))));
  const strict = await ask(false);
  const answers = strict.every((a) => a.matched === 0) ? await ask(true) : strict;
  return { answers, loads: new Set([...strict, ...answers].map((a) => a.loadId)) };
}

async function knownOf(q: Query): Promise<KnownValues> {
  const state = (await q<{ generation: number }>('SELECT generation FROM zc_state'))[0];
  return state ? knownValues(q, state.generation) : { department: [], district: [] };
}

/** Every shard's values, each once, in global first-seen order. */
function mergeKnown(all: KnownValues[]): KnownValues {
  const pick = (list: [string, number, number][]) => {
    const first = new Map<string, [string, number, number]>();
    for (const entry of list.sort((a, b) => a[1] - b[1] || a[2] - b[2])) if (!first.has(entry[0])) first.set(entry[0], entry);
    return [...first.values()];
  };
  return { department: pick(all.flatMap((k) => k.department)), district: pick(all.flatMap((k) => k.district)) };
}

/** One answer from all shards: each returned its first n hits or documents in the same order, with global ordinals. */
function merge(answers: ShardAnswer[], params: SearchParams): SearchResult {
  const first = answers[0].result;
  const relaxed = answers.some((a) => a.result.relaxed);
  // The embedded engine's orders; ordinals are global (every shard stores the whole corpus's).
  const order = params.sort === 'date' ? byDate : params.sort === 'date-asc' ? byDateAscending : relaxed ? byMatched : byRank;
  const facets = {} as Record<FacetName, FacetValue[]>;
  for (const f of FACETS) {
    const sum = new Map<string, FacetValue>();
    for (const v of answers.flatMap((a) => a.result.facets[f])) {
      const seen = sum.get(v.value);
      sum.set(v.value, seen ? { value: v.value, count: seen.count + v.count, documents: seen.documents + v.documents } : { ...v });
    }
    facets[f] = orderFacetValues(f, [...sum.values()]);
  }
  const { query, highlight, segmented, expansions, highlightGroups, filters, resolvedDepartments } = first;
  return withPagedHits(
    {
      query, highlight, segmented, expansions, highlightGroups, filters, resolvedDepartments, facets, relaxed,
      definitions: answers.flatMap((a) => a.result.definitions).sort((a, b) => codeOrder(a.docId, b.docId)),
    },
    mergePaged(answers.map((a) => a.paged), order),
  );
}
