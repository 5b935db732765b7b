// Section 4: history scan. Real projects' histories are rebuilt from their published
// releases (npm tarballs unpacked into a temp git repo, one commit per release), then
// scanned with `keyguard scan --history` with worker threads and with `--threads 1`,
// beside the cost of git producing the patches at all:
//   - eslint 4.0.0 … 10.15.0, every stable release: 242 small commits, past the count at
//     which keyguard uses worker threads by default, so it runs on the default setting;
//   - three 0.151.0 … 0.170.0: 20 big commits (a few MB of changed code each), below that
//     count, so the worker run asks for `--threads 2` (one per core here).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git, initRepo, probeKeyguard } from '../lib/keyguard.mjs';
import { measure, median } from '../lib/measure.mjs';
import { cacheDir, keyguardBin } from '../lib/paths.mjs';
import { note, printTable, round } from '../lib/report.mjs';
import { gitLogArgs } from '../../packages/cli/dist/git/log.js';

const MB = 1e6;

const HISTORIES = [
  {
    name: 'eslint',
    package: 'eslint',
    // The list is read from the registry once, when the repo is built.
    versions: () => stableReleases('eslint', [4, 0, 0], [10, 15, 0]),
    describe: 'eslint 4.0.0 … 10.15.0, one commit per stable release',
    folder: 'history',
    workers: { label: 'keyguard (default threads)', args: [] },
  },
  {
    name: 'three',
    package: 'three',
    versions: () => Array.from({ length: 20 }, (_, i) => `0.${151 + i}.0`),
    describe: 'three 0.151.0 … 0.170.0, one commit per release',
    folder: 'history-three',
    workers: { label: 'keyguard --threads 2', args: ['--threads', '2'] },
  },
];

