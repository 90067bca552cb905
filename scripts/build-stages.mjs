// node scripts/build-stages.mjs <seeds folder> [workers] — where a build's time goes, from dist/ (run
// `npm run build` first). On this thread, one stage after the other over every file: read + ingest,
// prepare (normalise + jieba per section), assemble one index of everything (MiniSearch, of which
// the gram index is timed apart), write its files to a temporary folder (of which MiniSearch's
// toJSON and compiling the postings are timed apart); raw nodejieba `cut` over the same sections'
// folded texts, the yardstick of the build throughput target; then the real full build
// (`updateIndex`, segments built on `workers` threads, 2 by default) into a temporary folder.
// Wall and CPU (all threads) per stage; on a shared machine wall times follow the load, so compare
// runs made one after the other. A corpus of ~15k sections: `npx tsx bench/write-corpus.ts 15000 /tmp/seeds-15k`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const { listSeeds, readSeedFile } = await load('pipeline/read-seeds.js');
const { prepareSections } = await load('index/prepare-sections.js');
const { assembleIndex } = await load('index/build-index.js');
const { buildGramIndex } = await load('index/gram-index.js');
const { gramText } = await load('index/corpus.js');
const { compilePostings } = await load('index/compiled-postings.js');
const { writeSegmentFiles } = await load('index/segment-files.js');
const { policyJieba } = await load('segment/jieba.js');
const { updateIndex } = await load('cli/update-index.js');
const { readConfig } = await load('config.js');

const [dir, workersArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: node scripts/build-stages.mjs <seeds folder> [workers]');
const workers = Number(workersArg ?? 2);
const stages = [];
const clock = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
const stage = (name, from, part = false) => {
  const cpu = process.cpuUsage(from.cpu);
  stages.push({ name, wall: performance.now() - from.wall, cpu: (cpu.user + cpu.system) / 1000, part });
  return clock();
};

let at = clock();
const files = listSeeds(dir);
const documents = files.map((f) => readSeedFile(dir, f)).filter((d) => !('reason' in d));
at = stage('read+ingest', at);
const prepared = prepareSections(documents);
at = stage('prepare (normalise + jieba)', at);
const built = assembleIndex(documents, prepared);
at = stage('assemble (MiniSearch, grams, vocabulary)', at);
buildGramIndex(built.corpus.sections.map(gramText));
at = stage('  of which grams', at, true);
const out = mkdtempSync(join(tmpdir(), 'build-stages-'));
writeSegmentFiles(out, built);
at = stage('write', at);
const json = built.index.toJSON();
at = stage('  of which MiniSearch toJSON', at, true);
compilePostings(json, built.corpus.sections.map((s) => s.key));
stage('  of which compile postings', at, true);
rmSync(out, { recursive: true, force: true });

const jieba = policyJieba();
jieba.cut('预热');
const texts = prepared.map((p) => p.record.folded);
const chars = texts.reduce((n, t) => n + t.length, 0);
at = clock();
for (const t of texts) jieba.cut(t);
const cut = performance.now() - at.wall;

const index = mkdtempSync(join(tmpdir(), 'build-stages-index-'));
at = clock();
await updateIndex(readConfig({ SEEDS_DIR: dir, INDEX_DIR: index }), () => {}, { full: true, parallel: workers > 0, workers: Math.max(1, workers) });
const full = clock();
const fullWall = full.wall - at.wall;
const fullCpu = process.cpuUsage(at.cpu);
rmSync(index, { recursive: true, force: true });

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const total = stages.filter((x) => !x.part).reduce((n, x) => n + x.wall, 0);
console.log(`${files.length} files, ${prepared.length} sections, ${chars} folded characters; load average ${loadavg()[0].toFixed(1)}`);
for (const x of stages) console.log(`${x.name.padEnd(42)} ${s(x.wall).padStart(8)} wall ${s(x.cpu).padStart(8)} cpu`);
console.log(`${'one thread, stage by stage'.padEnd(42)} ${s(total).padStart(8)} wall`);
console.log(`raw jieba cut of the folded texts           ${s(cut).padStart(8)} wall (${Math.round(chars / cut)} k characters/s)`);
console.log(`${`full build, ${workers || 'no'} worker threads`.padEnd(42)} ${s(fullWall).padStart(8)} wall ${s((fullCpu.user + fullCpu.system) / 1000).padStart(8)} cpu`);
console.log(`build throughput: ${((100 * cut) / fullWall).toFixed(1)}% of raw cut speed (stage by stage on one thread: ${((100 * cut) / total).toFixed(1)}%)`);
