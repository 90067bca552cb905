// npx tsx bench/write-corpus.ts 100000 /tmp/seeds-100k — the benchmark corpus as seed files, so the
// real server (npm start, npm run loadtest -- --mix api) can be measured on it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './corpus.ts';

const [size, dir] = process.argv.slice(2);
if (!size || !dir) throw new Error('usage: tsx bench/write-corpus.ts <sections> <folder>');
const corpus = generateCorpus(Number(size));
mkdirSync(dir, { recursive: true });
for (const p of corpus.pages) writeFileSync(join(dir, p.file), p.bytes);
console.log(`${corpus.pages.length} pages, ${corpus.sections} sections, rare term ${corpus.rareTerm}`);
