#!/usr/bin/env node
// Micro-benchmark of the engine: where does the time go on real sources?
// Reads the JS/TS files under node_modules/.pnpm (or the folder given), then measures, on the
// same files, side by side: the raw read floor (read + decode), read + keyword pass only, and
// read + full scan, in interleaved rounds (best of ROUNDS, default 7). Run after `pnpm build`:
//   node packages/core/bench/throughput.mjs [dir] [maxMB]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createScanner, rules } from '../dist/index.js';
import { KeywordIndex } from '../dist/keyword-index.js';

const root = resolve(process.argv[2] ?? new URL('../../../node_modules/.pnpm', import.meta.url).pathname);
const maxBytes = Number(process.argv[3] ?? 64) * 1024 * 1024;
const EXT = /\.(?:[cm]?js|[cm]?ts|jsx|tsx|json)$/;

const files = [];
let total = 0;
(function walk(dir) {
  if (total >= maxBytes) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (total >= maxBytes) return;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && EXT.test(e.name)) {
      const size = statSync(p).size;
      if (size > 2 * 1024 * 1024) continue;
      files.push(p);
      total += size;
    }
  }
})(root);

const scanner = createScanner();
const mb = total / 1024 / 1024;

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const measures = [
  ['read floor', () => {
    let n = 0;
    for (const f of files) n += readFileSync(f, 'utf8').length;
    return n;
  }],
  ['read + toLowerCase', () => {
    let n = 0;
    for (const f of files) n += readFileSync(f, 'utf8').toLowerCase().length;
    return n;
  }],
  ['read + keyword pass only', () => {
    let hits = 0;
    for (const f of files) keywords.scan(readFileSync(f, 'utf8'), () => hits++);
    return hits;
  }],
  ['read + scan', () => {
    let findings = 0;
    for (const f of files) findings += scanner.scan(readFileSync(f, 'utf8'), f).findings.length;
    return findings;
  }],
];
const keywords = new KeywordIndex([...new Set(rules.filter((r) => !r.publicByDesign).flatMap((r) => r.keywords)), 'keyguard-ignore']);

// Interleaved rounds, best of each: the machine may be busy, and noise only ever adds time.
console.log(`${files.length} files, ${mb.toFixed(1)} MB from ${root}; best of ${ROUNDS} interleaved rounds`);
const best = new Map();
const results = new Map();
for (let round = 0; round <= ROUNDS; round++) {
  for (const [label, fn] of measures) {
    const t = performance.now();
    const out = fn();
    const ms = performance.now() - t;
    if (round > 0) best.set(label, Math.min(best.get(label) ?? Infinity, ms)); // round 0 warms up
    results.set(label, out);
  }
}
for (const [label] of measures) {
  const ms = best.get(label);
  console.log(`${label.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${(mb / (ms / 1000)).toFixed(1).padStart(7)} MB/s`);
}
const ratio = (label) => (best.get('read floor') / best.get(label)).toFixed(2);
console.log(`throughput / read floor: scan ${ratio('read + scan')}, keyword pass alone ${ratio('read + keyword pass only')}, lower-casing alone ${ratio('read + toLowerCase')}`);
console.log(`findings: ${results.get('read + scan')}`);
if (process.argv.includes('--show')) {
  for (const f of files) for (const x of scanner.scan(readFileSync(f, 'utf8'), f).findings) console.log(`${f}:${x.line}:${x.column} ${x.ruleId} ${x.match}`);
}
