// Child processes of the benchmark: builds run to completion with their peak memory watched, servers
// start and say on which port they listen. Each engine lives in its own process, so one engine's
// memory never counts against another and a peer that needs gigabytes cannot take the benchmark down.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Finished {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The child's peak resident memory (VmHWM, read while it ran). */
  peakRssMiB: number;
}

/** A /proc/<pid>/status figure in MiB (0 once the process is gone). Example: `procMiB(pid, 'VmRSS')` → 412. */
export function procMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field + ':'));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Runs a command to its end, its output kept, its peak RSS sampled every 200 ms. */
export function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv = {}, echo = false): Promise<Finished> {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peak = 0;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    if (echo) process.stderr.write(d);
  });
  const watch = setInterval(() => (peak = Math.max(peak, procMiB(child.pid!, 'VmHWM'))), 200);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      resolve({ code, signal, stdout, stderr: stderr.slice(-4000), ms: performance.now() - started, peakRssMiB: peak });
    });
  });
}

/** The JSON a bench script prints after `RESULT `, or an error with the end of its stderr. */
export function resultOf(label: string, run: Finished): Record<string, unknown> {
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (run.code !== 0 || !line) throw new Error(`${label} failed (exit ${run.code}, signal ${run.signal}):\n${run.stderr}`);
  return JSON.parse(line.slice(7));
}

export interface Server {
  pid: number;
  port: number;
  /** From spawn to the line saying it listens. */
  readyMs: number;
  /** Whatever JSON the server printed after its port. */
  extra: Record<string, number>;
  stop(): Promise<void>;
}

/** Starts a server and waits for the stdout line `ready` matches (group 1: the port; group 2, optional: JSON). */
export function startServer(label: string, command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Server> {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = ready.exec(stdout);
      if (!m) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ pid: child.pid!, port: Number(m[1]), readyMs: performance.now() - started, extra: m[2] ? JSON.parse(m[2]) : {}, stop });
    });
    child.on('exit', (code, signal) => reject(new Error(`${label} stopped before it was ready (exit ${code}, signal ${signal}):\n${stderr}`)));
  });
}
