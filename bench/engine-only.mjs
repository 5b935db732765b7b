// The engine alone: reads each file of a list, decodes it, and runs @keyguard/core's
// scanner.scan on it in this process, timing the three steps apart. Set beside the CLI's
// full scan, it tells how much of the time is the engine and how much is the file source.
// Usage: node bench/engine-only.mjs <list-file> [root-for-relative-paths]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createScanner } from '../packages/core/dist/index.js';

const list = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const root = process.argv[3] ?? process.cwd();
const scanner = createScanner();
const decoder = new TextDecoder('utf-8');
let readNs = 0n;
let decodeNs = 0n;
let scanNs = 0n;
let bytes = 0;
let findings = 0;
for (const file of list) {
  const t0 = process.hrtime.bigint();
  const buffer = readFileSync(file);
  const t1 = process.hrtime.bigint();
  const text = decoder.decode(buffer);
  const t2 = process.hrtime.bigint();
  findings += scanner.scan(text, path.relative(root, file)).findings.length;
  const t3 = process.hrtime.bigint();
  readNs += t1 - t0;
  decodeNs += t2 - t1;
  scanNs += t3 - t2;
  bytes += buffer.length;
}
const ms = (ns) => Number(ns) / 1e6;
process.stdout.write(
  `${JSON.stringify({ files: list.length, bytes, findings, readMs: ms(readNs), decodeMs: ms(decodeNs), scanMs: ms(scanNs) })}\n`,
);
