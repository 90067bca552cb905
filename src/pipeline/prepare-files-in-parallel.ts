import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { expandPreparedFile } from './compact-prepared.ts';
import type { PreparedFile } from './prepare-files.ts';
import type { PrepareReply, PrepareTask } from './prepare-worker.ts';
import { prepareWorkerEntry } from './prepare-worker-entry.ts';

export interface ParallelOptions {
  /** Worker threads; the machine's cores by default (never more than there are files). */
  workers?: number;
  /**
   * Files sent to workers or prepared but not yet taken by the consumer, at most: when the
   * consumer (assembling, writing segments) is slower than the workers, they wait rather than
   * pile prepared files up in memory. 32 per worker by default (a few thousand sections): enough
   * for the workers to keep going while the consumer assembles; raise it towards a segment's worth
   * of files for full overlap.
   */
  inFlight?: number;
  /** Heap limits of each worker thread. */
  resourceLimits?: ResourceLimits;
}

/** A worker thread stopped (crashed, ran out of memory, was killed) while it held files. */
export class PrepareWorkerError extends Error {
  constructor(file: string, cause: string) {
    super(`a worker thread stopped while preparing ${file} (${cause}); nothing from it was kept: run the build again, and if it stops on the same file, build with one worker to see the error in the main thread`);
    this.name = 'PrepareWorkerError';
  }
}

/**
 * prepareFiles on worker threads: the same values in the same order, files read, ingested and
 * tokenized on every core while the consumer works on earlier ones. An error thrown for one file
 * is thrown when the consumer reaches that file, as the sequential version would.
 * Example: `prepareFilesInParallel('seeds', ['000.txt', '001.txt'], { workers: 2 })` → `000.txt`'s
 * PreparedFile, then `001.txt`'s, both prepared at once.
 */
export async function* prepareFilesInParallel(dir: string, files: string[], options: ParallelOptions = {}): AsyncGenerator<PreparedFile> {
  if (files.length === 0) return;
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), files.length));
  const limit = Math.max(count, options.inFlight ?? 32 * count);
  const pool = startPool(dir, count, options.resourceLimits, files);
  try {
    for (let seq = 0; seq < files.length; seq++) {
      pool.dispatch(Math.min(files.length, seq + limit));
      const reply = await pool.take(seq);
      if ('thrown' in reply) throw Object.assign(new Error(reply.thrown.message), reply.thrown);
      yield expandPreparedFile(reply.prepared);
    }
  } finally {
    await pool.stop();
  }
}

/** Workers, the files each holds, replies not yet taken; tasks go to the worker holding fewest. */
function startPool(dir: string, count: number, resourceLimits: ResourceLimits | undefined, files: string[]) {
  const entry = prepareWorkerEntry();
  const replies = new Map<number, PrepareReply>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let sent = 0;
  const stopping = new Int32Array(new SharedArrayBuffer(4));
  const notify = () => {
    wake?.();
    wake = null;
  };
  const slots = Array.from({ length: count }, () => {
    const worker = new Worker(entry.eval ? entry.script : entry.url, { eval: entry.eval, workerData: { dir, stopping }, resourceLimits });
    const slot = { worker, held: new Set<number>(), exited: false };
    worker.on('message', (reply: PrepareReply) => {
      slot.held.delete(reply.seq);
      replies.set(reply.seq, reply);
      notify();
    });
    const stopped = (cause: string) => {
      slot.exited = true;
      if (slot.held.size > 0 && !failure) failure = new PrepareWorkerError(files[Math.min(...slot.held)], cause);
      notify();
    };
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => stopped(`exit code ${code}`));
    return slot;
  });
  return {
    /** Sends files up to (not including) `until`. */
    dispatch(until: number) {
      for (; sent < until && !failure; sent++) {
        const slot = slots.filter((s) => !s.exited).sort((a, b) => a.held.size - b.held.size)[0];
        if (!slot) {
          failure ??= new PrepareWorkerError(files[sent], 'no worker thread is left');
          return;
        }
        slot.held.add(sent);
        slot.worker.postMessage({ seq: sent, file: files[sent] } satisfies PrepareTask);
      }
    },
    /** The reply for `seq`, or the failure of the worker that held it. */
    async take(seq: number): Promise<PrepareReply> {
      for (;;) {
        const reply = replies.get(seq);
        if (reply) {
          replies.delete(seq);
          return reply;
        }
        // Files before the one a dead worker held still come from the live workers, as they would in order.
        if (failure && !slots.some((s) => !s.exited && s.held.has(seq))) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    /** Lets each worker finish the file in hand and exit (terminating one inside jieba aborts the process). */
    async stop() {
      Atomics.store(stopping, 0, 1);
      await Promise.all(
        slots.map((s) => {
          if (s.exited) return;
          const exited = new Promise((resolve) => s.worker.once('exit', resolve));
          s.worker.postMessage(null satisfies PrepareTask);
          return exited;
        }),
      );
    },
  };
}
