import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder for one test. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `zhengce-${label}-`));
}

// node itself with tsx as a loader (not the tsx wrapper), so a signal reaches the process doing the work.
const NODE = [process.execPath, '--import', 'tsx'] as const;

/** Runs one of the CLIs to completion with the given environment. */
export function runCli(script: string, env: Record<string, string>, args: string[] = []) {
  const run = spawnSync(NODE[0], [...NODE.slice(1), join('src', 'cli', script), ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Starts one of the CLIs in the background. */
export function spawnCli(script: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  return spawn(NODE[0], [...NODE.slice(1), join('src', 'cli', script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}
