import { generateCorpus } from './corpus.ts';
import { ingestDocument } from '../src/ingest/ingest-document.ts';
import { buildIndex } from '../src/index/build-index.ts';
const c = generateCorpus(5000);
const docs = c.pages.map((p) => ingestDocument(p));
const t = performance.now();
buildIndex(docs);
console.log('index ms', performance.now() - t);
