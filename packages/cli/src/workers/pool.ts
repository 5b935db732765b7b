/**
 * Scans a stream of work units on worker threads (`node:worker_threads`, one per core by
 * default) or, with one thread, on the main thread, and streams the results back in the
 * source's order whatever the thread count, so both give identical reports.
 *
 * Memory stays bounded: a unit is pulled from the source only while fewer than
 * `2 × threads` batches are sent-but-not-yet-consumed, so a long history is never buffered
 * whole; meanwhile git waits on its pipe.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createScanner, type KeyguardConfig } from '@keyguard/core';
import { RuntimeError } from '../errors.js';
import { scanUnit, type UnitResult, type WorkUnit } from './scan-unit.js';

export interface BatchRequest {
  id: number;
  units: WorkUnit[];
}

export interface BatchResponse {
  id: number;
  results: UnitResult[];
}

export interface ScanProgress {
  units: number;
  bytes: number;
}

export interface ScanPoolOptions {
  /** Scanner config (plain data: it is copied into each worker). */
  config: Partial<KeyguardConfig>;
  /** 1 scans on the main thread; default: one worker per core. */
  threads?: number;
  /** The worker script; default: found next to this module (tsc output or bundle). */
  workerUrl?: URL;
  /** A batch is sent once it holds this much text (UTF-16 units) … */
  batchBytes?: number;
  /** … or this many units. */
  batchUnits?: number;
}

export interface ScannedUnit<U extends WorkUnit = WorkUnit> {
  unit: U;
  result: UnitResult;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Where the worker script is: `scan-worker.js` beside this module when it runs from tsc's
 * output, `keyguard-worker.js` at the bundle's root when it runs from the esbuild bundle
 * (this code may sit in the entry file or in `chunks/`).
 */
export function defaultWorkerUrl(): URL {
  const candidates = ['./scan-worker.js', './keyguard-worker.js', '../keyguard-worker.js'];
  for (const candidate of candidates) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  throw new RuntimeError(
    `cannot find the scan worker script next to ${fileURLToPath(import.meta.url)} (looked for ${candidates.join(', ')}); ` +
      'reinstall keyguard, or pass --threads 1 to scan without worker threads',
  );
}

/** Scans every unit the source yields and yields each with its result, in the source's order. */
export function scanStream<U extends WorkUnit>(source: AsyncIterable<U>, options: ScanPoolOptions): AsyncGenerator<ScannedUnit<U>> {
  const threads = options.threads ?? defaultThreads();
  return threads <= 1 ? scanOnMainThread(source, options) : scanOnWorkers(source, threads, options);
}

async function* scanOnMainThread<U extends WorkUnit>(source: AsyncIterable<U>, options: ScanPoolOptions): AsyncGenerator<ScannedUnit<U>> {
  const scanner = createScanner({ config: options.config });
  for await (const unit of source) yield { unit, result: scanUnit(scanner, unit) };
}

interface PoolWorker {
  worker: Worker;
  inFlight: number;
}

async function* scanOnWorkers<U extends WorkUnit>(
  source: AsyncIterable<U>,
  threads: number,
  options: ScanPoolOptions,
): AsyncGenerator<ScannedUnit<U>> {
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const batchBytes = options.batchBytes ?? 256 * 1024;
  const batchUnits = options.batchUnits ?? 128;
  const maxInFlightPerWorker = 2;
  const maxOutstanding = threads * maxInFlightPerWorker;

  const pool: PoolWorker[] = [];
  /** Batches sent and not yet yielded, by id; `results` is set when the worker answers. */
  const outstanding = new Map<number, { units: U[]; results?: UnitResult[] }>();
  let nextId = 0;
  let nextToYield = 0;
  let producing = true;
  let stopped = false;
  let failure: Error | undefined;

  // Resolved whenever something changes (a batch answered or consumed, a failure, the end of
  // the source); both the producer and the consumer wait on it.
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
    const entry: PoolWorker = { worker: new Worker(workerUrl, { workerData: { config: options.config } }), inFlight: 0 };
    entry.worker.on('message', (response: BatchResponse) => {
      entry.inFlight--;
      const batch = outstanding.get(response.id);
      if (batch) batch.results = response.results;
      signal();
    });
    entry.worker.on('error', (error) => fail(new RuntimeError(`a scan worker thread failed: ${error.message}`)));
    entry.worker.on('exit', (code) => {
      if (entry.inFlight > 0) fail(new RuntimeError(`a scan worker thread exited (code ${code}) mid-scan`));
    });
    pool.push(entry);
    return entry;
  };

  /** A worker with room, starting one lazily (a short range that fits one batch starts one). */
  const workerWithRoom = (): PoolWorker | undefined => {
    let best: PoolWorker | undefined;
    for (const entry of pool) if (!best || entry.inFlight < best.inFlight) best = entry;
    if ((!best || best.inFlight > 0) && pool.length < threads) return startWorker();
    return best && best.inFlight < maxInFlightPerWorker ? best : undefined;
  };

  const send = async (units: U[]): Promise<void> => {
    let target = outstanding.size < maxOutstanding ? workerWithRoom() : undefined;
    while (!target) {
      if (failure || stopped) return;
      await changed;
      target = outstanding.size < maxOutstanding ? workerWithRoom() : undefined;
    }
    const request: BatchRequest = { id: nextId++, units };
    outstanding.set(request.id, { units });
    target.inFlight++;
    target.worker.postMessage(request);
  };

  const produce = async (): Promise<void> => {
    let batch: U[] = [];
    let bytes = 0;
    for await (const unit of source) {
      if (failure || stopped) return;
      batch.push(unit);
      bytes += unit.bytes;
      if (bytes >= batchBytes || batch.length >= batchUnits) {
        await send(batch);
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) await send(batch);
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
      const batch = outstanding.get(nextToYield);
      if (batch?.results) {
        outstanding.delete(nextToYield++);
        signal();
        for (let i = 0; i < batch.units.length; i++) yield { unit: batch.units[i]!, result: batch.results[i]! };
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
