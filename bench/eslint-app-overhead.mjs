#!/usr/bin/env node
// What @keyguard/eslint-plugin adds to the lint a team already runs: the real ESLint CLI on
// a large real app with `@eslint/js` recommended + typescript-eslint recommended, with and
// without `keyguard.configs.recommended`, side by side in one run. Aim (issue 12): at most
// 5% more wall time.
//
// Wall time on a shared machine drifts by more than the difference measured, so the run also
// records ESLint's own per-rule timer (TIMING=all): keyguard's rules' time against all rules'
// (a rule's time there includes its per-file `create`). A third config, keyguard's configs with
// every rule turned off, is the cost outside the rules: loading the plugin and its parser/JSX
// configs. KEYGUARD_BENCH_PLUGIN_OLD=<another build's dist/index.js> adds that build as a fourth
// config, interleaved with the others, to compare two builds in one run.
//
// Wall and CPU time on a shared machine move by more than 5% between rounds of the same
// config, so the summary says "not separable" (and no `met`) when the spread of the baseline's
// own rounds is larger than the distance between the measured overhead and the aim. A verdict
// that holds whatever the load comes from counting instructions instead:
//
//   KEYGUARD_BENCH_ESLINT_INSTR=1 node bench/eslint-app-overhead.mjs
//
// runs ESLint under valgrind (cachegrind without its cache simulation, ~20x slower; or
// KEYGUARD_BENCH_ESLINT_INSTR_TOOL=callgrind, ~50x), so on a fixed subset of the app: every
// 20th file of the sorted list the configs lint, KEYGUARD_BENCH_ESLINT_INSTR_STEP=<n> for every
// n-th), baseline and keyguard each KEYGUARD_BENCH_ESLINT_INSTR_REPEAT times (default 2; the
// baseline's counts agree to 0.1%, keyguard's moved 4% in 2026-12 runs: docs/benchmarks.md,
// h32 section), two runs at a time (KEYGUARD_BENCH_ESLINT_INSTR_JOBS), plus
// one run of each config on half the subset (every 2n-th file). A small subset weighs the
// one-time costs (Node and ESLint start-up, the plugin's import, the project walks keyguard
// does once per run) far more than the whole app does, so the summary gives the subset's
// ratio and, per config, the whole app's estimate from the line through the two sizes:
// fixed + per-file x (all files), fixed and per-file from (half, subset). Needs valgrind.
//
// The app is excalidraw (a large React + TypeScript monorepo, ~650 files linted), cloned once at a
// pinned tag into $KEYGUARD_BENCH_CACHE or <tmpdir>/keyguard-bench; KEYGUARD_BENCH_APP=<dir>
// lints another checkout instead (no network needed).
//
//   node bench/eslint-app-overhead.mjs        (needs `pnpm build` first)
//
// Progress goes to stderr; stdout is one JSON summary (bench/sections/eslint.mjs keeps it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countEslintInstructions, hasValgrind, importUrl, median, runEslint, writeConfigs } from './lib/eslint-runs.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const cacheRoot = path.join(process.env.KEYGUARD_BENCH_CACHE ?? path.join(os.tmpdir(), 'keyguard-bench'), 'eslint-app');
const rounds = Number(process.env.KEYGUARD_BENCH_ESLINT_ROUNDS ?? 3);
const APP = { repository: 'https://github.com/excalidraw/excalidraw.git', tag: 'v0.18.0' };
const log = (message) => process.stderr.write(`eslint-app-overhead: ${message}\n`);

const resolveFrom = (specifier) => path.join(repoRoot, 'node_modules', specifier);
const eslintBin = resolveFrom('eslint/bin/eslint.js');
const pluginDist = path.join(repoRoot, 'packages/eslint-plugin/dist/index.js');
const eslintJs = resolveFrom('@eslint/js/src/index.js');
const typescriptEslint = resolveFrom('typescript-eslint/dist/index.js');
for (const file of [eslintBin, pluginDist, eslintJs, typescriptEslint]) {
  if (!existsSync(file)) {
    log(`${file} is missing: run \`npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 build\``);
    process.exit(2);
  }
}

const app = appTree();
if (app === undefined) {
  process.stdout.write(`${JSON.stringify({ status: 'not measured: no app tree (set KEYGUARD_BENCH_APP=<dir> or allow the git clone)' })}\n`);
  process.exit(0);
}
const configs = writeAppConfigs();
log(`app: ${app}`);
if (process.env.KEYGUARD_BENCH_ESLINT_INSTR === '1') {
  await instructionMode();
  process.exit(0);
}
log('warm-up run');
lint(configs.baseline);

