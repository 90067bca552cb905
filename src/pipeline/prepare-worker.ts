// The worker thread of prepareFilesInParallel: reads, ingests and prepares the files it is sent,
// one message per file, with nodejieba, its dictionaries and OpenCC loaded once per thread.
import { parentPort, workerData } from 'node:worker_threads';
import { policyJieba } from '../segment/jieba.ts';
import { normalize } from '../segment/normalize.ts';
import { type CompactPreparedFile, compactPreparedFile } from './compact-prepared.ts';
import { prepareFile } from './prepare-files.ts';

/** To a worker: prepare this file, or (null) finish and exit. */
export type PrepareTask = { seq: number; file: string } | null;

/** From a worker: the file prepared (or skipped), or what was thrown while preparing it. */
export type PrepareReply = { seq: number; prepared: CompactPreparedFile } | { seq: number; thrown: { name: string; message: string; stack?: string; code?: string } };

if (parentPort) {
  const port = parentPort;
  const { dir, stopping } = workerData as { dir: string; stopping: Int32Array };
  // Load the dictionaries before the first file, not inside it.
  policyJieba().cut('预热');
  normalize('預熱');
  port.on('message', (task: PrepareTask) => {
    // Exiting on its own, never terminated: terminating a thread inside jieba aborts the process.
    if (task === null) return port.close();
    // Files still queued when the consumer stopped are skipped, not prepared for nobody.
    if (Atomics.load(stopping, 0) === 1) return;
    const { seq, file } = task;
    let reply: PrepareReply;
    try {
      reply = { seq, prepared: compactPreparedFile(prepareFile(dir, file)) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { seq, thrown: { name: e.name, message: e.message, stack: e.stack, code: (e as NodeJS.ErrnoException).code } };
    }
    port.postMessage(reply);
  });
}
