// npm run bench [-- --sizes 10000,100000,1000000 --engines zhengce,fts5,flex,pg --queries 100 --out bench/RESULTS.md]
// Our real server (`npm start` on a built `npm run index`) against SQLite FTS5 and FlexSearch on the
// same generated corpus and the same jieba words, and our PostgreSQL backend (one node, three shards):
// distinct queries derived from the corpus, each sent once to each engine over HTTP, engines taking
// turns query by query; then our answers checked against brute force. Writes a Markdown report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type GeneratedQuery } from './make-queries.ts';
import { startBenchServers } from './postgres-servers.ts';
import { procMiB, resultOf, runToEnd } from './processes.ts';
import { OURS, type SizeRun, fmt, latencies, sizeSection } from './report.ts';
import { seedScaleSection } from './seed-scale.ts';
import { type Answer, sendAlternating } from './send-queries.ts';
import { closeConnections } from './http-get.ts';
import { type Started, buildOurs, diskMiB, measureIncremental, serveOurs, startPeer } from './start-engines.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000' },
    engines: { type: 'string', default: 'zhengce,fts5,flex,pg' },
    queries: { type: 'string', default: '' },
    out: { type: 'string', default: 'bench/RESULTS.md' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const wanted = new Set(values.engines!.split(','));
for (const e of wanted) if (!['zhengce', 'fts5', 'flex', 'pg'].includes(e)) throw new Error(`--engines: unknown engine ${e}; choose from zhengce,fts5,flex,pg`);
if (wanted.has('pg') && !wanted.has('zhengce')) throw new Error('--engines pg needs zhengce too: the PostgreSQL backend is loaded from our built index and checked against it');
const node = process.execPath;
const BUILD = 'build (ours: `npm run index`, ingest included; peers: jieba words + insert, ingest not counted)';
const TSX = ['--max-old-space-size=20000', '--expose-gc', '--import', 'tsx'];

/** Queries per class and variant: enough for a p95 at every size, fewer where one query costs more. */
function perRow(size: number): number {
  return values.queries ? Number(values.queries) : size <= 20_000 ? 150 : size <= 200_000 ? 100 : 50;
}

const header = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench -- --sizes ${values.sizes} --engines ${values.engines}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length}× ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  '',
  'Sizes are the generator\'s target counts (bench/corpus.ts recombines the seed text; fixed seed); the ingest splits its pages into',
  'more sections (about 1.3×), and each heading says how many. The corpus is written as seed files; ours is built with `npm run index`',
  '(default Node heap) and served by `npm start` (`node dist/cli/start.js`), queried at `/api/search` with the page\'s parameters',
  '(`q`, `district`, `page`). The peers index the same jieba words of the same ingested sections and do the same job: the 20 hits',
  'of the page with snippets, the exact total, and facet counts over all matches (district, lead department, year, type, validity).',
  'Each peer runs in its own process behind a minimal `node:http` wrapper answering the same URL with JSON, so every engine pays a',
  'request on a kept-alive connection and a serialised page; ours also pays Express and its middleware, which the real server has.',
  '',
  'Queries (bench/make-queries.ts, seeded): jieba words of the corpus by document frequency — common ≥ 5% of sections, mid',
  '0.3–3%, rare ≤ 0.05% — pairs of mid words from one section (AND), and 3–5 Han characters cut from section text at random',
  'positions (literal). Each class is sent as is, with a district filter, and for page 3, every query string only once (no cache',
  'can answer), the engines taking turns query by query. Latency is from sending the request to the last byte of the answer.',
  'Afterwards every answer of ours is checked in a fresh process: total and facet counts against a brute-force count over all',
  'matches, the literal band against a scan of every section\'s text; the PostgreSQL answers must equal ours.',
  'Matching in the peers: the query\'s jieba words as a phrase (FTS5 `MATCH`, FlexSearch strict tokens). FTS5 also keeps a trigram',
  'table of the same normalised text, so a query of three characters or more also finds every section containing it as written',
  '(listed first, as our literal band is); FlexSearch has no substring index, so it finds a literal fragment only where jieba cuts',
  'the text around it the same way, and two-character substrings inside longer words are found by ours alone. The median hits',
  'per row show how far the match sets differ.',
  '',
];
const sections: string[][] = [seedScaleSection(node, TSX)];
writeFileSync(values.out!, [...header, ...sections.flat()].join('\n') + '\n');

