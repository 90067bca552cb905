// One measurement in a fresh process (so RSS belongs to one engine): bench.ts runs it as
//   node --expose-gc --import tsx bench/run-one.ts <engine> <phase> <size> <dir> [database URLs, comma-separated]
// and reads the JSON after "RESULT ".
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './corpus.ts';
import { type BenchQuery, backendJob, buildFlex, queryMix, buildFts5, flexJob, fts5Job, openFts5, zhengceEngine, zhengceJob, type JobAnswer } from './engines.ts';
import { buildIndex } from '../src/index/build-index.ts';
import { sectionRecords } from '../src/index/section-records.ts';
import { containsText } from '../src/index/corpus.ts';
import { loadIndex, writeIndex } from '../src/index/index-store.ts';
import { ingestDocument } from '../src/ingest/ingest-document.ts';
import { readSeeds } from '../src/pipeline/read-seeds.ts';
import { policyJieba } from '../src/segment/jieba.ts';
import { normalize } from '../src/segment/normalize.ts';
import { type Engine, FACETS, type SearchParams, type SearchResult, search } from '../src/search/search.ts';
import type { SearchBackend } from '../src/search/search-backend.ts';
import { completeFilters } from '../src/search/facet-registry.ts';
import { districtShard, loadGeneration, loadShards } from '../src/index/postgres/load-generation.ts';
import { pgClient } from '../src/index/postgres/sql-client.ts';
import { postgresBackend } from '../src/search/postgres/postgres-backend.ts';
import { shardedBackend } from '../src/search/postgres/sharded-backend.ts';

const [engineName, phase, sizeArg, dir, urlArg] = process.argv.slice(2);
const size = Number(sizeArg);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

function iterations(n: number): number {
  return n <= 2_000 ? 200 : n <= 20_000 ? 100 : n <= 150_000 ? 30 : 15;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Awaits only what is a promise, so a synchronous job is timed without a microtask in between. */
async function settle<T>(value: T | Promise<T>): Promise<T> {
  return value instanceof Promise ? await value : value;
}

/** p50/p95/p99 per query of the mix, after two warm-up runs each; a job may answer with a promise (a database). */
async function timeMix(job: (q: BenchQuery) => JobAnswer | Promise<JobAnswer>, mix: BenchQuery[], runs: number) {
  const timings = [];
  for (const q of mix) {
    const first = performance.now();
    const answer = await settle(job(q));
    const coldMs = performance.now() - first;
    await settle(job(q));
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const pending = job(q);
      if (pending instanceof Promise) await pending;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    timings.push({ label: q.label, total: answer.total, coldMs, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) });
  }
  return timings;
}

function diskBytes(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, e) => n + diskBytes(join(path, e)), 0);
}

/**
 * The literal band must be exactly the sections containing the query, and facets must count all hits.
 * The engine under test is the embedded one, or `backend` (PostgreSQL, one node or shards), whose
 * totals, literal band and every facet count must also equal the embedded engine's for the whole mix.
 */
async function checkExactness(engine: Engine, mix: BenchQuery[], backend?: SearchBackend): Promise<string[]> {
  const searchWith = (p: SearchParams) => (backend ? backend.search(p) : search(engine, p));
  const problems: string[] = [];
  for (const q of mix.filter((m) => !m.filters && !m.q.includes(' ') && !m.q.startsWith('"'))) {
    const term = normalize(q.q);
    const expected = engine.corpus.sections.filter((s) => containsText(s, term)).map((s) => s.key).sort();
    const result = await searchWith({ q: q.q, expand: false });
    const literal = result.hits.slice(0, result.literalCount).map((h) => h.section.key).sort();
    if (literal.join() !== expected.join()) problems.push(`${q.label}: literal band ${literal.length} ≠ ${expected.length} sections containing it`);
    const counts = new Map<string, number>();
    for (const h of result.hits) if (h.section.district) counts.set(h.section.district, (counts.get(h.section.district) ?? 0) + 1);
    for (const v of result.facets.district) if (counts.get(v.value) !== v.count) problems.push(`${q.label}: district ${v.value} counted ${v.count}, brute force ${counts.get(v.value)}`);
  }
  for (const q of backend ? mix : []) {
    const params = { q: q.q, filters: completeFilters(q.filters) };
    const [ours, theirs] = [search(engine, params), await searchWith(params)];
    const summary = (r: SearchResult) => JSON.stringify([r.hits.length, r.literalCount, r.totalDocuments, FACETS.map((f) => r.facets[f].map((v) => [v.value, v.count, v.documents]))]);
    if (summary(ours) !== summary(theirs)) problems.push(`${q.label}: total, literal band or facet counts differ from the embedded engine's (${ours.hits.length} hits, ${ours.literalCount} literal; here ${theirs.hits.length}, ${theirs.literalCount})`);
  }
  return problems;
}

function report(result: Record<string, unknown>): void {
  gc();
  const usage = process.memoryUsage();
  console.log('RESULT ' + JSON.stringify({ engine: engineName, phase, size, rssMiB: mib(usage.rss), heapMiB: mib(usage.heapUsed), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), ...result }));
}

