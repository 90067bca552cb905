// One measurement in a fresh process (so RSS belongs to one job): bench.ts runs it as
//   node --expose-gc --import tsx bench/run-one.ts <engine> <phase> <size> <dir> [database URLs, comma-separated]
// and reads the JSON after "RESULT ". Phases: `segment x` (raw nodejieba over the page text, the
// throughput yardstick), `zhengce seeds` (the seed pages in-process) and `postgres build` (our
// built index in <dir> loaded into PostgreSQL).
import { generateCorpus } from './corpus.ts';
import { type BenchQuery, type JobAnswer, queryMix, zhengceEngine, zhengceJob } from './engines.ts';
import { buildIndex } from '../src/index/build-index.ts';
import { loadIndex } from '../src/index/index-store.ts';
import { ingestDocument } from '../src/ingest/ingest-document.ts';
import { readSeeds } from '../src/pipeline/read-seeds.ts';
import { policyJieba } from '../src/segment/jieba.ts';
import { districtShard, loadGeneration, loadShards } from '../src/index/postgres/load-generation.ts';
import { pgClient } from '../src/index/postgres/sql-client.ts';

const [engineName, phase, sizeArg, dir, urlArg] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** p50/p95/p99 per query of the mix, after two warm-up runs each. */
function timeMix(job: (q: BenchQuery) => JobAnswer, mix: BenchQuery[], runs: number) {
  return mix.map((q) => {
    const first = performance.now();
    const answer = job(q);
    const coldMs = performance.now() - first;
    job(q);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      job(q);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { label: q.label, total: answer.total, coldMs, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
  });
}

function report(result: Record<string, unknown>): void {
  gc();
  const usage = process.memoryUsage();
  console.log('RESULT ' + JSON.stringify({ engine: engineName, phase, rssMiB: mib(usage.rss), heapMiB: mib(usage.heapUsed), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), ...result }));
}

async function main() {
  policyJieba().cut('预热', true);
  if (engineName === 'segment') {
    // The yardstick: raw nodejieba over the same page text, one core.
    const corpus = generateCorpus(Number(sizeArg));
    const decoder = new TextDecoder();
    const texts = corpus.pages.map((p) => decoder.decode(p.bytes));
    const t = performance.now();
    let words = 0;
    for (const text of texts) words += policyJieba().cut(text, true).length;
    return report({ ms: performance.now() - t, chars: corpus.chars, words });
  }
  if (engineName === 'zhengce' && phase === 'seeds') {
    // The five seed pages themselves, the seed-scale target.
    ingestDocument({ file: 'warm.txt', bytes: new TextEncoder().encode('預熱\n一、總體要求\n') });
    const built = buildIndex(readSeeds('seeds').documents);
    const seedMix = queryMix('一河六圈三带');
    const loaded = { ...built, manifest: null as never };
    const uncached = zhengceEngine(loaded, false);
    const queries = timeMix((q) => zhengceJob(uncached, q), seedMix, 500);
    const cached = zhengceEngine(loaded, true);
    const warm = timeMix((q) => zhengceJob(cached, q), seedMix, 500);
    return report({ sections: built.corpus.sections.length, queries, warm });
  }
  if (engineName === 'postgres' && phase === 'build') return report(await loadPostgres(dir, urlArg.split(',')));
  throw new Error(`unknown engine/phase ${engineName}/${phase}`);
}

/**
 * Loads the built index (from `npm run index`, in `dir`) into PostgreSQL: one URL is one node, several
 * are shards by district. Timed: rows, the GIN index, ANALYZE, the switch.
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
