import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A statement runner inside one transaction. */
export type Query = <T>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * Streams rows into a table with COPY … FROM STDIN (text format), inside the write transaction:
 * one round trip for the whole batch instead of a statement per few hundred rows.
 * Example: `await copy('zc_sections', ['doc_id', 'k'], ['luohu-2017\t0\n'])`.
 */
export type CopyIn = (table: string, columns: string[], lines: Iterable<string>) => Promise<void>;

/**
 * The few things the PostgreSQL backend asks of a connection, so PGlite (tests, no server) and
 * node-postgres (a real server) are interchangeable. Every search runs in one read-only snapshot, so
 * a generation switched mid-search is never half seen.
 * Example: `await client.read((q) => q('SELECT 1 AS one'))` → `[{ one: 1 }]`.
 */
export interface SqlClient {
  /** Runs `work` in a REPEATABLE READ, READ ONLY transaction. */
  read<T>(work: (q: Query) => Promise<T>): Promise<T>;
  /** Runs `work` in a read-write transaction: all of it is committed, or none. */
  write<T>(work: (q: Query, copy: CopyIn) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Example: `pgliteClient(await PGlite.create())` → a client over the in-process WASM PostgreSQL. */
export function pgliteClient(db: PGlite): SqlClient {
  const run = async <T>(mode: string, work: (q: Query, copy: CopyIn) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.query(`SET TRANSACTION ${mode}`);
      // PGlite reads COPY input from a Blob named /dev/blob.
      const copy: CopyIn = async (table, columns, lines) => {
        await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([...lines]) });
      };
      return work(async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows, copy);
    });
  return {
    read: (work) => run('ISOLATION LEVEL REPEATABLE READ, READ ONLY', work),
    write: (work) => run('ISOLATION LEVEL READ COMMITTED', work),
    close: () => db.close(),
  };
}

/**
 * A pooled node-postgres client. `statementTimeoutMs` bounds every statement, so a slow or stuck
 * database answers with an error instead of hanging the page.
 * Example: `pgClient('postgres://localhost:5432/zhengce')`.
 */
export function pgClient(url: string, options: { statementTimeoutMs?: number; max?: number } = {}): SqlClient {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5000, statement_timeout: options.statementTimeoutMs ?? 10_000 });
  // An idle client losing its connection must not crash the server; the next checkout reconnects.
  pool.on('error', () => {});
  const run = async <T>(begin: string, work: (q: Query, copy: CopyIn) => Promise<T>) => {
    const client = await pool.connect();
    const copy: CopyIn = (table, columns, lines) => pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
    try {
      await client.query(begin);
      const result = await work(async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[], copy);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    read: (work) => run('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work),
    write: (work) => run('BEGIN', work),
    close: () => pool.end(),
  };
}

/**
 * Reads spread over read replicas in turn, writes to the primary. A replica may lag the primary by
 * the time it takes to replay a load; each search still reads one consistent snapshot of one replica.
 * Example: `replicatedClient(pgClient(primary), [pgClient(r1), pgClient(r2)])` → searches go r1, r2, r1 …
 */
export function replicatedClient(primary: SqlClient, replicas: SqlClient[]): SqlClient {
  let next = 0;
  return {
    read: (work) => (replicas.length === 0 ? primary : replicas[next++ % replicas.length]).read(work),
    write: (work) => primary.write(work),
    close: async () => {
      await Promise.all([primary, ...replicas].map((c) => c.close()));
    },
  };
}
