// What bench/eslint-overhead.mjs and bench/eslint-app-overhead.mjs share: flat config files
// that differ only in their last lines, one timed run of the real ESLint CLI (wall and CPU
// time, its JSON results and ESLint's own per-rule timer), the median of samples, and one
// run's instruction count under valgrind.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A file URL as a JavaScript string literal, for an `import` in a generated config. */
export const importUrl = (file) => JSON.stringify(pathToFileURL(file).href);

/** Writes `<dir>/<name>.mjs` = `common` + body for each body; returns the files by name. */
export function writeConfigs(dir, common, bodies) {
  mkdirSync(dir, { recursive: true });
  const files = {};
  for (const [name, body] of Object.entries(bodies)) {
    files[name] = path.join(dir, `${name}.mjs`);
    writeFileSync(files[name], `${common}\n${body}\n`);
  }
  return files;
}

/**
 * One ESLint CLI run in `cwd` with `config`: wall time (hrtime around the child), CPU time (a
 * module preloaded into the ESLint process writes `process.cpuUsage()` when it exits), the JSON
 * results, and with `timed` ESLint's per-rule time (TIMING=all) as [rule, ms] pairs.
 */
export function runEslint({ eslintBin, config, cwd, cacheRoot, timed = false, args = [] }) {
  mkdirSync(cacheRoot, { recursive: true });
  const output = path.join(cacheRoot, 'last-report.json');
  const cpuFile = path.join(cacheRoot, 'last-cpu.json');
  rmSync(cpuFile, { force: true });
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', cpuReporter(cacheRoot), eslintBin, ...args, '--config', config, '--format', 'json', '--output-file', output, '.'], {
    cwd,
    env: { ...process.env, KG_CPU_FILE: cpuFile, ...(timed ? { TIMING: 'all' } : {}) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0 && child.status !== 1) throw new Error(`eslint --config ${config} exited ${child.status}:\n${child.stderr}`);
  const results = JSON.parse(readFileSync(output, 'utf8'));
  const { user, system } = JSON.parse(readFileSync(cpuFile, 'utf8'));
  // TIMING prints "Rule | Time (ms) | Relative" rows to stdout.
  const ruleTimes = [];
  for (const line of child.stdout.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length >= 2 && /^[@\w][\w/@-]*$/.test(cells[0] ?? '') && /^[\d.]+$/.test(cells[1] ?? '')) ruleTimes.push([cells[0], Number(cells[1])]);
  }
  return { ms, cpuMs: (user + system) / 1000, results, ruleTimes };
}

/** A module preloaded into the ESLint process that writes its CPU time when it exits. */
function cpuReporter(cacheRoot) {
  const file = path.join(cacheRoot, 'cpu-reporter.mjs');
  writeFileSync(file, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.KG_CPU_FILE, JSON.stringify(process.cpuUsage())));\n");
  return pathToFileURL(file).href;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const inOrder = fileURLToPath(new URL('eslint-in-order.mjs', import.meta.url));

/**
 * The instructions one ESLint run executes, counted by valgrind (`tool`: `cachegrind` with its
 * cache simulation off, ~20x slower than a plain run, or `callgrind`, ~50x): the same work gives
 * the same count whatever else the machine is doing, where wall and CPU time move with the load.
 * `files` (relative to `cwd`) are linted one at a time in that order by eslint-in-order.mjs
 * (ESLint's API as the CLI uses it, minus the CLI's concurrent reads, whose order varies). Node
 * runs with `--single-threaded` (V8 compiles and collects garbage on the main thread, not on
 * helper threads whose timing varies), `--predictable-gc-schedule` (heap sizes that do not
 * follow measured time), no incremental marking, scavenge tasks or memory reducer (time-sliced
 * marking steps and GCs run from the event loop's tasks fall at other points in every run:
 * `--trace-gc` showed a different sequence of collections each time until these were off, the
 * same 102 collections after), fixed hash and random seeds, and without NODE_EXTRA_CA_CERTS
 * (certificates some environments load into every Node process at start-up; not ESLint's
 * work). Resolves to the count, the results and the seconds the run took.
 */
export function countEslintInstructions({ eslintBin, config, cwd, cacheRoot, files, tool = 'cachegrind', tag }) {
  mkdirSync(cacheRoot, { recursive: true });
  const out = path.join(cacheRoot, `${tag}.${tool}.out`);
  const report = path.join(cacheRoot, `${tag}.report.json`);
  rmSync(out, { force: true });
  const valgrindArgs = tool === 'cachegrind' ? ['--tool=cachegrind', '--cache-sim=no', `--cachegrind-out-file=${out}`] : ['--tool=callgrind', `--callgrind-out-file=${out}`];
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.TIMING;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const node = [process.execPath, '--single-threaded', '--predictable-gc-schedule', '--no-incremental-marking', '--no-minor-gc-task', '--no-memory-reducer', '--hash-seed=1', '--random-seed=1'];
    const child = spawn('valgrind', [...valgrindArgs, ...node, inOrder, path.join(path.dirname(eslintBin), '../lib/api.js'), config, report, ...files], {
      cwd,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20000)));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0 && status !== 1) return reject(new Error(`valgrind eslint --config ${config} exited ${status}:\n${stderr}`));
      // callgrind writes "totals: N", cachegrind "summary: N" (the first event is Ir).
      const counts = readFileSync(out, 'utf8').match(/^(?:totals|summary):\s+(\d+)/m);
      if (!counts) return reject(new Error(`no instruction count in ${out}`));
      rmSync(out, { force: true });
      resolve({ instructions: Number(counts[1]), results: JSON.parse(readFileSync(report, 'utf8')), seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    });
  });
}

/** Whether `valgrind` can be run here. */
export function hasValgrind() {
  return spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status === 0;
}
