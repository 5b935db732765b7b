#!/usr/bin/env node
// `pnpm bench`: keyguard's performance, measured as ratios side by side in one run.
//
//   node bench/run.mjs [scan] [precommit] [eslint] [history] [--profile] [--no-secretlint]
//
// With no section named, all four run in order. Each prints a table and adds its results
// to bench/results/latest.json. Downloads (the corpus, secretlint, the history repo) go to
// a cache outside the workspace, $KEYGUARD_BENCH_CACHE or <tmpdir>/keyguard-bench, and are
// reused. docs/benchmarks.md explains the sections and the figures.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { cacheDir, repoRoot, resultsFile } from './lib/paths.mjs';
import { machine, note, saveSection } from './lib/report.mjs';

const sections = {
  scan: () => import('./sections/scan.mjs'),
  precommit: () => import('./sections/precommit.mjs'),
  eslint: () => import('./sections/eslint.mjs'),
  history: () => import('./sections/history.mjs'),
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    profile: { type: 'boolean', default: false },
    'no-secretlint': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`usage: node bench/run.mjs [${Object.keys(sections).join('] [')}] [--profile] [--no-secretlint]\n`);
  process.exit(0);
}
const unknown = positionals.filter((name) => !(name in sections));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown section ${unknown.join(', ')}; sections are ${Object.keys(sections).join(', ')}\n`);
  process.exit(2);
}
const chosen = positionals.length > 0 ? positionals : Object.keys(sections);

const m = machine();
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
process.stdout.write(`keyguard bench @ ${commit} — ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}, load ${m.loadAverage.join(' ')}\n`);
process.stdout.write(`cache: ${cacheDir}\n`);

let failed = false;
for (const name of chosen) {
  const started = Date.now();
  try {
    const section = await sections[name]();
    const result = await section.run({
      profile: values.profile,
      skipSecretlint: values['no-secretlint'],
    });
    saveSection(name, { commit, seconds: Math.round((Date.now() - started) / 1000), ...result });
  } catch (error) {
    failed = true;
    process.stdout.write(`\n${name}: failed — ${error instanceof Error ? error.message : String(error)}\n`);
    saveSection(name, { commit, error: String(error instanceof Error ? error.message : error) });
  }
  note(`(${name}: ${Math.round((Date.now() - started) / 1000)} s)`);
}
process.stdout.write(`\nresults: ${resultsFile}\n`);
process.exitCode = failed ? 1 : 0;
