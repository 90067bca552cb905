import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../hardening/tmp.ts';

/** Every process whose parent chain leads to `root`, read from /proc (Linux). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we read.
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, p] of parent) if (p === pid) (out.push(child), walk(child));
  };
  walk(root);
  return out;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

describe('npm start and signals', () => {
  it.runIf(process.platform === 'linux').each(['SIGTERM', 'SIGINT'] as const)(
    '%s to the npm process stops the server: npm exits 0, the port is free, no child survives',
    async (signal) => {
      expect(existsSync('dist/cli/start.js'), 'dist/ is missing: run `npm run build` (npm test does)').toBe(true);
      const npm = spawn('npm', ['start'], {
        env: { ...process.env, INDEX_DIR: tempDir('index'), SEEDS_DIR: 'seeds', HOST: '127.0.0.1', PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exit = once(npm, 'exit') as Promise<[number | null, string | null]>;
      let out = '';
      npm.stdout!.on('data', (b) => (out += b));
      npm.stderr!.on('data', (b) => (out += b));
      const port = await new Promise<number>((resolve, reject) => {
        npm.stdout!.on('data', () => {
          const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (m) resolve(Number(m[1]));
        });
        npm.on('exit', () => reject(new Error(`npm start exited before serving:\n${out}`)));
      });
      expect(await portOpen(port)).toBe(true);
      const children = descendants(npm.pid!);
      expect(children.length, 'npm start should have started the server as a child').toBeGreaterThan(0);

      npm.kill(signal);
      const [code] = await exit;
      expect(code, out).toBe(0);
      expect(out).toContain(`${signal}: no new connections`);
      await expect.poll(() => children.filter(alive), { timeout: 5000 }).toEqual([]);
      expect(await portOpen(port)).toBe(false);
    },
  );
});
