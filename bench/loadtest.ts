// npm run loadtest [-- --duration 20 --connections 16 --max-requests 500000]
// npm run soak      (the same for 300 s, printing the server's RSS every 30 s)
//
// Starts `npm start`'s server as a child on 127.0.0.1 (own index folder, built from SEEDS_DIR), drives it
// with a fixed query mix over keep-alive connections for a bounded time and count, prints requests/s,
// latency percentiles, errors and server RSS, then stops it with SIGTERM and checks it exits 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { queryMix } from './engines.ts';
import { type FacetName, facetSpec } from '../src/search/facet-registry.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '16' },
    'max-requests': { type: 'string', default: '500000' },
    'rss-every': { type: 'string', default: '0' },
    // site: pages, API and documents of the seed corpus; api: the benchmark's /api/search mix (any corpus)
    mix: { type: 'string', default: 'site' },
    'rare-term': { type: 'string', default: '一河六圈三带' },
  },
});
const DURATION_S = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const MAX_REQUESTS = Number(values['max-requests']);
const RSS_EVERY_S = Number(values['rss-every']);

const q = encodeURIComponent;
/** The site mix: common and rare terms, filters, deep pages, phrases, the API and document pages. */
const SITE_MIX: [label: string, path: string][] = [
  ['common term', `/search?q=${q('发展')}`],
  ['common term, page 3', `/search?q=${q('发展')}&page=3`],
  ['mid term', `/search?q=${q('城市更新')}`],
  ['two filters', `/search?q=${q('城市更新')}&district=${q('罗湖区')}&dept=${q('罗湖区城市更新局')}`],
  ['rare term', `/search?q=${q('一河六圈三带')}`],
  ['Latin+digits', `/search?q=PM2.5`],
  ['phrase and exclusion', `/search?q=${q('"城市更新" -棚户区')}`],
  ['two-word AND', `/search?q=${q('改革 创新')}`],
  ['no match', `/search?q=${q('量子纠缠')}`],
  ['API common term', `/api/search?q=${q('建设')}&size=20`],
  ['API year facet', `/api/search?q=${q('改革')}&year=2017`],
  ['document page', `/docs/004_3c0b11c1ebd16181?q=${q('城市更新')}`],
  ['document page, plain', `/docs/000_3b22d4aff9f0ab3b`],
  ['suggest', `/api/suggest?q=${q('城市')}`],
];

/** The benchmark's query mix as /api/search requests: works on any corpus, including generated ones. */
const API_MIX: [label: string, path: string][] = queryMix(values['rare-term']!).map((m) => {
  const usp = new URLSearchParams({ q: m.q, size: '20' });
  if (m.page) usp.set('page', String(m.page));
  for (const [k, vs] of Object.entries(m.filters ?? {})) for (const v of vs) usp.append(facetSpec(k as FacetName).param, v);
  return [m.label, `/api/search?${usp}`];
});
const MIX = values.mix === 'api' ? API_MIX : SITE_MIX;

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return Math.round(kb / 1024);
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function main() {
  const indexDir = mkdtempSync(join(tmpdir(), 'zhengce-loadtest-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'cli', 'start.ts')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', INDEX_DIR: indexDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (b) => {
      out += b;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () => reject(new Error(`the server exited before listening:\n${out}`)));
  });
  const pid = child.pid!;
  const sections = /(\d+) sections\)/.exec(out)?.[1];
  console.log(`server pid ${pid} on 127.0.0.1:${port}, ${sections} sections; ${cpus().length}× ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  console.log(`${CONNECTIONS} connections, ${DURATION_S} s or ${MAX_REQUESTS} requests, whichever comes first; ${MIX.length} routes in the mix`);

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const get = (path: string) =>
    new Promise<number>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('error', () => resolve(0));
      req.setTimeout(10_000, () => req.destroy());
    });

  // Warm-up: one pass over the mix, not counted.
  for (const [, path] of MIX) await get(path);
  const rssStart = rssMiB(pid);
  const latencies = new Float64Array(MAX_REQUESTS);
  const perRoute = MIX.map(() => [] as number[]);
  const statuses = new Map<number, number>();
  let sent = 0;
  let done = 0;
  const started = performance.now();
  const deadline = started + DURATION_S * 1000;
  const rssSamples: [number, number][] = [[0, rssStart]];
  const sampler = RSS_EVERY_S > 0 ? setInterval(() => rssSamples.push([Math.round((performance.now() - started) / 1000), rssMiB(pid)]), RSS_EVERY_S * 1000) : undefined;

  async function worker() {
    while (sent < MAX_REQUESTS && performance.now() < deadline) {
      const i = sent++ % MIX.length;
      const t0 = performance.now();
      const status = await get(MIX[i][1]);
      const ms = performance.now() - t0;
      latencies[done++] = ms;
      perRoute[i].push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  const rssEnd = rssMiB(pid);
  rssSamples.push([Math.round(elapsed), rssEnd]);

  const sorted = latencies.subarray(0, done).sort();
  const errors = [...statuses].filter(([s]) => s !== 200).reduce((n, [, c]) => n + c, 0);
  const f = (x: number) => x.toFixed(1);
  console.log('');
  console.log(`requests      ${done} in ${elapsed.toFixed(1)} s = ${Math.round(done / elapsed)} req/s`);
  console.log(`latency ms    p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted[sorted.length - 1])}`);
  console.log(`errors        ${errors} (statuses: ${[...statuses].map(([s, c]) => `${s || 'network error'}×${c}`).join(', ')})`);
  console.log(`server RSS    ${rssStart} MiB at start, ${rssEnd} MiB at end${rssSamples.length > 2 ? `; samples (s: MiB) ${rssSamples.map(([t, m]) => `${t}: ${m}`).join(', ')}` : ''}`);
  console.log('');
  console.log('route                      p50 ms  p95 ms  p99 ms');
  MIX.forEach(([label], i) => {
    const s = Float64Array.from(perRoute[i]).sort();
    console.log(`${label.padEnd(26)} ${f(percentile(s, 50)).padStart(6)}  ${f(percentile(s, 95)).padStart(6)}  ${f(percentile(s, 99)).padStart(6)}`);
  });

  agent.destroy();
  child.kill('SIGTERM');
  const code = await exited;
  console.log(`\nSIGTERM → server exit code ${code}`);
  process.exitCode = errors > 0 || code !== 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
