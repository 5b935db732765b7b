// Tables on stdout and the results file that every section adds its part to.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resultsFile } from './paths.mjs';

/** Prints rows (objects with the same keys) as an aligned text table. */
export function printTable(title, rows) {
  process.stdout.write(`\n${title}\n`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const cells = rows.map((row) => columns.map((c) => format(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of cells) process.stdout.write(`${line(row)}\n`);
}

function format(value) {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  }
  return String(value);
}

export function note(message) {
  process.stdout.write(`  ${message}\n`);
}

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Merges one section's results into bench/results/latest.json, keeping the other sections. */
export function saveSection(name, data) {
  let all = {};
  if (existsSync(resultsFile)) {
    try {
      all = JSON.parse(readFileSync(resultsFile, 'utf8'));
    } catch {
      all = {};
    }
  }
  all.sections ??= {};
  all.sections[name] = { ...data, finishedAt: new Date().toISOString(), machine: machine() };
  all.updatedAt = new Date().toISOString();
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(all, null, 2)}\n`);
}

export const round = (value, digits = 2) =>
  value === undefined || !Number.isFinite(value) ? undefined : Math.round(value * 10 ** digits) / 10 ** digits;
