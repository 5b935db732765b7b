/**
 * Worker thread entry: each job is one part of a source (history: a chunk of commits, read
 * with the worker's own `git log -p`; files: a batch of paths, each file read here), whose
 * units the worker scans with the pipeline's own `scanOneUnit`, so reading, parsing and
 * scanning all run in parallel and no file text crosses threads (only findings come back). Jobs run one at a time, in the order they arrive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanner } from '@keyguard/core';
import { createEnvFilePolicy } from '../env-files.js';
import { mattersHere, scanOneUnit, type PartAnswer } from '../scan/pipeline.js';
import { openFilesPart } from '../sources/files.js';
import { openHistoryPart } from '../sources/history.js';
import type { SourcePart } from '../sources/types.js';
import type { AnswerMessage, JobMessage, WorkerSetup } from './pool.js';

const port = parentPort;
if (!port) throw new Error('scan-worker.js runs only as a worker thread');

const setup = workerData as WorkerSetup;
const scanner = createScanner({ config: setup.config });
// the pipeline's own .env policy, from the same config: only to tell which units the main thread needs
const envFiles = createEnvFilePolicy(setup.config.envFiles);

/** How a worker opens a part, by the kind of source the setup is for. */
const openPart: { [Kind in WorkerSetup['kind']]: (setup: Extract<WorkerSetup, { kind: Kind }>, job: never) => SourcePart } = {
  history: openHistoryPart,
  files: openFilesPart,
};

async function scanPart(job: unknown): Promise<PartAnswer> {
  const part = (openPart[setup.kind] as (setup: WorkerSetup, job: never) => SourcePart)(setup, job as never);
  const answer: PartAnswer = { scanned: [], plain: { units: 0, bytes: 0 }, tail: undefined };
  for await (const unit of part.units) {
    const scanned = await scanOneUnit(scanner, unit);
    if (mattersHere(scanned, envFiles)) {
      answer.scanned.push(scanned);
    } else {
      answer.plain.units++;
      answer.plain.bytes += scanned.bytes;
    }
  }
  answer.tail = part.tail();
  return answer;
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
