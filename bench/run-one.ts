// One measurement in a fresh process (so RSS belongs to one engine): bench.ts runs it as
//   node --expose-gc --import tsx bench/run-one.ts <engine> <phase> <size> <dir>
// and reads the JSON after "RESULT ".
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './corpus.ts';
import { type BenchQuery, buildFlex, queryMix, buildFts5, flexJob, fts5Job, openFts5, zhengceEngine, zhengceJob, type JobAnswer } from './engines.ts';
import { buildIndex, sectionRecords } from '../src/index/build-index.ts';
import { containsText } from '../src/index/corpus.ts';
import { loadIndex, writeIndex } from '../src/index/index-store.ts';
import { ingestDocument } from '../src/ingest/ingest-document.ts';
import { readSeeds } from '../src/index/read-seeds.ts';
import { policyJieba } from '../src/segment/jieba.ts';
import { normalize } from '../src/segment/normalize.ts';
import { type Engine, search } from '../src/search/search.ts';

const [engineName, phase, sizeArg, dir] = process.argv.slice(2);
const size = Number(sizeArg);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

function iterations(n: number): number {
  return n <= 2_000 ? 200 : n <= 20_000 ? 100 : n <= 150_000 ? 30 : 15;
}

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

function diskBytes(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, e) => n + diskBytes(join(path, e)), 0);
}

/** The literal band must be exactly the sections containing the query, and facets must count all hits. */
function checkExactness(engine: Engine, mix: BenchQuery[]): string[] {
  const problems: string[] = [];
  for (const q of mix.filter((m) => !m.filters && !m.q.includes(' ') && !m.q.startsWith('"'))) {
    const term = normalize(q.q);
    const expected = engine.corpus.sections.filter((s) => containsText(s, term)).map((s) => s.key).sort();
    const result = search(engine, { q: q.q, expand: false });
    const literal = result.hits.slice(0, result.literalCount).map((h) => h.section.key).sort();
    if (literal.join() !== expected.join()) problems.push(`${q.label}: literal band ${literal.length} ≠ ${expected.length} sections containing it`);
    const counts = new Map<string, number>();
    for (const h of result.hits) if (h.section.district) counts.set(h.section.district, (counts.get(h.section.district) ?? 0) + 1);
    for (const v of result.facets.district) if (counts.get(v.value) !== v.count) problems.push(`${q.label}: district ${v.value} counted ${v.count}, brute force ${counts.get(v.value)}`);
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
    const queries = timeMix((q) => zhengceJob(uncached, q), seedMix, 500);
    const cached = zhengceEngine(loaded, true);
    const warm = timeMix((q) => zhengceJob(cached, q), seedMix, 500);
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
    writeIndex(dir, built, { seedsHash: 'bench', skipped: [], now: new Date() });
    const writeMs = performance.now() - t;
    return report({ chars: corpus.chars, sections, ingestMs, indexMs, writeMs, diskMiB: mib(diskBytes(dir)) });
  }
  if (engineName === 'zhengce' && phase === 'serve') {
    const t = performance.now();
    const loaded = loadIndex(dir);
    const engine = zhengceEngine(loaded, false);
    const loadMs = performance.now() - t;
    const problems = checkExactness(engine, mix);
    const queries = timeMix((q) => zhengceJob(engine, q), mix, runs);
    // The same with the query cache on: the first run fills it, the timed runs are warm.
    const cached = zhengceEngine(loaded, true);
    const warm = timeMix((q) => zhengceJob(cached, q), mix, runs);
    return report({ loadMs, queries, warm, exactness: problems });
  }

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
    return report({ loadMs, queries: timeMix((q) => fts5Job(db, q), mix, runs) });
  }
  if (engineName === 'flexsearch') {
    const t = performance.now();
    const state = buildFlex(records);
    const buildMs = performance.now() - t;
    return report({ chars: corpus.chars, sections: records.length, buildMs, queries: timeMix((q) => flexJob(state, q), mix, runs) });
  }
  throw new Error(`unknown engine/phase ${engineName}/${phase}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