/** Builds (once) a git repo whose commits are successive releases of the package. */
export function ensureHistoryRepo(history, log = (m) => process.stderr.write(`${m}\n`)) {
  const root = path.join(cacheDir, history.folder);
  const repo = path.join(root, 'repo');
  const stampFile = path.join(root, 'stamp.json');
  // `layout` changes when the way the repo is built changes, so an old cache is rebuilt
  const stamp = JSON.stringify({ package: history.package, describe: history.describe, layout: 2 });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return repo;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const versions = history.versions();
  log(`history: building a ${versions.length}-commit repo from ${history.package} releases in ${root} (once)`);
  const tarballs = path.join(root, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  mkdirSync(repo);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs, ...versions.map((v) => `${history.package}@${v}`)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  initRepo(repo);
  versions.forEach((version, i) => {
    for (const entry of readdirSync(repo)) if (entry !== '.git') rmSync(path.join(repo, entry), { recursive: true, force: true });
    // -m: files get the extraction time, not the tarball's. npm packs every file with the same
    // 1985 mtime, so a file of the same size (a version bump in package.json) that reuses the
    // freed inode within the same second looks unchanged to git's stat check, and its change
    // was silently left out of the commit (eslint 9.39.4 then had nothing to commit).
    execFileSync('tar', ['xzmf', path.join(tarballs, `${history.package}-${version}.tgz`), '--strip-components=1', '-C', repo]);
    git(repo, ['add', '-A']);
    // Release dates are not in the tarball; a steady clock keeps the repo reproducible.
    const date = new Date(Date.UTC(2017, 5, 1) + i * 7 * 86_400_000).toISOString();
    git(repo, ['commit', '-q', '-m', `${history.package} ${version}`], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  });
  rmSync(tarballs, { recursive: true, force: true });
  writeFileSync(stampFile, stamp);
  return repo;
}

/** Stable releases of a package between two versions, oldest first. */
function stableReleases(name, from, to) {
  const all = JSON.parse(execFileSync('npm', ['view', name, 'versions', '--json'], { encoding: 'utf8' }));
  const parse = (v) => v.split('.').map(Number);
  const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  return all
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .filter((v) => compare(parse(v), from) >= 0 && compare(parse(v), to) <= 0)
    .sort((a, b) => compare(parse(a), parse(b)));
}

export async function run({ repeats = 3 } = {}) {
  const probe = probeKeyguard();
  const result = {
    cores: os.cpus().length,
    repeats,
    keyguard: probe.history.ok ? 'measured' : `not available yet (${probe.history.reason})`,
    threads: probe.threads.ok ? 'measured' : `not available yet (${probe.threads.reason})`,
    histories: {},
  };
  for (const history of HISTORIES) {
    result.histories[history.name] = measureHistory(history, ensureHistoryRepo(history), probe, repeats);
  }
  if (!probe.history.ok) note(`keyguard scan --history: not available yet — ${probe.history.reason}`);
  else if (!probe.threads.ok) note(`keyguard --threads: not available yet — ${probe.threads.reason}`);
  note('CPU s and peak RSS include child processes (keyguard runs git log -p).');
  return result;
}

function measureHistory(history, repo, probe, repeats) {
  const commits = Number(git(repo, ['rev-list', '--count', 'HEAD']).trim());
  const scratch = path.join(os.tmpdir(), `kg-bench-history-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  const patchFile = path.join(scratch, 'log.patch');

  // The floor: git itself producing the patch stream keyguard reads, with keyguard's own
  // arguments (added lines with a few lines of context, --cc for merges), which any history scan
  // has to wait for.
  const gitFloorArgs = gitLogArgs(['HEAD']);
  const floor = 'git log -p (keyguard’s arguments)';
  const workers = history.workers.label;
  const single = 'keyguard --threads 1';
  const runs = { [floor]: [], [workers]: [], [single]: [] };
  const out = { repo: history.describe, commits };
  const kgArgs = (extra) => [keyguardBin, 'scan', '--history', ...extra, '--format', 'json'];
  const reports = {};
  try {
    measure('git', gitFloorArgs, { cwd: repo, stdoutFile: patchFile }); // warm-up
    for (let i = 0; i < repeats; i++) {
      runs[floor].push(measure('git', gitFloorArgs, { cwd: repo, stdoutFile: patchFile }));
      if (probe.history.ok && (probe.threads.ok || history.workers.args.length === 0)) {
        reports[workers] = path.join(scratch, 'workers.json');
        runs[workers].push(measure(process.execPath, kgArgs(history.workers.args), { cwd: repo, stdoutFile: reports[workers] }));
      }
      if (probe.threads.ok) {
        reports[single] = path.join(scratch, 'single.json');
        runs[single].push(measure(process.execPath, kgArgs(['--threads', '1']), { cwd: repo, stdoutFile: reports[single] }));
      }
    }
    out.patchBytes = readFileSync(patchFile).length;
    out.reports = {};
    for (const [name, file] of Object.entries(reports)) {
      const report = JSON.parse(readFileSync(file, 'utf8'));
      out.reports[name] = { findings: report.findings.length, stats: { ...report.stats, skipped: report.stats?.skipped?.length } };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  out.runs = {};
  for (const [name, list] of Object.entries(runs)) {
    if (list.length === 0) continue;
    const failed = list.find((r) => r.exitCode !== 0 && r.exitCode !== 1);
    if (failed) throw new Error(`${name} failed (exit ${failed.exitCode}): ${failed.stderr.slice(0, 500)}`);
    const wallMs = median(list.map((r) => r.wallMs));
    const scanned = out.reports[name]?.stats?.bytes;
    out.runs[name] = {
      wallMs: round(wallMs, 0),
      runsMs: list.map((r) => round(r.wallMs, 0)),
      patchMbPerS: round(out.patchBytes / MB / (wallMs / 1000), 1),
      scannedMbPerS: scanned ? round(scanned / MB / (wallMs / 1000), 1) : undefined,
      commitsPerS: round(commits / (wallMs / 1000), 1),
      maxRssMb: round(Math.max(...list.map((r) => r.maxRssMb ?? Number.NaN)), 0),
      cpuS: round(median(list.map((r) => r.cpuS)), 2),
    };
  }
  const base = out.runs[single];
  const rows = Object.entries(out.runs).map(([name, m]) => ({
    run: name,
    'wall s': round(m.wallMs / 1000, 2),
    'commits/s': m.commitsPerS,
    'patch MB/s': m.patchMbPerS,
    'scanned MB/s': m.scannedMbPerS,
    'speed-up vs 1 thread': base ? round(base.wallMs / m.wallMs, 2) : undefined,
    'peak RSS MB': m.maxRssMb,
    'CPU s': m.cpuS,
  }));
  printTable(`History scan: ${out.repo} (${commits} commits, ${round(out.patchBytes / MB, 1)} MB of patches), median of ${repeats}`, rows);
  const report = out.reports[workers] ?? out.reports[single];
  if (report) note(`keyguard scanned ${report.stats?.files} file versions, ${round(report.stats?.bytes / MB, 1)} MB of added lines; ${report.findings} findings`);
  if (out.runs[workers] && base) out.threadSpeedup = round(base.wallMs / out.runs[workers].wallMs, 2);
  return out;
}
