// A small load probe, not a benchmark: the time loadIndex + createEngine take and the memory held
// after, for one compiled tree (dist/) and one index folder. Figures are noisy on a shared machine:
// compare two trees A/B in one run, alternating.
// Usage: node --expose-gc bench/probe-load.mjs <dist-dir> <index-dir> [--phases]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, indexDir, flag] = process.argv.slice(2);
const load = (rel) => import(pathToFileURL(resolve(dist, rel)).href);
const { loadIndex } = await load('index/index-store.js');
const { createEngine } = await load('search/create-engine.js');
const mib = (n) => (n / 2 ** 20).toFixed(0);
const gc = () => (globalThis.gc ? (globalThis.gc(), globalThis.gc()) : undefined);

gc();
const base = process.memoryUsage();
let t = performance.now();
const loaded = loadIndex(indexDir);
const loadMs = performance.now() - t;
t = performance.now();
const engine = createEngine(loaded);
const engineMs = performance.now() - t;
gc();
const after = process.memoryUsage();
const sections = loaded.corpus.sectionCount ?? loaded.corpus.sections.length;
console.log(JSON.stringify({ dist, sections, loadMs: Math.round(loadMs), engineMs: Math.round(engineMs), rssMiB: mib(after.rss), heapMiB: mib(after.heapUsed - base.heapUsed), externalMiB: mib(after.external - base.external) }));

if (flag === '--phases') {
  // Where the old format's load goes: the JSON lines of corpus.jsonl, then one record per section.
  const { readJsonLines } = await load('index/read-json-lines.js');
  const { sectionRecords } = await load('index/section-records.js');
  const manifest = JSON.parse(readFileSync(join(indexDir, 'manifest.json'), 'utf8'));
  for (const { name } of manifest.segments) {
    gc();
    const h0 = process.memoryUsage().heapUsed;
    let t0 = performance.now();
    const [, folded, ...docs] = readJsonLines(join(indexDir, name, 'corpus.jsonl'));
    const parseMs = performance.now() - t0;
    gc();
    const h1 = process.memoryUsage().heapUsed;
    t0 = performance.now();
    const full = docs.map((d) => ({ ...d, sections: d.sections.map((s) => ({ ...s, original: s.original ?? s.paragraphs, text: s.text ?? s.paragraphs.join('\n') })) }));
    const records = sectionRecords(full, folded);
    const recordMs = performance.now() - t0;
    gc();
    const h2 = process.memoryUsage().heapUsed;
    console.log(JSON.stringify({ segment: name, documents: docs.length, sections: records.length, parseMs: Math.round(parseMs), parsedHeapMiB: mib(h1 - h0), recordMs: Math.round(recordMs), recordHeapMiB: mib(h2 - h1) }));
  }
}
void engine;
