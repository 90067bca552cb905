// One size's inputs, in a fresh process: the generated corpus written as seed files (so `npm run index`
// and `npm start` read it like any seeds folder) and the query set derived from it, as JSON.
//   node --import tsx bench/prepare.ts <sections> <folder> <queries per row>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './corpus.ts';
import { words } from './engines.ts';
import { makeQueries } from './make-queries.ts';
import { sectionRecords } from '../src/index/section-records.ts';
import { ingestDocument } from '../src/ingest/ingest-document.ts';

/** Sections the query rules look at: all of a small corpus, an even spread of pages of a large one. */
const SAMPLE_SECTIONS = 20_000;

const [size, dir, perRow] = process.argv.slice(2);
const corpus = generateCorpus(Number(size));
const seeds = join(dir, 'seeds');
mkdirSync(seeds, { recursive: true });
for (const p of corpus.pages) writeFileSync(join(seeds, p.file), p.bytes);
const stride = Math.max(1, Math.ceil(corpus.sections / SAMPLE_SECTIONS));
const sampledPages = corpus.pages.filter((_, i) => i % stride === 0);
const records = sectionRecords(sampledPages.map((p) => ingestDocument(p)));
const sample = records.map((r) => ({ text: r.text, district: r.district, words: [...new Set(words(r.text))] }));
const queries = makeQueries(sample, Number(perRow));
writeFileSync(join(dir, 'queries.json'), JSON.stringify(queries));
console.log('RESULT ' + JSON.stringify({ pages: corpus.pages.length, chars: corpus.chars, sampled: sample.length, queries: queries.length }));
