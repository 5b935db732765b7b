/**
 * Worker thread entry: each job is one part of a source (history: a chunk of commits, read
 * with the worker's own `git log -p`), whose units the worker scans with the pipeline's own
 * `scanOneUnit`, so git, parsing and scanning all run in parallel and no file text crosses
 * threads (only findings come back). Jobs run one at a time, in the order they arrive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanner } from '@keyguard/core';
import { scanOneUnit, type PartAnswer, type ScannedUnit } from '../scan/pipeline.js';
import { openHistoryPart } from '../sources/history.js';
import type { SourcePart } from '../sources/types.js';
import type { AnswerMessage, JobMessage, WorkerSetup } from './pool.js';

const port = parentPort;
if (!port) throw new Error('scan-worker.js runs only as a worker thread');

const setup = workerData as WorkerSetup;
const scanner = createScanner({ config: setup.config });

/** How a worker opens a part, by the kind of source the setup is for. */
const openPart: Record<WorkerSetup['kind'], (setup: WorkerSetup, job: never) => SourcePart> = {
  history: openHistoryPart,
};

async function scanPart(job: unknown): Promise<PartAnswer> {
  const part = openPart[setup.kind](setup, job as never);
  const scanned: ScannedUnit[] = [];
  for await (const unit of part.units) scanned.push(await scanOneUnit(scanner, unit));
  return { scanned, tail: part.tail() };
}

let queue = Promise.resolve();
port.on('message', (message: JobMessage<unknown>) => {
  queue = queue.then(async () => {
    let answer: AnswerMessage<unknown>;
    try {
      answer = { id: message.id, answer: await scanPart(message.job) };
    } catch (error) {
      answer = { id: message.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
});
