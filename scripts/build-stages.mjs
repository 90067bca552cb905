// node scripts/build-stages.mjs <seeds folder> [workers] — where a build's time goes, from dist/ (run
// `npm run build` first): reading + ingest + prepare (sequentially, or on `workers` worker threads),
// assembling one index of everything (MiniSearch, grams, vocabulary), writing its files to a
// temporary folder, and raw nodejieba `cut` over the same sections' folded texts, the yardstick of the
// build throughput target. Wall and CPU (all threads) per stage; on a shared machine wall times
// follow the load, so compare runs made one after the other. A corpus of ~15k sections:
// `npx tsx bench/write-corpus.ts 15000 /tmp/seeds-15k`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const { listSeeds, uniqueId } = await load('pipeline/read-seeds.js');
const { prepareFiles } = await load('pipeline/prepare-files.js');
const { prepareFilesInParallel } = await load('pipeline/prepare-files-in-parallel.js');
const { assembleIndex } = await load('index/build-index.js');
const { writeSegmentFiles } = await load('index/segment-files.js');
const { policyJieba } = await load('segment/jieba.js');

const [dir, workersArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: node scripts/build-stages.mjs <seeds folder> [workers]');
const workers = Number(workersArg ?? 0);
const stages = [];
const clock = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
const stage = (name, from) => {
  const cpu = process.cpuUsage(from.cpu);
  stages.push({ name, wall: performance.now() - from.wall, cpu: (cpu.user + cpu.system) / 1000 });
  return clock();
};

let at = clock();
const files = listSeeds(dir);
const documents = [];
const prepared = [];
const ids = new Set();
for await (const p of workers > 0 ? prepareFilesInParallel(dir, files, { workers }) : prepareFiles(dir, files)) {
  if ('problem' in p) continue;
  if (uniqueId(p.document.id, ids) !== p.document.id) throw new Error(`${p.file}: a second document with the id ${p.document.id}; rename the file`);
  documents.push(p.document);
  prepared.push(...p.sections);
}
at = stage(workers > 0 ? `read+ingest+prepare (${workers} workers)` : 'read+ingest+prepare', at);
const built = assembleIndex(documents, prepared);
at = stage('assemble', at);
const out = mkdtempSync(join(tmpdir(), 'build-stages-'));
writeSegmentFiles(out, built);
stage('write', at);
rmSync(out, { recursive: true, force: true });

const jieba = policyJieba();
jieba.cut('预热');
const texts = prepared.map((p) => p.record.folded);
const chars = texts.reduce((n, t) => n + t.length, 0);
at = clock();
for (const t of texts) jieba.cut(t);
const cut = performance.now() - at.wall;

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const total = stages.reduce((n, x) => n + x.wall, 0);
console.log(`${files.length} files, ${prepared.length} sections, ${chars} folded characters; load average ${loadavg()[0].toFixed(1)}`);
for (const x of stages) console.log(`${x.name.padEnd(36)} ${s(x.wall).padStart(8)} wall ${s(x.cpu).padStart(8)} cpu`);
console.log(`${'build'.padEnd(36)} ${s(total).padStart(8)} wall`);
console.log(`raw jieba cut of the folded texts   ${s(cut).padStart(8)} wall (${Math.round(chars / cut)} k characters/s)`);
console.log(`build throughput: ${((100 * cut) / total).toFixed(1)}% of raw cut speed`);
