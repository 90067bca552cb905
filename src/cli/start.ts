import { createServer } from 'node:http';
import { readConfig } from '../config.ts';
import { createApp } from '../web/app.ts';
import { ensureIndex } from './build.ts';

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
const DRAIN_MS = 10_000;

// npm start: build the index if it is missing, stale or damaged, then serve on PORT (default 3000).
try {
  const config = readConfig();
  const loaded = ensureIndex(config);
  const server = createServer(createApp(loaded)).listen({ port: config.port, host: config.host }, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Zhengce Search on http://${config.host ?? 'localhost'}:${port}/ (${loaded.manifest.counts.documents} documents, ${loaded.manifest.counts.sections} sections)`);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: no new connections; finishing in-flight requests`);
    // close() stops accepting and drops idle keep-alive sockets; busy ones end after their response.
    server.close(() => process.exit(0));
    setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