async function main() {
  mkdirSync(dir, { recursive: true });
  const corpus = generateCorpus(size);
  const mix = queryMix(corpus.rareTerm);
  const runs = iterations(size);
  const decoder = new TextDecoder();
  policyJieba().cut('预热', true);

  if (engineName === 'segment') {
    // The yardstick: raw nodejieba over the same page text.
    const texts = corpus.pages.map((p) => decoder.decode(p.bytes));
    const t = performance.now();
    let words = 0;
    for (const text of texts) words += policyJieba().cut(text, true).length;
    return report({ ms: performance.now() - t, chars: corpus.chars, words });
  }

  ingestDocument({ file: 'warm.txt', bytes: new TextEncoder().encode('預熱\n一、總體要求\n') });
  if (engineName === 'zhengce' && phase === 'seeds') {
    // The five seed pages themselves, the seed-scale target.
    const built = buildIndex(readSeeds('seeds').documents);
    const seedMix = queryMix('一河六圈三带');
    const loaded = { ...built, manifest: null as never };
    const uncached = zhengceEngine(loaded, false);
    const queries = await timeMix((q) => zhengceJob(uncached, q), seedMix, 500);
    const cached = zhengceEngine(loaded, true);
    const warm = await timeMix((q) => zhengceJob(cached, q), seedMix, 500);
    return report({ sections: built.corpus.sections.length, queries, warm });
  }
  if (engineName === 'zhengce' && phase === 'build') {
    let t = performance.now();
    const documents = corpus.pages.map((p) => ingestDocument(p));
    const ingestMs = performance.now() - t;
    t = performance.now();
    const built = buildIndex(documents);
    const indexMs = performance.now() - t;
    const sections = built.corpus.sections.length;
    t = performance.now();
    writeIndex(dir, built, { skipped: [], now: new Date() });
    const writeMs = performance.now() - t;
    return report({ chars: corpus.chars, sections, ingestMs, indexMs, writeMs, diskMiB: mib(diskBytes(dir)) });
  }
  if (engineName === 'zhengce' && phase === 'serve') {
    const t = performance.now();
    const loaded = loadIndex(dir);
    const engine = zhengceEngine(loaded, false);
    const loadMs = performance.now() - t;
    const problems = await checkExactness(engine, mix);
    const queries = await timeMix((q) => zhengceJob(engine, q), mix, runs);
    // The same with the query cache on: the first run fills it, the timed runs are warm.
    const cached = zhengceEngine(loaded, true);
    const warm = await timeMix((q) => zhengceJob(cached, q), mix, runs);
    return report({ loadMs, queries, warm, exactness: problems });
  }
  if (engineName === 'postgres') return report(phase === 'build' ? await loadPostgres(dir, urlArg.split(',')) : await servePostgres(dir, urlArg.split(','), mix, runs));

  const records = sectionRecords(corpus.pages.map((p) => ingestDocument(p)));
  if (engineName === 'fts5' && phase === 'build') {
    const file = join(dir, 'fts5.db');
    const t = performance.now();
    const db = buildFts5(file, records);
    const buildMs = performance.now() - t;
    db.close();
    return report({ chars: corpus.chars, sections: records.length, buildMs, diskMiB: mib(diskBytes(file)) });
  }
  if (engineName === 'fts5' && phase === 'serve') {
    const t = performance.now();
    const db = openFts5(join(dir, 'fts5.db'));
    db.prepare('SELECT count(*) FROM meta').get();
    const loadMs = performance.now() - t;
    return report({ loadMs, queries: await timeMix((q) => fts5Job(db, q), mix, runs) });
  }
  if (engineName === 'flexsearch') {
    const t = performance.now();
    const state = buildFlex(records);
    const buildMs = performance.now() - t;
    return report({ chars: corpus.chars, sections: records.length, buildMs, queries: await timeMix((q) => flexJob(state, q), mix, runs) });
  }
  throw new Error(`unknown engine/phase ${engineName}/${phase}`);
}

/**
 * Loads the built index (from the embedded engine's build, in `dir`) into PostgreSQL: one URL is one
 * node, several are shards by district. Timed: rows, the GIN index, ANALYZE, the switch.
 */
async function loadPostgres(dir: string, urls: string[]) {
  const loaded = loadIndex(dir);
  const clients = urls.map((url) => pgClient(url, { statementTimeoutMs: 0, max: 1 }));
  try {
    const t = performance.now();
    if (clients.length > 1) await loadShards(clients, loaded.corpus, districtShard(clients.length), 'bench', new Date());
    else await loadGeneration(clients[0], loaded.corpus, 'bench', new Date());
    const loadMs = performance.now() - t;
    let bytes = 0;
    for (const client of clients) bytes += Number((await client.read((q) => q<{ n: string }>('SELECT pg_database_size(current_database()) AS n')))[0].n);
    return { sections: loaded.corpus.sections.length, loadMs, diskMiB: mib(bytes) };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** Searches PostgreSQL as the server would (pooled clients; documents and snippets from the loaded index). */
async function servePostgres(dir: string, urls: string[], mix: BenchQuery[], runs: number) {
  const engine = zhengceEngine(loadIndex(dir), false);
  const t = performance.now();
  const clients = urls.map((url) => pgClient(url));
  const backend = clients.length > 1 ? shardedBackend(clients) : postgresBackend(clients[0]);
  if (!(await backend.healthy())) throw new Error(`PostgreSQL at ${urls.join(', ')} does not answer`);
  const connectMs = performance.now() - t;
  try {
    const exactness = await checkExactness(engine, mix, backend);
    const queries = await timeMix((q) => backendJob(engine, backend, q), mix, runs);
    return { connectMs, queries, exactness };
  } finally {
    await backend.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
