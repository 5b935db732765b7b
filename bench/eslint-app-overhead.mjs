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
// The app is excalidraw (a large React + TypeScript monorepo, ~650 files linted), cloned once at a
// pinned tag into $KEYGUARD_BENCH_CACHE or <tmpdir>/keyguard-bench; KEYGUARD_BENCH_APP=<dir>
// lints another checkout instead (no network needed).
//
//   node bench/eslint-app-overhead.mjs        (needs `pnpm build` first)
//
// Progress goes to stderr; stdout is one JSON summary (bench/sections/eslint.mjs keeps it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importUrl, median, runEslint, writeConfigs } from './lib/eslint-runs.mjs';

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
    aim: { maxWallOverheadPct: 5, keyguardWallOverheadPct: rows[2].wallOverheadPct, met: rows[2].wallOverheadPct <= 5 },
  })}\n`,
);

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
