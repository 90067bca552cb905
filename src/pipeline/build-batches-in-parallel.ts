import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { BatchMessage, BatchReply } from './batch-worker.ts';
import type { BatchDone, BatchTask, FileDone } from './build-batch.ts';
import { workerEntry } from './worker-entry.ts';

export interface ParallelOptions {
  /** Worker threads; the machine's cores by default (never more than there are batches). */
  workers?: number;
  /** Heap limits of each worker thread. */
  resourceLimits?: ResourceLimits;
  /** Hears of each file as a worker finishes it (progress), in no particular order across batches. */
  onFile?: (done: FileDone) => void;
}

/** A worker thread stopped (crashed, ran out of memory, was killed) while it held a batch. */
export class BuildWorkerError extends Error {
  constructor(file: string, cause: string) {
    super(`a worker thread stopped while indexing ${file} (${cause}); nothing from it was kept: run the build again, and if it stops on the same file, build with one worker to see the error in the main thread`);
    this.name = 'BuildWorkerError';
  }
}

/**
 * buildBatch on worker threads, Lucene's DWPT way: each worker takes whole batches and writes
 * their segments itself; only summaries come back, yielded in batch order. Each worker holds one
 * batch at a time, so memory follows the segment size times the workers. An error thrown in a
 * batch is thrown when the consumer reaches that batch; then the other workers abandon theirs,
 * and segments written by batches never yielded are removed.
 * Example: batches [罗湖 福田][南山 宝安] on 2 workers → both built at once; yields the first's summary, then the second's.
 */
export async function* buildBatchesInParallel(tasks: BatchTask[], options: ParallelOptions = {}): AsyncGenerator<BatchDone> {
  if (tasks.length === 0) return;
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), tasks.length));
  const pool = startPool(tasks, count, options);
  let taken = 0;
  try {
    for (; taken < tasks.length; taken++) {
      const reply = await pool.take(taken);
      if ('thrown' in reply) throw Object.assign(new Error(reply.thrown.message), reply.thrown);
      yield reply.done;
    }
  } finally {
    await pool.stop(taken + 1);
  }
}

type Ended = Exclude<BatchReply, { file: FileDone }>;

/** Workers, the batch each holds and the files of it reported; a free worker takes the next batch. */
function startPool(tasks: BatchTask[], count: number, options: ParallelOptions) {
  const entry = workerEntry('batch-worker');
  const replies = new Map<number, Ended>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let sent = 0;
  const stopping = new Int32Array(new SharedArrayBuffer(4));
  const notify = () => {
    wake?.();
    wake = null;
  };
  type Slot = { worker: Worker; held: number | null; reported: number; exited: boolean };
  const dispatch = (slot: Slot) => {
    if (sent >= tasks.length || failure || slot.exited) return;
    [slot.held, slot.reported] = [sent, 0];
    slot.worker.postMessage({ seq: sent, task: tasks[sent++] } satisfies BatchMessage);
  };
  const slots = Array.from({ length: count }, () => {
    const worker = new Worker(entry.eval ? entry.script : entry.url, { eval: entry.eval, workerData: { stopping }, resourceLimits: options.resourceLimits });
    const slot: Slot = { worker, held: null, reported: 0, exited: false };
    worker.on('message', (reply: BatchReply) => {
      if ('file' in reply) {
        slot.reported++;
        options.onFile?.(reply.file);
        return;
      }
      slot.held = null;
      replies.set(reply.seq, reply);
      if ('thrown' in reply) failure ??= new Error(reply.thrown.message); // no further batches are started
      else dispatch(slot);
      notify();
    });
    const stopped = (cause: string) => {
      if (slot.held !== null && !failure) failure = new BuildWorkerError(tasks[slot.held].files[slot.reported]?.file ?? tasks[slot.held].name, cause);
      slot.exited = true;
      if (!failure && sent < tasks.length && slots.every((s) => s.exited)) failure = new BuildWorkerError(tasks[sent].files[0]?.file ?? tasks[sent].name, 'no worker thread is left');
      notify();
    };
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => stopped(`exit code ${code}`));
    dispatch(slot);
    return slot;
  });
  return {
    /** The reply for batch `seq`, or the failure of the worker that held it. */
    async take(seq: number): Promise<Ended> {
      for (;;) {
        const reply = replies.get(seq);
        if (reply) {
          replies.delete(seq);
          return reply;
        }
        // A batch a live worker holds still comes, as it would in order.
        if (failure && !slots.some((s) => !s.exited && s.held === seq)) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    /**
     * Lets each worker finish or abandon the batch in hand and exit (terminating one inside jieba
     * aborts the process); segments of batches from `from` on, built but never taken, are removed.
     */
    async stop(from: number) {
      Atomics.store(stopping, 0, 1);
      await Promise.all(
        slots.map((s) => {
          if (s.exited) return;
          const exited = new Promise((resolve) => s.worker.once('exit', resolve));
          s.worker.postMessage(null satisfies BatchMessage);
          return exited;
        }),
      );
      for (const [seq, reply] of replies) {
        if (seq < from || !('done' in reply)) continue;
        for (const s of reply.done.segments) rmSync(join(tasks[seq].indexDir, s.entry.name), { recursive: true, force: true });
      }
    },
  };
}
