// Each engine of one size in its own process: ours built by `npm run index` and served by `npm start`
// (the compiled CLIs, as a deployment runs them), the peers by bench/serve-peer.ts.
import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getJson } from './http-get.ts';
import { type Server, procMiB, runToEnd, startServer } from './processes.ts';
import { OURS } from './report.ts';

export interface Started {
  name: string;
  server: Server;
  /** VmRSS right after the server said it listens. */
  rssAfterLoad: number;
}

const OURS_READY = /Zhengce Search on http:\/\/[^:/]+:(\d+)\//;
const PEER_READY = /LISTENING (\d+) (\{.*\})\n/;

/** Bytes under a path in MiB. Example: `diskMiB('/tmp/x/index')` → 36. */
export function diskMiB(path: string): number {
  const bytes = (p: string): number => {
    const st = statSync(p);
    return st.isDirectory() ? readdirSync(p).reduce((n, e) => n + bytes(join(p, e)), 0) : st.size;
  };
  return Math.round(bytes(path) / 2 ** 20);
}

function ourEnv(dir: string): NodeJS.ProcessEnv {
  return { SEEDS_DIR: join(dir, 'seeds'), INDEX_DIR: join(dir, 'index'), PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' };
}

/** `npm run index` on <dir>/seeds with the default Node heap; its progress lines go to our stderr. */
export async function buildOurs(dir: string) {
  const run = await runToEnd(process.execPath, ['dist/cli/index-cli.js'], ourEnv(dir), true);
  return { ok: run.code === 0, ms: run.ms, peakRssMiB: run.peakRssMiB, error: run.code === 0 ? '' : `exit ${run.code}, signal ${run.signal}: ${run.stderr.slice(-300)}` };
}

/** `npm start` on the built index; `env` picks the PostgreSQL backend. Returns it with the sections it serves. */
export async function serveOurs(dir: string, name = OURS, env: NodeJS.ProcessEnv = {}): Promise<Started & { sections: number }> {
  const server = await startServer(name, process.execPath, ['dist/cli/start.js'], { ...ourEnv(dir), ...env }, OURS_READY);
  const rssAfterLoad = procMiB(server.pid, 'VmRSS');
  const health = (await getJson(server.port, '/healthz')).body as { sections: number };
  return { name, server, rssAfterLoad, sections: health.sections };
}

/** A peer's HTTP wrapper (FTS5 opens its database; FlexSearch ingests and builds in memory first). */
export async function startPeer(name: string, engine: 'fts5' | 'flexsearch', dir: string, node: string, nodeArgs: string[]): Promise<Started> {
  const server = await startServer(name, node, [...nodeArgs, 'bench/serve-peer.ts', 'serve', engine, dir], {}, PEER_READY);
  return { name, server, rssAfterLoad: procMiB(server.pid, 'VmRSS') };
}

/** A query only the added page answers: characters no generated page uses. */
const NEW_TERM = '甍甑甓';

/**
 * Adds one page to the seeds while our server runs, starts `npm run index`, and polls the server until
 * the page is found (up to 60 s). Example: → `{ ms: 2100, note: '2.1 s' }`.
 */
export async function measureIncremental(dir: string, port: number, node: string): Promise<{ ms: number | null; note: string }> {
  const page = ['福田区2099年增量检验方案', '发布时间:2099-01-01', '为检验新增文件,制定本方案。', '一、总体要求', '（一）增量检验', `1.新增条目${NEW_TERM}用于检验。(牵头单位:区发展和改革局)`, ''].join('\n');
  writeFileSync(join(dir, 'seeds', 'bench-new-page.txt'), page);
  const started = performance.now();
  const index = spawn(node, ['dist/cli/index-cli.js'], { env: { ...process.env, ...ourEnv(dir) }, stdio: 'ignore' });
  const ended = new Promise<void>((resolve) => index.on('exit', () => resolve()));
  const path = `/api/search?q=${encodeURIComponent(NEW_TERM)}`;
  let found: number | null = null;
  while (performance.now() - started < 60_000) {
    const { body } = await getJson(port, path);
    if ((body as { total: number }).total > 0) {
      found = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (index.exitCode === null) index.kill('SIGTERM');
  await ended;
  return { ms: found, note: found === null ? 'not found within 60 s' : `${(found / 1000).toFixed(1)} s` };
}
