// Section 3: ESLint overhead. The ESLint plugin's own script, bench/eslint-overhead.mjs,
// measures ESLint with the recommended config against ESLint with no rules (and against
// eslint-plugin-no-secrets) and prints a JSON summary; bench/eslint-app-overhead.mjs
// measures what the plugin adds to @eslint/js + typescript-eslint recommended on a large
// real app. This section runs both and keeps their summaries.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { benchDir, repoRoot } from '../lib/paths.mjs';
import { note, printTable } from '../lib/report.mjs';

const script = path.join(benchDir, 'eslint-overhead.mjs');
const appScript = path.join(benchDir, 'eslint-app-overhead.mjs');

export async function run() {
  const tree = runScript(script, 'ESLint overhead');
  const app = runScript(appScript, 'ESLint overhead on a real app, over what teams already run');
  return { ...tree, app };
}

function runScript(script, title) {
  if (!existsSync(script)) {
    note(`${title}: not available — ${script} does not exist`);
    return { status: `not available (${path.basename(script)} missing)` };
  }
  const child = spawnSync(process.execPath, [script], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = lastJson(child.stdout ?? '');
  if (child.status !== 0 || summary === undefined) {
    note(`${title}: ${path.basename(script)} failed (exit ${child.status}); its output:`);
    process.stdout.write(child.stdout ?? '');
    return { status: `failed (exit ${child.status})`, output: (child.stdout ?? '').slice(-2000) };
  }
  const rows = tableRows(summary);
  if (rows) printTable(`${title} (from bench/${path.basename(script)})`, rows);
  else process.stdout.write(`\n${title} (from bench/${path.basename(script)})\n${JSON.stringify(summary, null, 2)}\n`);
  return { status: 'measured', summary };
}

/** The script's JSON summary: all of stdout, or else its last line that parses. */
function lastJson(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    const lines = stdout.trim().split('\n').reverse();
    for (const line of lines) {
      try {
        return JSON.parse(line);
      } catch {
        // not this line
      }
    }
  }
  return undefined;
}

/** A table when the summary holds a list of flat rows (or an object of flat rows). */
function tableRows(summary) {
  const candidates = Array.isArray(summary)
    ? summary
    : Object.values(summary).find((v) => Array.isArray(v) && v.every((r) => r && typeof r === 'object'));
  if (Array.isArray(candidates) && candidates.length > 0 && candidates.every(isFlat)) return candidates;
  const entries = Object.entries(summary).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v));
  if (entries.length > 0 && entries.every(([, v]) => isFlat(v))) return entries.map(([name, v]) => ({ name, ...v }));
  return undefined;
}

function isFlat(row) {
  return Object.values(row).every((v) => v === null || typeof v !== 'object');
}