const names = ['baseline', 'keyguard-rules-off', 'with-keyguard', ...(configs['with-old-keyguard'] ? ['with-old-keyguard'] : [])];
const samples = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]));
const counts = {};
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 === 1 ? names : [...names].reverse();
  for (const name of order) {
    const result = lint(configs[name]);
    samples[name].wall.push(result.ms);
    samples[name].cpu.push(result.cpuMs);
    counts[name] = result;
    log(`round ${round}/${rounds}: ${name.padEnd(12)} ${result.ms.toFixed(0)} ms wall, ${result.cpuMs.toFixed(0)} ms CPU, ${result.files} files, ${result.keyguard} keyguard findings`);
  }
}

const timing = lint(configs['with-keyguard'], true);
log(`rule time (TIMING): keyguard ${timing.keyguardRuleMs.toFixed(0)} ms of ${timing.allRuleMs.toFixed(0)} ms for all rules`);

const pct = (value, base) => Number((((value - base) / base) * 100).toFixed(1));
const base = { wall: median(samples.baseline.wall), cpu: median(samples.baseline.cpu) };
const row = (config, name) => ({
  config,
  wallMs: Math.round(median(samples[name].wall)),
  wallOverheadPct: pct(median(samples[name].wall), base.wall),
  cpuMs: Math.round(median(samples[name].cpu)),
  cpuOverheadPct: pct(median(samples[name].cpu), base.cpu),
  files: counts[name].files,
  keyguardFindings: counts[name].keyguard,
});
const rows = [
  row('@eslint/js recommended + typescript-eslint recommended', 'baseline'),
  row('the same + keyguard recommended with its rules off (plugin load, parser/JSX configs)', 'keyguard-rules-off'),
  row('the same + @keyguard/eslint-plugin recommended', 'with-keyguard'),
  ...(configs['with-old-keyguard'] ? [row(`the same + keyguard recommended from ${process.env.KEYGUARD_BENCH_PLUGIN_OLD}`, 'with-old-keyguard')] : []),
];
process.stdout.write(
  `${JSON.stringify({
    app: process.env.KEYGUARD_BENCH_APP ?? `${APP.repository}#${APP.tag}`,
    eslint: execFileSync(process.execPath, [eslintBin, '--version'], { encoding: 'utf8' }).trim(),
    node: process.version,
    rounds,
    rows,
    ruleTime: {
      keyguardMs: Math.round(timing.keyguardRuleMs),
      allRulesMs: Math.round(timing.allRuleMs),
      keyguardPctOfBaselineCpu: Number(((timing.keyguardRuleMs / base.cpu) * 100).toFixed(1)),
    },
    aim: wallVerdict(rows[2].wallOverheadPct, samples.baseline.wall),
  })}\n`,
);

/**
 * The aim judged by wall time, only where the rounds can tell: the baseline's own spread
 * (max - min over its median) must be smaller than the distance from the measured overhead to
 * the aim, else "not separable" and no `met`.
 */
function wallVerdict(overheadPct, baselineWall) {
  const maxWallOverheadPct = 5;
  const spreadPct = Number((((Math.max(...baselineWall) - Math.min(...baselineWall)) / median(baselineWall)) * 100).toFixed(1));
  const common = { maxWallOverheadPct, keyguardWallOverheadPct: overheadPct, baselineWallSpreadPct: spreadPct };
  let verdict;
  if (baselineWall.length < 3) verdict = 'not separable: fewer than 3 rounds give no spread';
  else if (overheadPct + spreadPct <= maxWallOverheadPct) return { ...common, verdict: 'met by wall time', met: true };
  else if (overheadPct - spreadPct > maxWallOverheadPct) return { ...common, verdict: 'not met by wall time', met: false };
  else verdict = `not separable: the baseline's own rounds spread ${spreadPct}%, more than the distance from ${overheadPct}% to the aim's ${maxWallOverheadPct}%`;
  log(`aim (<= ${maxWallOverheadPct}% wall): ${verdict}; count instructions instead (KEYGUARD_BENCH_ESLINT_INSTR=1)`);
  return { ...common, verdict };
}

/** The aim judged by instruction counts (see the header). */
async function instructionMode() {
  if (!hasValgrind()) {
    process.stdout.write(`${JSON.stringify({ status: 'not measured: valgrind is not installed (KEYGUARD_BENCH_ESLINT_INSTR=1 needs it)' })}\n`);
    return;
  }
  const env = process.env;
  const step = Number(env.KEYGUARD_BENCH_ESLINT_INSTR_STEP ?? 20);
  const repeats = Number(env.KEYGUARD_BENCH_ESLINT_INSTR_REPEAT ?? 2);
  const jobs = Number(env.KEYGUARD_BENCH_ESLINT_INSTR_JOBS ?? Math.min(2, os.availableParallelism()));
  const tool = env.KEYGUARD_BENCH_ESLINT_INSTR_TOOL ?? 'cachegrind';
  const all = lintedFiles(app);
  const subset = all.filter((_, index) => index % step === 0);
  const half = all.filter((_, index) => index % (2 * step) === 0);
  log(`instructions (${tool}): every ${step}th of ${all.length} files = ${subset.length} files, ${repeats} runs per config, and every ${2 * step}th = ${half.length} files once, ${jobs} at a time`);
  const names = ['baseline', 'with-keyguard'];
  const tasks = [];
  for (let repeat = 1; repeat <= repeats; repeat++) for (const name of names) tasks.push({ name, files: subset, tag: `${name}-${repeat}`, kind: 'subset' });
  for (const name of names) tasks.push({ name, files: half, tag: `${name}-half`, kind: 'half' });
  const done = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      const run = await countEslintInstructions({ eslintBin, config: configs[task.name], cwd: app, cacheRoot: path.join(cacheRoot, 'instructions'), files: task.files, tool, tag: task.tag });
      if (run.results.length !== task.files.length) throw new Error(`${task.tag}: ESLint linted ${run.results.length} of ${task.files.length} files`);
      const fatal = run.results.filter((file) => file.messages.some((message) => message.fatal)).length;
      const messages = run.results.reduce((sum, file) => sum + file.messages.length, 0);
      const keyguard = run.results.reduce((sum, file) => sum + file.messages.filter((m) => (m.ruleId ?? '').startsWith('@keyguard/')).length, 0);
      done.push({ ...task, instructions: run.instructions, messages, keyguard, fatal });
      log(`${task.tag.padEnd(22)} ${(run.instructions / 1e9).toFixed(3)} G instructions, ${task.files.length} files, ${messages} messages (${keyguard} keyguard, ${fatal} fatal), ${run.seconds.toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const counts = (name, kind) => done.filter((run) => run.name === name && run.kind === kind).sort((a, b) => a.tag.localeCompare(b.tag));
  const runs = Object.fromEntries(names.map((name) => [name, counts(name, 'subset').map((run) => run.instructions)]));
  const other = (name) => counts(name, 'subset')[0].messages - counts(name, 'subset')[0].keyguard;
  if (other('baseline') !== other('with-keyguard')) throw new Error(`the configs' other rules differ: ${other('baseline')} vs ${other('with-keyguard')} messages`);
  const spread = (values) => ((Math.max(...values) - Math.min(...values)) / Math.min(...values)) * 100;
  const spreadPct = Math.max(...names.map((name) => spread(runs[name])));
  const pct = (value, base) => Number((((value - base) / base) * 100).toFixed(2));
  const subsetOverheadPct = pct(median(runs['with-keyguard']), median(runs.baseline));
  const halves = Object.fromEntries(names.map((name) => [name, counts(name, 'half')[0].instructions]));
  // The whole app from the line through (half, subset): fixed + per-file x all files.
  const wholeApp = (full, halfCount) => full + ((full - halfCount) / (subset.length - half.length)) * (all.length - subset.length);
  const whole = Object.fromEntries(names.map((name) => [name, wholeApp(median(runs[name]), halves[name])]));
  const appOverheadPct = pct(whole['with-keyguard'], whole.baseline);
  // What the runs' own spread allows: each config's extremes, its half-subset run moved by the
  // same relative spread the other way (the extrapolation multiplies any error in the slope).
  const extremes = (name) => {
    const r = spread(runs[name]) / 100;
    const candidates = [Math.min(...runs[name]), Math.max(...runs[name])].flatMap((full) => [wholeApp(full, halves[name] * (1 - r)), wholeApp(full, halves[name] * (1 + r))]);
    return [Math.min(...candidates), Math.max(...candidates)];
  };
  const [baseLow, baseHigh] = extremes('baseline');
  const [keyguardLow, keyguardHigh] = extremes('with-keyguard');
  const appRangePct = [pct(keyguardLow, baseHigh), pct(keyguardHigh, baseLow)];
  const subsetRangePct = [pct(Math.min(...runs['with-keyguard']), Math.max(...runs.baseline)), pct(Math.max(...runs['with-keyguard']), Math.min(...runs.baseline))];
  const maxOverheadPct = 5;
  let verdict;
  let met;
  if (appRangePct[1] <= maxOverheadPct) [verdict, met] = ['met by instruction count', true];
  else if (appRangePct[0] > maxOverheadPct) [verdict, met] = ['not met by instruction count', false];
  else verdict = `not separable: the runs spread ${spreadPct.toFixed(2)}%, so the whole app's overhead lies between ${appRangePct[0]}% and ${appRangePct[1]}%`;
  log(`subset: ${subsetOverheadPct}% (${subsetRangePct.join(' to ')}%); whole app (estimate): ${appOverheadPct}% (${appRangePct.join(' to ')}%); runs spread ${spreadPct.toFixed(2)}%: ${verdict}`);
  process.stdout.write(
    `${JSON.stringify({
      app: env.KEYGUARD_BENCH_APP ?? `${APP.repository}#${APP.tag}`,
      eslint: execFileSync(process.execPath, [eslintBin, '--version'], { encoding: 'utf8' }).trim(),
      node: process.version,
      measure: `instructions (valgrind --tool=${tool}; ESLint's API, files one at a time in sorted order; node --single-threaded --predictable-gc-schedule --no-incremental-marking --no-minor-gc-task --no-memory-reducer, fixed seeds)`,
      files: { all: all.length, subset: subset.length, half: half.length, step },
      instructions: {
        baseline: runs.baseline,
        withKeyguard: runs['with-keyguard'],
        halfBaseline: halves.baseline,
        halfWithKeyguard: halves['with-keyguard'],
        spreadPct: Number(spreadPct.toFixed(2)),
      },
      rows: [
        { config: '@eslint/js recommended + typescript-eslint recommended', subsetInstructions: median(runs.baseline), subsetOverheadPct: 0, appEstimateInstructions: Math.round(whole.baseline), appOverheadPct: 0, keyguardFindings: 0 },
        { config: 'the same + @keyguard/eslint-plugin recommended', subsetInstructions: median(runs['with-keyguard']), subsetOverheadPct, subsetRangePct: subsetRangePct.join(' to '), appEstimateInstructions: Math.round(whole['with-keyguard']), appOverheadPct, appRangePct: appRangePct.join(' to '), keyguardFindings: counts('with-keyguard', 'subset')[0].keyguard },
      ],
      aim: { maxOverheadPct, keyguardOverheadPct: appOverheadPct, keyguardOverheadRangePct: appRangePct, verdict, ...(met === undefined ? {} : { met }) },
    })}\n`,
  );
}

/** The files the configs lint, sorted: every JS/TS file outside the configs' ignores. */
function lintedFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', 'build', 'vendor', '.git'].includes(entry.name)) walk(file);
      } else if (entry.isFile() && /\.(?:js|jsx|mjs|cjs|ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.min.js')) {
        files.push(path.relative(root, file));
      }
    }
  };
  walk(root);
  return files.sort();
}

function appTree() {
  if (process.env.KEYGUARD_BENCH_APP) return path.resolve(process.env.KEYGUARD_BENCH_APP);
  const dir = path.join(cacheRoot, `excalidraw-${APP.tag}`);
  if (existsSync(path.join(dir, 'package.json'))) return dir;
  log(`cloning ${APP.repository} at ${APP.tag} into ${dir} (once; reused later)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(cacheRoot, { recursive: true });
  const clone = spawnSync('git', ['clone', '--quiet', '--depth', '1', '--branch', APP.tag, APP.repository, dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (clone.status !== 0) {
    log(`git clone failed (exit ${clone.status}); set KEYGUARD_BENCH_APP to a local checkout of a large app`);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return dir;
}

/** Two flat configs that differ only in keyguard's recommended config. */
function writeAppConfigs() {
  const common = `
import js from ${importUrl(eslintJs)};
import tseslint from ${importUrl(typescriptEslint)};
const base = [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/*.min.js', '**/*.d.ts', '**/vendor/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
];`;
  const rulesOff = (plugin) =>
    `import keyguard from ${importUrl(plugin)};\n` +
    'export default [...base, ...keyguard.configs.recommended.map((config) => config.rules === undefined ? config : { ...config, rules: Object.fromEntries(Object.keys(config.rules).map((rule) => [rule, "off"])) })];';
  const oldPlugin = process.env.KEYGUARD_BENCH_PLUGIN_OLD;
  return writeConfigs(path.join(cacheRoot, 'configs'), common, {
    baseline: 'export default base;',
    'keyguard-rules-off': rulesOff(pluginDist),
    'with-keyguard': `import keyguard from ${importUrl(pluginDist)};\nexport default [...base, ...keyguard.configs.recommended];`,
    ...(oldPlugin ? { 'with-old-keyguard': `import keyguard from ${importUrl(path.resolve(oldPlugin))};\nexport default [...base, ...keyguard.configs.recommended];` } : {}),
  });
}

function lint(config, timed = false) {
  const run = runEslint({ eslintBin, config, cwd: app, cacheRoot, timed, args: ['--no-config-lookup'] });
  const keyguard = run.results.reduce((sum, file) => sum + file.messages.filter((m) => (m.ruleId ?? '').startsWith('@keyguard/')).length, 0);
  const sum = (times) => times.reduce((total, [, ms]) => total + ms, 0);
  return {
    ms: run.ms,
    cpuMs: run.cpuMs,
    files: run.results.length,
    keyguard,
    keyguardRuleMs: sum(run.ruleTimes.filter(([rule]) => rule.startsWith('@keyguard/'))),
    allRuleMs: sum(run.ruleTimes),
  };
}
