/**
 * Worker thread entry of history scans: each job is a chunk of commits, which the worker
 * reads with its own `git log -p` and scans, so git, parsing and scanning all run in
 * parallel and no file text crosses threads (only findings come back). Jobs run one at a
 * time, in the order they arrive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanner } from '@keyguard/core';
import { scanCommitChunk } from '../sources/history.js';
import type { AnswerMessage, JobMessage, WorkerSetup } from './pool.js';

const port = parentPort;
if (!port) throw new Error('scan-worker.js runs only as a worker thread');

const setup = workerData as WorkerSetup;
const scanner = createScanner({ config: setup.config });

let queue = Promise.resolve();
port.on('message', (message: JobMessage<string[]>) => {
  queue = queue.then(async () => {
    let answer: AnswerMessage<unknown>;
    try {
      answer = { id: message.id, answer: await scanCommitChunk(setup, message.job, scanner) };
    } catch (error) {
      answer = { id: message.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
});
