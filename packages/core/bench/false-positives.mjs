#!/usr/bin/env node
// Sweeps folders of clean, real-world text (package sources, docs) and lists every finding:
// each one is a false-positive candidate to look at. Run after `pnpm build`:
//   node packages/core/bench/false-positives.mjs node_modules/.pnpm /usr/share/doc
// Never point it at folders that may hold real credentials.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner } from '../dist/index.js';

const scanner = createScanner();
const BINARY = /\.(?:png|jpe?g|gif|webp|woff2?|ttf|otf|eot|node|wasm|gz|tgz|zip|ico|map|pdf)$/i;
let files = 0;
let bytes = 0;
const findings = [];

function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile() && !BINARY.test(entry.name)) {
      if (statSync(path).size > 3 * 1024 * 1024) continue;
      const text = readFileSync(path, 'utf8');
      if (text.includes('\u0000')) continue;
      files++;
      bytes += text.length;
      for (const f of scanner.scan(text, path).findings) findings.push(`${path}:${f.line}:${f.column} ${f.ruleId} ${f.match}`);
    }
  }
}

for (const dir of process.argv.slice(2)) walk(dir);
console.log(`${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${findings.length} findings`);
for (const line of findings.slice(0, 200)) console.log(line);
