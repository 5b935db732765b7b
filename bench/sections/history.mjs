// Section 4: history scan. A real project's history is rebuilt from its published
// releases — the npm tarballs of every stable eslint release from 4.0.0 to 10.15.0
// unpacked into a temp git repo, one commit per release — then scanned with `keyguard scan --history` on the default thread
// count and with `--threads 1`, beside the cost of git producing the patches at all.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git, initRepo, probeKeyguard } from '../lib/keyguard.mjs';
import { measure, median } from '../lib/measure.mjs';
import { cacheDir, keyguardBin } from '../lib/paths.mjs';
import { note, printTable, round } from '../lib/report.mjs';

// eslint: a large, long-lived JS project; its stable releases 4.0.0 … 10.15.0 make a
// history of a few hundred commits, past the count at which keyguard uses worker threads
// by default. The list is read from the registry once, when the repo is built.
const PACKAGE = 'eslint';
const RANGE = { from: [4, 0, 0], to: [10, 15, 0] };
const MB = 1e6;

const historyRoot = path.join(cacheDir, 'history');
const repo = path.join(historyRoot, 'repo');
const stampFile = path.join(historyRoot, 'stamp.json');

/** Builds (once) a git repo whose commits are successive releases of the package. */
export function ensureHistoryRepo(log = (m) => process.stderr.write(`${m}\n`)) {
  const stamp = JSON.stringify({ PACKAGE, RANGE });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return repo;
  rmSync(historyRoot, { recursive: true, force: true });
  mkdirSync(historyRoot, { recursive: true });
  const versions = releasesInRange();
  log(`history: building a ${versions.length}-commit repo from ${PACKAGE} releases in ${historyRoot} (once)`);
  const tarballs = path.join(historyRoot, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  mkdirSync(repo);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs, ...versions.map((v) => `${PACKAGE}@${v}`)], {
    cwd: historyRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  initRepo(repo);
  versions.forEach((version, i) => {
    for (const entry of readdirSync(repo)) if (entry !== '.git') rmSync(path.join(repo, entry), { recursive: true, force: true });
    execFileSync('tar', ['xzf', path.join(tarballs, `${PACKAGE}-${version}.tgz`), '--strip-components=1', '-C', repo]);
    git(repo, ['add', '-A']);
    // Release dates are not in the tarball; a steady clock keeps the repo reproducible.
    const date = new Date(Date.UTC(2017, 5, 1) + i * 7 * 86_400_000).toISOString();
    git(repo, ['commit', '-q', '-m', `${PACKAGE} ${version}`], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  });
  rmSync(tarballs, { recursive: true, force: true });
  writeFileSync(stampFile, stamp);
  return repo;
}

/** Stable releases of the package within RANGE, oldest first. */
function releasesInRange() {
  const all = JSON.parse(execFileSync('npm', ['view', PACKAGE, 'versions', '--json'], { encoding: 'utf8' }));
  const parse = (v) => v.split('.').map(Number);
  const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  return all
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .filter((v) => compare(parse(v), RANGE.from) >= 0 && compare(parse(v), RANGE.to) <= 0)
    .sort((a, b) => compare(parse(a), parse(b)));
}

export async function run({ repeats = 3 } = {}) {
  const probe = probeKeyguard();
  const historyRepo = ensureHistoryRepo();
  const commits = Number(git(historyRepo, ['rev-list', '--count', 'HEAD']).trim());
  const scratch = path.join(os.tmpdir(), `kg-bench-history-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  const patchFile = path.join(scratch, 'log.patch');

  // The floor: git itself producing every commit's added lines (-U0), which any history
  // scan has to read.
  const gitFloorArgs = ['log', '-p', '-U0', '-M', '--no-color', '--no-ext-diff', '--format=%H%x00%aI', 'HEAD'];
  const runs = { 'git log -p -U0': [], 'keyguard (default threads)': [], 'keyguard --threads 1': [] };
  const result = {
    repo: `${PACKAGE} ${RANGE.from.join('.')} … ${RANGE.to.join('.')}, one commit per stable release`,
    commits,
    cores: os.cpus().length,
    repeats,
    keyguard: probe.history.ok ? 'measured' : `not available yet (${probe.history.reason})`,
    threads: probe.threads.ok ? 'measured' : `not available yet (${probe.threads.reason})`,
  };
  const kgArgs = (extra) => [keyguardBin, 'scan', '--history', ...extra, '--format', 'json'];
  const reports = {};
  try {
    measure('git', gitFloorArgs, { cwd: historyRepo, stdoutFile: patchFile }); // warm-up
    for (let i = 0; i < repeats; i++) {
      runs['git log -p -U0'].push(measure('git', gitFloorArgs, { cwd: historyRepo, stdoutFile: patchFile }));
      if (probe.history.ok) {
        const out = path.join(scratch, 'default.json');
        runs['keyguard (default threads)'].push(measure(process.execPath, kgArgs([]), { cwd: historyRepo, stdoutFile: out }));
        reports.default = out;
      }
      if (probe.threads.ok) {
        const out = path.join(scratch, 'single.json');
        runs['keyguard --threads 1'].push(measure(process.execPath, kgArgs(['--threads', '1']), { cwd: historyRepo, stdoutFile: out }));
        reports.single = out;
      }
    }
    result.patchBytes = readFileSync(patchFile).length;
    for (const [name, file] of Object.entries(reports)) {
      const report = JSON.parse(readFileSync(file, 'utf8'));
      result[`${name}Report`] = { findings: report.findings.length, stats: { ...report.stats, skipped: report.stats?.skipped?.length } };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const rows = [];
  result.runs = {};
  for (const [name, list] of Object.entries(runs)) {
    if (list.length === 0) continue;
    const failed = list.find((r) => r.exitCode !== 0 && r.exitCode !== 1);
    if (failed) throw new Error(`${name} failed (exit ${failed.exitCode}): ${failed.stderr.slice(0, 500)}`);
    const wallMs = median(list.map((r) => r.wallMs));
    result.runs[name] = {
      wallMs: round(wallMs, 0),
      runsMs: list.map((r) => round(r.wallMs, 0)),
      patchMbPerS: round(result.patchBytes / MB / (wallMs / 1000), 1),
      commitsPerS: round(commits / (wallMs / 1000), 1),
      maxRssMb: round(Math.max(...list.map((r) => r.maxRssMb ?? Number.NaN)), 0),
      cpuS: round(median(list.map((r) => r.cpuS)), 2),
    };
  }
  const single = result.runs['keyguard --threads 1'];
  const scannedBytes = { 'keyguard (default threads)': result.defaultReport?.stats?.bytes, 'keyguard --threads 1': result.singleReport?.stats?.bytes };
  for (const [name, m] of Object.entries(result.runs)) {
    if (scannedBytes[name]) m.scannedMbPerS = round(scannedBytes[name] / MB / (m.wallMs / 1000), 1);
    rows.push({
      run: name,
      'wall s': round(m.wallMs / 1000, 2),
      'commits/s': m.commitsPerS,
      'patch MB/s': m.patchMbPerS,
      'scanned MB/s': m.scannedMbPerS,
      'speed-up vs 1 thread': single ? round(single.wallMs / m.wallMs, 2) : undefined,
      'peak RSS MB': m.maxRssMb,
      'CPU s': m.cpuS,
    });
  }
  printTable(`History scan: ${result.repo} (${commits} commits, ${round(result.patchBytes / MB, 1)} MB of -U0 patches), median of ${repeats}`, rows);
  const scanned = result.defaultReport ?? result.singleReport;
  if (scanned) note(`keyguard scanned ${scanned.stats?.files} file versions, ${round(scanned.stats?.bytes / MB, 1)} MB of added lines; ${scanned.findings} findings`);
  note('CPU s and peak RSS include child processes (git log -p runs under keyguard).');
  if (!probe.history.ok) note(`keyguard scan --history: not available yet — ${probe.history.reason}`);
  else if (!probe.threads.ok) note(`keyguard --threads: not available yet — ${probe.threads.reason}`);
  if (result.runs['keyguard (default threads)'] && single) {
    result.threadSpeedup = round(single.wallMs / result.runs['keyguard (default threads)'].wallMs, 2);
  }
  return result;
}
