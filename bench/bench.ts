// npm run bench [-- --sizes 10000,100000,1000000 --engines zhengce,fts5,flex,pg --queries 100 --out bench/RESULTS.md --append]
// (--append adds the sizes measured to an existing report, so sizes can be run separately with other engines)
// Our real server (`npm start` on a built `npm run index`) against SQLite FTS5 and FlexSearch on the
// same generated corpus and the same jieba words, and our PostgreSQL backend (one node, three shards):
// distinct queries derived from the corpus, each sent once to each engine over HTTP, engines taking
// turns query by query; then our answers checked against brute force. Writes a Markdown report.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { closeConnections } from './http-get.ts';
import { type EngineId, measureSize } from './measure-size.ts';
import { sizeSection } from './report.ts';
import { seedScaleSection } from './seed-scale.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000' },
    engines: { type: 'string', default: 'zhengce,fts5,flex,pg' },
    queries: { type: 'string', default: '' },
    out: { type: 'string', default: 'bench/RESULTS.md' },
    append: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const ENGINES: readonly EngineId[] = ['zhengce', 'fts5', 'flex', 'pg'];
const wanted = new Set(values.engines!.split(',') as EngineId[]);
for (const e of wanted) if (!ENGINES.includes(e)) throw new Error(`--engines: unknown engine ${e}; choose from ${ENGINES.join(',')}`);
if (wanted.has('pg') && !wanted.has('zhengce')) throw new Error('--engines pg needs zhengce too: the PostgreSQL backend is loaded from our built index and checked against it');
const node = process.execPath;
const TSX = ['--max-old-space-size=20000', '--expose-gc', '--import', 'tsx'];

/** Queries per class and variant: enough for a p95 at every size, fewer where one query costs more. */
function perRow(size: number): number {
  return values.queries ? Number(values.queries) : size <= 20_000 ? 150 : size <= 200_000 ? 100 : 50;
}

const header = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (each size says its command and date) on ${cpus().length}× ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
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
const command = `npm run bench -- --sizes ${values.sizes} --engines ${values.engines}${values.queries ? ` --queries ${values.queries}` : ''}`;
const head = values.append && existsSync(values.out!) ? [readFileSync(values.out!, 'utf8').trimEnd(), ''] : [...header, ...seedScaleSection(node, TSX)];
const sections: string[][] = [];
const write = () => writeFileSync(values.out!, [...head, ...sections.flat()].join('\n') + '\n');
write();

if (wanted.has('zhengce')) {
  console.error('building dist/ (npm run index and npm start run from it)');
  if (spawnSync(node, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
}

let failed = false;
for (const size of sizes) {
  const run = await measureSize(size, wanted, perRow(size), node, TSX);
  failed ||= (run.exactness?.length ?? 0) > 0;
  const lines = sizeSection(run);
  sections.push([...lines.slice(0, 2), `Measured by \`${command}\` on ${new Date().toISOString().slice(0, 10)}.`, '', ...lines.slice(2)]);
  write();
  console.log(lines.join('\n'));
}
closeConnections();
if (failed) {
  console.error('EXACTNESS CHECK FAILED: see the report; an answer differs from brute force');
  process.exit(1);
}
