/**
 * Worker threads (`node:worker_threads`, one per core by default) for large scans.
 *
 * `orderedPool` hands a stream of jobs to the workers and streams the answers back in the
 * jobs' order, whatever the thread count, so every thread count gives identical reports.
 * Memory stays bounded: a job is pulled from its source only while fewer than `window` jobs
 * (default two per worker) are sent-but-not-yet-consumed, so a long history is never buffered whole.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KeyguardConfig } from '@keyguard/core';
import { RuntimeError } from '../errors.js';

/** What the main thread posts to a worker, and what the worker answers. */
export interface JobMessage<T> {
  id: number;
  job: T;
}

export type AnswerMessage<T> = { id: number; answer: T } | { id: number; error: string };

/** The worker's setup, in `workerData`: the scanner config and what the source's parts read. */
export type WorkerSetup = HistoryWorkerSetup | FilesWorkerSetup;

/** A history scan's: the repository whose commits the parts name. */
export interface HistoryWorkerSetup {
  kind: 'history';
  config: KeyguardConfig;
  /** Where config allow.paths globs start (see LoadedConfig). */
  allowBase: string;
  root: string;
  cwd: string;
}

/** A scan of files: the parts are batches of files (sources/files.ts), paths shown relative to `cwd`. */
export interface FilesWorkerSetup {
  kind: 'files';
  config: KeyguardConfig;
  cwd: string;
  maxFileSize: number;
}

/**
 * Below this many cores a history scan without `--threads` stays on the main thread: on 2 cores
 * the workers' own git processes and start-up cost more than they gained (pnpm bench, history
 * section: 0.63x with workers on a 242-commit history), since git already has the other core.
 */
export const MIN_CORES_FOR_WORKERS = 4;

/** The default thread count of a large history scan, for `cores` (default: this machine's). */
export function defaultThreads(cores = availableParallelism()): number {
  return cores < MIN_CORES_FOR_WORKERS ? 1 : cores;
}

/**
 * Where the worker script is: `scan-worker.js` beside this module when it runs from tsc's
 * output, `keyguard-worker.cjs` at the bundle's root when it runs from the bundle
 * (this code may sit in the entry file or in `chunks/`).
 */
export function defaultWorkerUrl(): URL {
  const candidates = ['./scan-worker.js', './keyguard-worker.cjs', '../keyguard-worker.cjs'];
  for (const candidate of candidates) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  throw new RuntimeError(
    `cannot find the scan worker script next to ${fileURLToPath(import.meta.url)} (looked for ${candidates.join(', ')}); ` +
      'reinstall keyguard, or pass --threads 1 to scan without worker threads',
  );
}

export interface OrderedPoolOptions {
  threads: number;
  setup: WorkerSetup;
  workerUrl?: URL;
  /**
   * Jobs sent and not yet yielded, at most (default two per thread): answers that come back
   * before an earlier job's wait here, so a wider window keeps the other workers busy behind a
   * slow job, at the cost of holding more answers.
   */
  window?: number;
}

/** Runs each job on a worker thread and yields the answers in the jobs' order. */
export async function* orderedPool<Job, Answer>(jobs: AsyncIterable<Job>, options: OrderedPoolOptions): AsyncGenerator<Answer> {
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const { threads } = options;
  const maxInFlightPerWorker = 2;
  const maxOutstanding = Math.max(options.window ?? 0, threads * maxInFlightPerWorker);

  interface PoolWorker {
    worker: Worker;
    inFlight: number;
  }
  const pool: PoolWorker[] = [];
  /** Jobs sent and not yet yielded, by id; `answer` is set when the worker replies. */
  const outstanding = new Map<number, { answered: boolean; answer?: Answer }>();
  let nextId = 0;
  let nextToYield = 0;
  let producing = true;
  let stopped = false;
  let failure: Error | undefined;

  // Resolved whenever something changes (an answer, a consumed answer, a failure, the end of
  // the jobs); the producer and the consumer both wait on it.
  let wake: () => void = () => {};
  let changed = new Promise<void>((resolve) => (wake = resolve));
  const signal = () => {
    wake();
    changed = new Promise<void>((resolve) => (wake = resolve));
  };
  const fail = (error: Error) => {
    failure ??= error;
    signal();
  };

  const startWorker = (): PoolWorker => {
    const entry: PoolWorker = { worker: new Worker(workerUrl, { workerData: options.setup }), inFlight: 0 };
    entry.worker.on('message', (message: AnswerMessage<Answer>) => {
      entry.inFlight--;
      if ('error' in message) {
        fail(new RuntimeError(message.error));
        return;
      }
      const slot = outstanding.get(message.id);
      if (slot) {
        slot.answered = true;
        slot.answer = message.answer;
      }
      signal();
    });
    entry.worker.on('error', (error) => fail(new RuntimeError(`a scan worker thread failed: ${error.message}`)));
    entry.worker.on('exit', (code) => {
      if (entry.inFlight > 0 && !stopped) fail(new RuntimeError(`a scan worker thread exited (code ${code}) mid-scan`));
    });
    pool.push(entry);
    return entry;
  };

  /** A worker with room, starting one lazily (a job stream that fits one job starts one). */
  const workerWithRoom = (): PoolWorker | undefined => {
    if (outstanding.size >= maxOutstanding) return undefined;
    let best: PoolWorker | undefined;
    for (const entry of pool) if (!best || entry.inFlight < best.inFlight) best = entry;
    if ((!best || best.inFlight > 0) && pool.length < threads) return startWorker();
    return best && best.inFlight < maxInFlightPerWorker ? best : undefined;
  };

  const produce = async (): Promise<void> => {
    for await (const job of jobs) {
      let target = workerWithRoom();
      while (!target) {
        if (failure || stopped) return;
        await changed;
        target = workerWithRoom();
      }
      if (failure || stopped) return;
      const message: JobMessage<Job> = { id: nextId++, job };
      outstanding.set(message.id, { answered: false });
      target.inFlight++;
      target.worker.postMessage(message);
    }
  };

  const producer = produce().then(
    () => {
      producing = false;
      signal();
    },
    (error: unknown) => {
      producing = false;
      fail(error instanceof Error ? error : new Error(String(error)));
    },
  );

  try {
    for (;;) {
      if (failure) throw failure;
      const slot = outstanding.get(nextToYield);
      if (slot?.answered) {
        outstanding.delete(nextToYield++);
        signal();
        yield slot.answer as Answer;
        continue;
      }
      if (!producing && nextToYield === nextId) break;
      await changed;
    }
    await producer;
    if (failure) throw failure;
  } finally {
    stopped = true;
    signal();
    await Promise.all(pool.map((entry) => entry.worker.terminate()));
    await producer;
  }
}