if (wanted.has('zhengce')) {
  console.error('building dist/ (npm run index and npm start run from it)');
  if (spawnSync(node, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
}

let failed = false;
for (const size of sizes) {
  const run = await measureSize(size);
  failed ||= (run.exactness?.length ?? 0) > 0;
  sections.push(sizeSection(run));
  writeFileSync(values.out!, [...header, ...sections.flat()].join('\n') + '\n');
  console.log(sizeSection(run).join('\n'));
}
closeConnections();
if (failed) {
  console.error('EXACTNESS CHECK FAILED: see the report; an answer differs from brute force');
  process.exit(1);
}

async function measureSize(size: number): Promise<SizeRun> {
  const dir = mkdtempSync(join(tmpdir(), `zhengce-bench-${size}-`));
  const began = Date.now();
  const log = (line: string) => console.error(`[${size} +${Math.round((Date.now() - began) / 1000)} s] ${line}`);
  const running: Started[] = [];
  let stopPostgres = () => {};
  try {
    log('writing the corpus and deriving the queries');
    const prep = resultOf('prepare', await runToEnd(node, [...TSX, 'bench/prepare.ts', String(size), dir, String(perRow(size))]));
    const queries = JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8')) as GeneratedQuery[];
    const run: SizeRun = { size, sections: null, chars: prep.chars as number, engines: [], latency: {}, facts: [], ours: null, exactness: null, exactnessNote: '', incremental: null };
    const fact = (label: string, engine: string, value: string) => {
      let row = run.facts.find((f) => f.label === label);
      if (!row) run.facts.push((row = { label, values: {} }));
      row.values[engine] = value;
    };
    const rate = (ms: number) => `${(run.chars / ms / 1000).toFixed(2)} M chars/s`;
    if (wanted.has('zhengce')) {
      log('raw nodejieba cut (the yardstick)');
      const jieba = resultOf('jieba', await runToEnd(node, [...TSX, 'bench/run-one.ts', 'segment', 'x', String(size), dir]));
      log('npm run index');
      const build = await buildOurs(dir);
      fact(BUILD, OURS, build.ok ? `${fmt(build.ms / 1000)} s, ${rate(build.ms)} = ${((jieba.ms as number) / build.ms * 100).toFixed(0)}% of jieba` : `FAILED: ${build.error}`);
      fact('raw nodejieba `cut` of the same page text (one core)', OURS, `${fmt((jieba.ms as number) / 1000)} s, ${rate(jieba.ms as number)}`);
      fact('peak RSS while building', OURS, `${build.peakRssMiB} MiB`);
      run.ours = { buildOk: build.ok, buildMs: build.ms, buildPeakMiB: build.peakRssMiB, readyMs: NaN, rssMiB: NaN, jiebaMs: jieba.ms as number };
      if (build.ok) {
        log('npm start');
        const ours = await serveOurs(dir);
        running.push(ours);
        Object.assign(run.ours, { readyMs: ours.server.readyMs, rssMiB: ours.rssAfterLoad });
        run.sections = ours.sections;
        fact('size on disk', OURS, `${diskMiB(join(dir, 'index'))} MiB`);
      }
    }
    if (wanted.has('fts5')) {
      log('SQLite FTS5: build');
      const built = resultOf('fts5 build', await runToEnd(node, [...TSX, 'bench/serve-peer.ts', 'build', 'fts5', dir]));
      run.sections ??= built.sections as number;
      fact(BUILD, 'SQLite FTS5', `${fmt((built.buildMs as number) / 1000)} s, ${rate(built.buildMs as number)}`);
      fact('peak RSS while building', 'SQLite FTS5', `${built.maxRssMiB} MiB`);
      fact('size on disk', 'SQLite FTS5', `${diskMiB(join(dir, 'fts5.db'))} MiB`);
      running.push(await startPeer('SQLite FTS5', 'fts5', dir, node, TSX));
    }
    if (wanted.has('flex')) {
      log('FlexSearch: build in memory and serve');
      const flex = await startPeer('FlexSearch', 'flexsearch', dir, node, TSX);
      running.push(flex);
      run.sections ??= flex.server.extra.sections;
      fact(BUILD, 'FlexSearch', `${fmt(flex.server.extra.buildMs / 1000)} s, ${rate(flex.server.extra.buildMs)} (not persisted)`);
    }
    if (wanted.has('pg') && run.ours?.buildOk) {
      const pg = await startBenchServers();
      if ('missing' in pg) log(`PostgreSQL not measured: ${pg.missing}`);
      else {
        stopPostgres = pg.stop;
        for (const [name, urls] of [['PostgreSQL 1 node', [pg.single]], [`PostgreSQL ${pg.shards.length} shards`, pg.shards]] as const) {
          log(`${name}: load`);
          const loaded = resultOf(`${name} load`, await runToEnd(node, [...TSX, 'bench/run-one.ts', 'postgres', 'build', String(size), join(dir, 'index'), urls.join(',')]));
          fact(BUILD, name, `load from our index ${fmt((loaded.loadMs as number) / 1000)} s`);
          fact('size on disk', name, `${loaded.diskMiB} MiB (databases)`);
          const env = { SEARCH_BACKEND: 'postgres', DATABASE_URL: urls[0], DATABASE_SHARD_URLS: urls.length > 1 ? urls.join(',') : '' };
          running.push(await serveOurs(dir, name, env));
        }
      }
    }
    for (const s of running) {
      fact('start to ready (load; FlexSearch builds here)', s.name, `${fmt(s.server.readyMs / 1000)} s`);
      fact('RSS after load', s.name, `${s.rssAfterLoad} MiB`);
    }
    run.engines = running.map((s) => s.name);
    log(`${queries.length} queries × ${running.length} engines`);
    const answers = await sendAlternating(running.map((s) => ({ name: s.name, port: s.server.port })), queries, (n) => log(`${n} / ${queries.length} queries sent`));
    for (const s of running) {
      run.latency[s.name] = latencies(queries, answers[s.name]);
      fact('RSS after the queries', s.name, `${procMiB(s.server.pid, 'VmRSS')} MiB`);
    }
    for (const s of running.filter((r) => r.name !== OURS)) await s.server.stop();
    stopPostgres();
    if (answers[OURS]) {
      log('exactness check');
      const file = join(dir, 'answers.json');
      writeFileSync(file, JSON.stringify({ queries, ours: answers[OURS] }));
      const check = resultOf('exactness check', await runToEnd(node, [...TSX, 'bench/check-exact.ts', join(dir, 'index'), file]));
      const pgProblems = running.filter((s) => s.name.startsWith('PostgreSQL')).flatMap((s) => differences(s.name, queries, answers[OURS], answers[s.name]));
      run.exactness = [...(check.problems as string[]), ...pgProblems];
      run.exactnessNote = `${check.checked} answers of ours checked, ${check.literalChecks} of them against a literal scan${pgProblems.length || running.some((s) => s.name.startsWith('PostgreSQL')) ? '; PostgreSQL answers compared with ours' : ''}`;
      log('one new page while serving');
      run.incremental = await measureIncremental(dir, running.find((s) => s.name === OURS)!.server.port, node);
      fact('one new page: searchable after `npm run index` starts', OURS, run.incremental.note);
    }
    return run;
  } finally {
    for (const s of running) await s.server.stop();
    stopPostgres();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where a PostgreSQL answer's total, literal band or facet counts differ from ours. */
function differences(name: string, queries: GeneratedQuery[], ours: Answer[], theirs: Answer[]): string[] {
  const key = (a: Answer) => JSON.stringify([a.total, a.literalCount, Object.entries(a.facets).map(([f, v]) => [f, [...v].sort()])]);
  return queries.flatMap((g, i) => (key(ours[i]) === key(theirs[i]) ? [] : [`${name}: ${g.cls}/${g.variant} "${g.q}": total ${theirs[i].total}, literal ${theirs[i].literalCount} vs ours ${ours[i].total}, ${ours[i].literalCount}, or facet counts differ`]));
}

