#!/usr/bin/env node
// Micro-benchmark of the engine: where does the time go on real sources?
// Reads the JS/TS files under node_modules/.pnpm (or the folder given), then measures, on the
// same files, side by side: the raw read floor (read + decode), read + keyword pass only, and
// read + full scan. Run after `pnpm build`:  node packages/core/bench/throughput.mjs [dir] [maxMB]
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

function run(label, fn) {
  // warm-up, then best of 3
  fn();
  let best = Infinity;
  let out;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    out = fn();
    best = Math.min(best, performance.now() - t);
  }
  console.log(`${label.padEnd(28)} ${best.toFixed(0).padStart(6)} ms  ${(mb / (best / 1000)).toFixed(1).padStart(7)} MB/s`);
  return { ms: best, out };
}

console.log(`${files.length} files, ${mb.toFixed(1)} MB from ${root}`);
const floor = run('read floor', () => {
  let n = 0;
  for (const f of files) n += readFileSync(f, 'utf8').length;
  return n;
});
const lower = run('read + toLowerCase', () => {
  let n = 0;
  for (const f of files) n += readFileSync(f, 'utf8').toLowerCase().length;
  return n;
});
const keywords = new KeywordIndex([...new Set(rules.filter((r) => !r.publicByDesign).flatMap((r) => r.keywords)), 'keyguard-ignore']);
const pass = run('read + keyword pass only', () => {
  let hits = 0;
  for (const f of files) keywords.scan(readFileSync(f, 'utf8'), () => hits++);
  return hits;
});
const full = run('read + scan', () => {
  let findings = 0;
  for (const f of files) findings += scanner.scan(readFileSync(f, 'utf8'), f).findings.length;
  return findings;
});
console.log(`scan / floor throughput: ${(floor.ms / full.ms).toFixed(2)}  (keyword pass alone: ${(floor.ms / pass.ms).toFixed(2)}, lower-casing alone: ${(floor.ms / lower.ms).toFixed(2)})`);
console.log(`findings: ${full.out}`);
if (process.argv.includes('--show')) {
  for (const f of files) for (const x of scanner.scan(readFileSync(f, 'utf8'), f).findings) console.log(`${f}:${x.line}:${x.column} ${x.ruleId} ${x.match}`);
}
