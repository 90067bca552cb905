// The seed-scale section of the report: the five real pages, in-process, the job exactly as
// /api/search runs it (bench/run-one.ts `zhengce seeds`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fmt } from './report.ts';

interface QueryTiming { label: string; total: number; p50: number; p95: number; p99: number }

/** Example: → `## Seed scale (the five seed pages, 260 sections), in-process` and one row per query of the fixed mix. */
export function seedScaleSection(node: string, nodeArgs: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'zhengce-bench-seeds-'));
  try {
    const child = spawnSync(node, [...nodeArgs, 'bench/run-one.ts', 'zhengce', 'seeds', '0', dir], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`seed scale failed (exit ${child.status}):\n${child.stderr.slice(-2000)}`);
    const seeds = JSON.parse(line.slice(7)) as { sections: number; queries: QueryTiming[]; warm: QueryTiming[] };
    const out = [`## Seed scale (the five seed pages, ${seeds.sections} sections), in-process`, '', 'The fixed mix repeated after two warm-up runs: the seed pages are too few for distinct cold queries.', '', '| query (hits) | p50 / p95 / p99 ms, no cache | warm cache p95 ms |', '| --- | --- | --- |'];
    seeds.queries.forEach((q, i) => out.push(`| ${q.label} (${q.total}) | ${fmt(q.p50)} / ${fmt(q.p95)} / ${fmt(q.p99)} | ${fmt(seeds.warm[i].p95)} |`));
    return [...out, ''];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
