/**
 * Worker thread entry. `workerData` says which jobs it runs (see `WorkerSetup`):
 * - `units`: scan batches of text units read by the main thread;
 * - `history`: read a chunk of commits with its own `git log -p` and scan what they added,
 *   so git, parsing and scanning all run in parallel and no text crosses threads.
 * Jobs run one at a time, in the order they arrive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanner } from '@keyguard/core';
import { scanCommitChunk } from '../sources/history.js';
import type { AnswerMessage, JobMessage, WorkerSetup } from './pool.js';
import { scanUnit, type WorkUnit } from './scan-unit.js';

const port = parentPort;
if (!port) throw new Error('scan-worker.js runs only as a worker thread');

const setup = workerData as WorkerSetup;
const scanner = createScanner({ config: setup.config });

async function run(job: unknown): Promise<unknown> {
  if (setup.kind === 'units') return (job as WorkUnit[]).map((unit) => scanUnit(scanner, unit));
  return scanCommitChunk(setup, job as string[], scanner);
}

let queue = Promise.resolve();
port.on('message', (message: JobMessage<unknown>) => {
  queue = queue.then(async () => {
    let answer: AnswerMessage<unknown>;
    try {
      answer = { id: message.id, answer: await run(message.job) };
    } catch (error) {
      answer = { id: message.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
});
