import { createServer } from 'node:http';
import { readConfig } from '../config.ts';
import { reloadingApp } from '../web/reloading-app.ts';
import { ensureIndex } from './build.ts';
import { configuredBackend } from './load-postgres.ts';
import { parseCli } from './usage.ts';

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
const DRAIN_MS = 10_000;

const USAGE = `Usage: npm start

Brings the index up to date with SEEDS_DIR (default seeds/) — only changed pages are read; a full
build when it is missing, damaged or from another version — then serves the site in the foreground on PORT (default 3000; HOST=127.0.0.1 keeps it local) until stopped.
A new index generation (npm run index while it runs) is picked up within about a second.
Ctrl-C or SIGTERM stops it: no new connections, requests under way finish (up to 10 s), exit 0.
Environment: SEEDS_DIR, INDEX_DIR (default index/), PORT, HOST; SEARCH_BACKEND=postgres with DATABASE_URL
searches in PostgreSQL (load it with npm run index under the same settings).`;

parseCli(USAGE, {});
try {
  const config = readConfig();
  const loaded = await ensureIndex(config, console.log, process.stderr);
  // `npm run index` while serving publishes a new generation: picked up without a restart.
  const served = reloadingApp(config.indexDir, loaded, { backend: await configuredBackend(config) });
  const server = createServer(served.handler).listen({ port: config.port, host: config.host }, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Zhengce Search on http://${config.host ?? 'localhost'}:${port}/ (${loaded.manifest.counts.documents} documents, ${loaded.manifest.counts.sections} sections); Ctrl-C stops it`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const fix = error.code === 'EADDRINUSE' ? `port ${config.port} is in use: stop the other server or set PORT to a free port` : error.message;
    console.error(`cannot serve: ${fix}`);
    process.exit(2);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: no new connections; finishing in-flight requests`);
    // close() stops accepting and drops idle keep-alive sockets; busy ones end after their response.
    served.stop();
    server.close(() => process.exit(0));
    setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
