// A peer engine behind a minimal HTTP wrapper (node:http, JSON), so it pays a request and a JSON body
// per query as our server does, though not Express's middleware:
//   node --import tsx bench/serve-peer.ts build fts5 <folder>       words + FTS5 insert into <folder>/fts5.db
//   node --import tsx bench/serve-peer.ts serve fts5|flexsearch <folder>
// `serve` prints `LISTENING <port>` once ready; GET /api/search takes the page's parameters
// (q, page, size, and each facet's parameter, e.g. district) and answers { total, hits, facets }.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { type BenchQuery, type JobAnswer, buildFlex, flexJob } from './engines.ts';
import { buildFts5, fts5Job, openFts5 } from './fts5-engine.ts';
import { sectionRecords } from '../src/index/section-records.ts';
import { readSeeds } from '../src/pipeline/read-seeds.ts';
import { FACET_REGISTRY, type Filters } from '../src/search/facet-registry.ts';

const [phase, engine, dir] = process.argv.slice(2);
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The ingested sections of <folder>/seeds: what the peers index (ingest is not timed as theirs). */
function records() {
  return sectionRecords(readSeeds(join(dir, 'seeds')).documents);
}

function benchQuery(url: URL): BenchQuery {
  const filters = Object.fromEntries(FACET_REGISTRY.map((f) => [f.name, url.searchParams.getAll(f.param)])) as Filters;
  return { label: '', q: url.searchParams.get('q') ?? '', filters, page: Number(url.searchParams.get('page') ?? 1) };
}

function serve(job: (q: BenchQuery) => JobAnswer, extra: Record<string, number>) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    if (url.pathname !== '/api/search') return res.writeHead(404).end();
    const answer = job(benchQuery(url));
    const facets = Object.fromEntries(Object.entries(answer.facets).map(([f, m]) => [f, [...m].map(([value, count]) => ({ value, count }))]));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ total: answer.total, hits: answer.top.map((key, i) => ({ key, snippet: answer.snippets[i] })), facets }));
  });
  server.listen({ port: 0, host: '127.0.0.1' }, () => {
    const address = server.address();
    console.log(`LISTENING ${typeof address === 'object' && address ? address.port : 0} ${JSON.stringify(extra)}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (phase === 'build' && engine === 'fts5') {
  const sections = records();
  const t = performance.now();
  buildFts5(join(dir, 'fts5.db'), sections).close();
  console.log('RESULT ' + JSON.stringify({ sections: sections.length, buildMs: performance.now() - t, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else if (phase === 'serve' && engine === 'fts5') {
  const t = performance.now();
  const db = openFts5(join(dir, 'fts5.db'));
  db.prepare('SELECT count(*) FROM meta').get();
  serve((q) => fts5Job(db, q), { loadMs: performance.now() - t });
} else if (phase === 'serve' && engine === 'flexsearch') {
  const sections = records();
  const t = performance.now();
  const state = buildFlex(sections);
  const buildMs = performance.now() - t;
  (globalThis as { gc?: () => void }).gc?.();
  serve((q) => flexJob(state, q), { buildMs, sections: sections.length, heapMiB: mib(process.memoryUsage().heapUsed) });
} else {
  throw new Error(`unknown phase/engine ${phase}/${engine}: build fts5, serve fts5, serve flexsearch`);
}
