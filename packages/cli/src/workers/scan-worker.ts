/**
 * Worker thread entry: builds a scanner from the config it is given and scans the batches of
 * units the main thread posts, one at a time, answering each with its results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanner, type KeyguardConfig } from '@keyguard/core';
import { scanUnit } from './scan-unit.js';
import type { BatchRequest, BatchResponse } from './pool.js';

const port = parentPort;
if (!port) throw new Error('scan-worker.js runs only as a worker thread');

const scanner = createScanner({ config: (workerData as { config: Partial<KeyguardConfig> }).config });

port.on('message', (request: BatchRequest) => {
  const response: BatchResponse = { id: request.id, results: request.units.map((unit) => scanUnit(scanner, unit)) };
  port.postMessage(response);
});
