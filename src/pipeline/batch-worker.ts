// The worker thread of buildBatchesInParallel: builds whole batches (read, ingest, tokenize,
// assemble, write the segments) and sends back only what the manifest needs; nodejieba, its
// dictionaries and OpenCC are loaded once per thread.
import { parentPort, workerData } from 'node:worker_threads';
import { policyJieba } from '../segment/jieba.ts';
import { normalize } from '../segment/normalize.ts';
import { type BatchDone, type BatchTask, type FileDone, buildBatch } from './build-batch.ts';

/** To a worker: build this batch, or (null) finish and exit. */
export type BatchMessage = { seq: number; task: BatchTask } | null;

/** From a worker: a file of the batch done, the batch done, or what was thrown while building it. */
export type BatchReply =
  | { seq: number; file: FileDone }
  | { seq: number; done: BatchDone }
  | { seq: number; thrown: { name: string; message: string; stack?: string; code?: string } };

if (parentPort) {
  const port = parentPort;
  const { stopping } = workerData as { stopping: Int32Array };
  // Load the dictionaries before the first file, not inside it.
  policyJieba().cut('预热');
  normalize('預熱');
  port.on('message', (message: BatchMessage) => {
    // Exiting on its own, never terminated: terminating a thread inside jieba aborts the process.
    if (message === null) return port.close();
    const { seq, task } = message;
    let reply: BatchReply;
    try {
      // A run that stopped (another batch failed) abandons the batch between files.
      const done = buildBatch(task, (file) => port.postMessage({ seq, file } satisfies BatchReply), () => Atomics.load(stopping, 0) === 1);
      reply = { seq, done };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { seq, thrown: { name: e.name, message: e.message, stack: e.stack, code: (e as NodeJS.ErrnoException).code } };
    }
    port.postMessage(reply);
  });
}
