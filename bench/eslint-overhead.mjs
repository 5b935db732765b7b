#!/usr/bin/env node
// ESLint overhead of @keyguard/eslint-plugin: wall time of the real ESLint CLI on a large
// real JS/TS tree with three configs, side by side in one run —
//
//   no rules         the same files, parser and ignores, and no rule at all (the floor)
//   empty rule       one rule that does nothing: what ESLint charges for running any rule
//   keyguard         @keyguard/eslint-plugin's recommended config, from packages/eslint-plugin/dist
//   no-secrets       eslint-plugin-no-secrets' no-secrets rule, the usual alternative
//
// Each run is timed twice: wall clock, and the CPU time (user + system) of the ESLint
// process, which a machine busy with other work disturbs far less. The aim (issue 4): the
// recommended config costs under 5% over ESLint with no rules, judged on CPU time.
// The tree (the hand-written sources of three.js, RxJS and Zod) and eslint-plugin-no-secrets
// are installed once into $KEYGUARD_BENCH_CACHE or <tmpdir>/keyguard-bench, not into the
// workspace. ESLint itself and @typescript-eslint/parser are the workspace's own.
//
//   node bench/eslint-overhead.mjs            (needs `pnpm build` first)
//   KEYGUARD_BENCH_ESLINT_ROUNDS=5 node bench/eslint-overhead.mjs
//
// Progress goes to stderr; stdout is one JSON summary (bench/sections/eslint.mjs keeps it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importUrl, median, runEslint, writeConfigs } from './lib/eslint-runs.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const cacheRoot = path.join(process.env.KEYGUARD_BENCH_CACHE ?? path.join(os.tmpdir(), 'keyguard-bench'), 'eslint-overhead');
const rounds = Number(process.env.KEYGUARD_BENCH_ESLINT_ROUNDS ?? 3);

// Pinned so every run lints the same bytes.
const TREE_PACKAGES = { three: '0.170.0', rxjs: '7.8.2', zod: '3.25.76' };
/** The hand-written sources inside each package (not bundles, not minified files). */
const TREE_FOLDERS = ['three/src', 'three/examples/jsm', 'rxjs/src', 'zod/src'];
const NO_SECRETS = { 'eslint-plugin-no-secrets': '2.3.3' };
const FILES = '**/*.{js,mjs,cjs,ts,mts,cts}';

const log = (message) => process.stderr.write(`eslint-overhead: ${message}\n`);

const eslintBin = path.join(repoRoot, 'node_modules/eslint/bin/eslint.js');
const pluginDist = path.join(repoRoot, 'packages/eslint-plugin/dist/index.js');
const tsParser = path.join(repoRoot, 'node_modules/@typescript-eslint/parser/dist/index.js');
for (const [file, what] of [
  [eslintBin, 'eslint (run `npx -y pnpm@10.34.9 install`)'],
  [tsParser, '@typescript-eslint/parser (run `npx -y pnpm@10.34.9 install`)'],
  [pluginDist, 'the built plugin (run `npx -y pnpm@10.34.9 build`)'],
]) {
  if (!existsSync(file)) {
    process.stderr.write(`eslint-overhead: ${file} is missing: ${what}\n`);
    process.exit(2);
  }
}

const { tree, noSecretsPlugin } = ensureInstalled();
const treeStats = countTree(tree);
log(`tree: ${treeStats.files} files, ${(treeStats.bytes / 1e6).toFixed(1)} MB in ${tree}`);

const configs = writeTreeConfigs();
const eslintVersion = execFileSync(process.execPath, [eslintBin, '--version'], { encoding: 'utf8' }).trim();

// One warm-up run fills the page cache and V8's code cache for every config alike.
log('warm-up run');
lint(configs.none);

const names = ['none', 'emptyRule', 'keyguard', 'noSecrets'];
const samples = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]));
const findings = {};
for (let round = 1; round <= rounds; round++) {
  // Rotate the order each round so drift in machine load falls on every config alike.
  const order = [...names];
  for (let i = 1; i < round; i++) order.push(order.shift());
  for (const name of order) {
    const { ms, cpuMs, count } = lint(configs[name]);
    samples[name].wall.push(ms);
    samples[name].cpu.push(cpuMs);
    findings[name] = count;
    log(`round ${round}/${rounds}: ${name.padEnd(9)} ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, ${count} findings`);
  }
}

// ESLint's own per-rule timer (TIMING=all): the time spent inside the rules, which a loaded
// machine disturbs far less than the wall-clock difference between two whole runs.
const ruleTime = { none: 0, emptyRule: 0, keyguard: lint(configs.keyguard, true).ruleMs, noSecrets: lint(configs.noSecrets, true).ruleMs };
log(`rule time: keyguard ${ruleTime.keyguard.toFixed(0)} ms, no-secrets ${ruleTime.noSecrets.toFixed(0)} ms`);

