import { readConfig } from '../config.ts';
import { createApp } from '../web/app.ts';
import { ensureIndex } from './build.ts';

// npm start: build the index if it is missing or stale, then serve on PORT (default 3000).
try {
  const config = readConfig();
  const loaded = ensureIndex(config);
  const server = createApp(loaded).listen(config.port, () => {
    console.log(`Zhengce Search on http://localhost:${config.port}/ (${loaded.manifest.counts.documents} documents, ${loaded.manifest.counts.sections} sections)`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
