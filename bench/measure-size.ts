// One size of the benchmark, step by step: the corpus and queries, each engine built and started in
// its own process, the queries sent to all of them in turn, then our answers checked against brute
// force and one page added while our server runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedQuery } from './make-queries.ts';
import { startBenchServers } from './postgres-servers.ts';
import { procMiB, resultOf, runToEnd } from './processes.ts';
import { OURS, type SizeRun, fmt, latencies } from './report.ts';
import { type Answer, sendAlternating } from './send-queries.ts';
import { type Started, buildOurs, diskMiB, measureIncremental, serveOurs, startPeer } from './start-engines.ts';

export type EngineId = 'zhengce' | 'fts5' | 'flex' | 'pg';

const BUILD = 'build (ours: `npm run index`, ingest included; peers: jieba words + insert, ingest not counted)';

/** What the steps of one size share. */
interface Step {
  size: number;
  dir: string;
  node: string;
  /** Node flags for the bench scripts (tsx, a large heap: the peers may need it). */
  nodeArgs: string[];
  run: SizeRun;
  running: Started[];
  stops: (() => void)[];
  log: (line: string) => void;
  fact: (label: string, engine: string, value: string) => void;
  rate: (ms: number) => string;
}

/** Example: `measureSize(10000, new Set(['zhengce', 'fts5']), 150, …)` → the figures of the report's 10,000 section. */
export async function measureSize(size: number, engines: ReadonlySet<EngineId>, perRow: number, node: string, nodeArgs: string[]): Promise<SizeRun> {
  const dir = mkdtempSync(join(tmpdir(), `zhengce-bench-${size}-`));
  const began = Date.now();
  const log = (line: string) => console.error(`[${size} +${Math.round((Date.now() - began) / 1000)} s] ${line}`);
  const running: Started[] = [];
  const stops: (() => void)[] = [];
  try {
    log('writing the corpus and deriving the queries');
    const prep = resultOf('prepare', await runToEnd(node, [...nodeArgs, 'bench/prepare.ts', String(size), dir, String(perRow)]));
    const queries = JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8')) as GeneratedQuery[];
    const run: SizeRun = { size, sections: null, chars: prep.chars as number, engines: [], latency: {}, facts: [], ours: null, exactness: null, exactnessNote: '', incremental: null };
    const fact = (label: string, engine: string, value: string) => {
      let row = run.facts.find((f) => f.label === label);
      if (!row) run.facts.push((row = { label, values: {} }));
      row.values[engine] = value;
    };
    const step: Step = { size, dir, node, nodeArgs, run, running, stops, log, fact, rate: (ms) => `${(run.chars / ms / 1000).toFixed(2)} M chars/s` };
    if (engines.has('zhengce')) await ours(step);
    if (engines.has('fts5')) await fts5(step);
    if (engines.has('flex')) await flex(step);
    if (engines.has('pg') && run.ours?.buildOk) await postgres(step);
    await timeQueries(step, queries);
    return run;
  } finally {
    for (const s of running) await s.server.stop();
    for (const stop of stops) stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ours({ size, dir, node, nodeArgs, run, running, log, fact, rate }: Step) {
  log('raw nodejieba cut (the yardstick)');
  const jiebaMs = resultOf('jieba', await runToEnd(node, [...nodeArgs, 'bench/run-one.ts', 'segment', 'x', String(size), dir])).ms as number;
  log('npm run index');
  const build = await buildOurs(dir);
  fact(BUILD, OURS, build.ok ? `${fmt(build.ms / 1000)} s, ${rate(build.ms)} = ${((jiebaMs / build.ms) * 100).toFixed(0)}% of jieba` : `FAILED: ${build.error}`);
  fact('raw nodejieba `cut` of the same page text (one core)', OURS, `${fmt(jiebaMs / 1000)} s, ${rate(jiebaMs)}`);
  fact('peak RSS while building', OURS, `${build.peakRssMiB} MiB`);
  run.ours = { buildOk: build.ok, buildMs: build.ms, buildPeakMiB: build.peakRssMiB, loadMs: NaN, readyMs: NaN, rssMiB: NaN, jiebaMs };
  if (!build.ok) return;
  log('npm start');
  const served = await serveOurs(dir);
  running.push(served);
  Object.assign(run.ours, { readyMs: served.server.readyMs, rssMiB: served.rssAfterLoad });
  run.sections = served.sections;
  fact('size on disk', OURS, `${diskMiB(join(dir, 'index'))} MiB`);
}

async function fts5({ dir, node, nodeArgs, run, running, log, fact, rate }: Step) {
  log('SQLite FTS5: build');
  const built = resultOf('fts5 build', await runToEnd(node, [...nodeArgs, 'bench/serve-peer.ts', 'build', 'fts5', dir]));
  run.sections ??= built.sections as number;
  fact(BUILD, 'SQLite FTS5', `${fmt((built.buildMs as number) / 1000)} s, ${rate(built.buildMs as number)}`);
  fact('peak RSS while building', 'SQLite FTS5', `${built.maxRssMiB} MiB`);
  fact('size on disk', 'SQLite FTS5', `${diskMiB(join(dir, 'fts5.db'))} MiB`);
  running.push(await startPeer('SQLite FTS5', 'fts5', dir, node, nodeArgs));
}

async function flex({ dir, node, nodeArgs, run, running, log, fact, rate }: Step) {
  log('FlexSearch: build in memory and serve');
  const started = await startPeer('FlexSearch', 'flexsearch', dir, node, nodeArgs);
  running.push(started);
  run.sections ??= started.server.extra.sections;
  fact(BUILD, 'FlexSearch', `${fmt(started.server.extra.buildMs / 1000)} s, ${rate(started.server.extra.buildMs)} (not persisted)`);
}

/** Fresh servers (one node, three shards) loaded from our built index, each searched through `npm start`. */
async function postgres({ size, dir, node, nodeArgs, running, stops, log, fact }: Step) {
  const pg = await startBenchServers();
  if ('missing' in pg) return log(`PostgreSQL not measured: ${pg.missing}`);
  stops.push(pg.stop);
  for (const [name, urls] of [['PostgreSQL 1 node', [pg.single]], [`PostgreSQL ${pg.shards.length} shards`, pg.shards]] as const) {
    log(`${name}: load`);
    const loaded = resultOf(`${name} load`, await runToEnd(node, [...nodeArgs, 'bench/run-one.ts', 'postgres', 'build', String(size), join(dir, 'index'), urls.join(',')]));
    fact(BUILD, name, `load from our index ${fmt((loaded.loadMs as number) / 1000)} s`);
    fact('size on disk', name, `${loaded.diskMiB} MiB (databases)`);
    running.push(await serveOurs(dir, name, { SEARCH_BACKEND: 'postgres', DATABASE_URL: urls[0], DATABASE_SHARD_URLS: urls.length > 1 ? urls.join(',') : '' }));
  }
}

/** The queries to every engine in turn; then the peers stop and our answers are checked. */
async function timeQueries(step: Step, queries: GeneratedQuery[]) {
  const { run, running, stops, log, fact } = step;
  for (const s of running) {
    fact('start to ready (load; FlexSearch builds here)', s.name, `${fmt(s.server.readyMs / 1000)} s`);
    fact('RSS after load', s.name, `${s.rssAfterLoad} MiB`);
  }
  run.engines = running.map((s) => s.name);
  if (running.length === 0) return;
  log(`${queries.length} queries × ${running.length} engines`);
  const answers = await sendAlternating(running.map((s) => ({ name: s.name, port: s.server.port })), queries, (n) => log(`${n} / ${queries.length} queries sent`));
  for (const s of running) {
    run.latency[s.name] = latencies(queries, answers[s.name]);
    fact('RSS after the queries', s.name, `${procMiB(s.server.pid, 'VmRSS')} MiB`);
  }
  // Only our server stays up: the check loads a second copy of the index, and the page is added to it.
  for (const s of running.filter((r) => r.name !== OURS)) await s.server.stop();
  for (const stop of stops.splice(0)) stop();
  if (answers[OURS]) await check(step, queries, answers);
}

async function check({ dir, node, nodeArgs, run, running, log, fact }: Step, queries: GeneratedQuery[], answers: Record<string, Answer[]>) {
  log('exactness check');
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify({ queries, ours: answers[OURS] }));
  const checked = resultOf('exactness check', await runToEnd(node, [...nodeArgs, 'bench/check-exact.ts', join(dir, 'index'), file]));
  const pg = Object.keys(answers).filter((name) => name.startsWith('PostgreSQL'));
  fact('`loadIndex` alone (in the checking process)', OURS, `${fmt((checked.loadMs as number) / 1000)} s`);
  if (run.ours) run.ours.loadMs = checked.loadMs as number;
  run.exactness = [...(checked.problems as string[]), ...pg.flatMap((name) => differences(name, queries, answers[OURS], answers[name]))];
  run.exactnessNote = `${checked.checked} answers of ours checked, ${checked.literalChecks} of them against a literal scan${pg.length ? `; ${pg.join(' and ')} compared with ours` : ''}`;
  log('one new page while serving');
  run.incremental = await measureIncremental(dir, running.find((s) => s.name === OURS)!.server.port, node);
  fact('one new page: searchable after `npm run index` starts', OURS, run.incremental.note);
}

/** Where a PostgreSQL answer's total, literal band or facet counts differ from ours. */
function differences(name: string, queries: GeneratedQuery[], ours: Answer[], theirs: Answer[]): string[] {
  const key = (a: Answer) => JSON.stringify([a.total, a.literalCount, Object.entries(a.facets).map(([f, v]) => [f, [...v].sort()])]);
  return queries.flatMap((g, i) => (key(ours[i]) === key(theirs[i]) ? [] : [`${name}: ${g.cls}/${g.variant} "${g.q}": total ${theirs[i].total}, literal ${theirs[i].literalCount} vs ours ${ours[i].total}, ${ours[i].literalCount}, or facet counts differ`]));
}