const floor = { wall: median(samples.none.wall), cpu: median(samples.none.cpu) };
const pct = (value, base) => Number((((value - base) / base) * 100).toFixed(1));
const row = (config, name) => {
  const wall = median(samples[name].wall);
  const cpu = median(samples[name].cpu);
  return {
    config,
    wallMs: Math.round(wall),
    wallMinMs: Math.round(Math.min(...samples[name].wall)),
    wallOverheadPct: pct(wall, floor.wall),
    cpuMs: Math.round(cpu),
    cpuMinMs: Math.round(Math.min(...samples[name].cpu)),
    cpuOverheadPct: pct(cpu, floor.cpu),
    ruleMs: Math.round(ruleTime[name]),
    findings: findings[name],
  };
};
const rows = [
  row('ESLint, no rules', 'none'),
  row('ESLint, one empty rule', 'emptyRule'),
  row('@keyguard/eslint-plugin recommended', 'keyguard'),
  row(`eslint-plugin-no-secrets ${NO_SECRETS['eslint-plugin-no-secrets']}`, 'noSecrets'),
];
const keyguardOverhead = rows[2].cpuOverheadPct;
const summary = {
  eslint: eslintVersion,
  node: process.version,
  cores: os.availableParallelism?.() ?? os.cpus().length,
  tree: { packages: TREE_PACKAGES, folders: TREE_FOLDERS, ...treeStats },
  rounds,
  rows,
  aim: {
    maxOverheadPct: 5,
    measure: 'median CPU time of the ESLint process, recommended config vs no rules',
    keyguardCpuOverheadPct: keyguardOverhead,
    keyguardWallOverheadPct: rows[2].wallOverheadPct,
    // What ESLint itself charges for running any rule, and the plugin's share beyond it.
    emptyRuleCpuOverheadPct: rows[1].cpuOverheadPct,
    keyguardOverEmptyRuleCpuPct: pct(median(samples.keyguard.cpu), median(samples.emptyRule.cpu)),
    met: keyguardOverhead < 5,
  },
  plugin: noSecretsPlugin,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);

/** Installs the tree and eslint-plugin-no-secrets into the cache once; later runs reuse them. */
function ensureInstalled() {
  const stampFile = path.join(cacheRoot, 'stamp.json');
  const stamp = JSON.stringify({ TREE_PACKAGES, TREE_FOLDERS, NO_SECRETS });
  const treeDir = path.join(cacheRoot, 'tree');
  const pluginsDir = path.join(cacheRoot, 'plugins');
  const fresh = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (!fresh) {
    log(`installing ${Object.keys(TREE_PACKAGES).join(', ')} and eslint-plugin-no-secrets into ${cacheRoot} (once; reused later)`);
    rmSync(cacheRoot, { recursive: true, force: true });
    const install = path.join(cacheRoot, 'install');
    mkdirSync(install, { recursive: true });
    writeFileSync(
      path.join(install, 'package.json'),
      JSON.stringify({ name: 'keyguard-eslint-bench', private: true, dependencies: { ...TREE_PACKAGES, ...NO_SECRETS } }, null, 2),
    );
    // --legacy-peer-deps: no-secrets' peer `eslint` is the workspace's, not a second copy.
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error'], {
      cwd: install,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // ESLint never lints node_modules/: move the sources out into plain folders.
    for (const folder of TREE_FOLDERS) {
      const target = path.join(treeDir, folder);
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(install, 'node_modules', folder), target);
    }
    mkdirSync(pluginsDir, { recursive: true });
    renameSync(path.join(install, 'node_modules'), path.join(pluginsDir, 'node_modules'));
    rmSync(install, { recursive: true, force: true });
    writeFileSync(stampFile, stamp);
  }
  return {
    tree: treeDir,
    noSecretsPlugin: `eslint-plugin-no-secrets@${NO_SECRETS['eslint-plugin-no-secrets']}`,
    pluginsDir,
  };
}

function countTree(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'libs') walk(full);
      } else if (/\.(c|m)?[jt]s$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.min.js')) {
        files++;
        bytes += statSync(full).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/** Four flat configs that differ only in their rules. */
function writeTreeConfigs() {
  const noSecretsEntry = createRequire(path.join(cacheRoot, 'plugins', 'resolve.js')).resolve('eslint-plugin-no-secrets');
  const common = `
import tsParser from ${importUrl(tsParser)};
const base = [
  // libs/ holds vendored, minified third-party builds (emscripten output): not source code.
  { ignores: ['**/*.d.ts', '**/*.min.js', '**/libs/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { files: [${JSON.stringify(FILES)}] },
  { files: ['**/*.{ts,mts,cts}'], languageOptions: { parser: tsParser } },
];`;
  return writeConfigs(path.join(cacheRoot, 'configs'), common, {
    none: 'export default base;',
    emptyRule:
      "const empty = { rules: { empty: { create: () => ({ Program() {} }) } } };\nexport default [...base, { plugins: { empty }, rules: { 'empty/empty': 'error' } }];",
    keyguard: `import keyguard from ${importUrl(pluginDist)};\nexport default [...base, ...keyguard.configs.recommended];`,
    noSecrets: `import noSecrets from ${importUrl(noSecretsEntry)};\nexport default [...base, { plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } }];`,
  });
}

/** One ESLint CLI run over the tree: wall and CPU time, the findings, and (timed) rule time. */
function lint(config, timed = false) {
  const { ms, cpuMs, results, ruleTimes } = runEslint({ eslintBin, config, cwd: tree, cacheRoot, timed });
  const fatal = results.flatMap((file) => file.messages.filter((m) => m.fatal).map((m) => `${file.filePath}: ${m.message}`));
  if (fatal.length > 0) throw new Error(`eslint could not parse ${fatal.length} files, e.g. ${fatal[0]}`);
  // Only the measured plugins' findings (the tree's own eslint-disable comments name rules
  // this config does not load, which ESLint reports too).
  const count = results.reduce((sum, file) => sum + file.messages.filter((m) => /^(@keyguard|no-secrets)\//.test(m.ruleId ?? '')).length, 0);
  return { ms, cpuMs, count, ruleMs: ruleTimes.reduce((sum, [, ruleMs]) => sum + ruleMs, 0) };
}
