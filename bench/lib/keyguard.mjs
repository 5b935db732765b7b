// Finds out which parts of the keyguard CLI exist in this checkout, by running each on a
// tiny real case, so a section can measure what works and say clearly what does not yet.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyguardBin, keyguardBundle } from './paths.mjs';

export const gitEnv = {
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HUSKY: '0',
};

export function git(cwd, args, options = {}) {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...gitEnv, ...options.env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function initRepo(dir) {
  git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  // No background gc or maintenance: it would compete with the timings and race the cleanup.
  git(dir, ['config', 'gc.auto', '0']);
  git(dir, ['config', 'maintenance.auto', 'false']);
}

function runKeyguard(args, cwd) {
  return spawnSync(process.execPath, [keyguardBin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

/** The reason a probe failed, in one line. */
function why(run) {
  const text = `${run.stderr ?? ''}${run.stdout ?? ''}`.trim().split('\n')[0] ?? '';
  return `exit ${run.status}${text ? `: ${text.slice(0, 160)}` : ''}`;
}

function parsesAsReport(stdout) {
  try {
    const report = JSON.parse(stdout);
    return report.version === 1 && Array.isArray(report.findings);
  } catch {
    return false;
  }
}

/**
 * @returns {{scan: {ok: boolean, reason?: string}, staged: {...}, history: {...}, threads: {...}}}
 */
export function probeKeyguard() {
  const unavailable = (reason) => ({ ok: false, reason });
  if (!existsSync(keyguardBundle)) {
    const reason = `the CLI is not built (${path.relative(process.cwd(), keyguardBundle)} missing; run pnpm build)`;
    return { scan: unavailable(reason), staged: unavailable(reason), history: unavailable(reason), threads: unavailable(reason) };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-probe-'));
  try {
    writeFileSync(path.join(dir, 'clean.js'), 'export const answer = 42;\n');
    const check = (args, cwd = dir) => {
      const run = runKeyguard(args, cwd);
      return run.status === 0 && parsesAsReport(run.stdout) ? { ok: true } : unavailable(why(run));
    };
    const scan = check(['scan', dir, '--format', 'json']);
    initRepo(dir);
    git(dir, ['add', 'clean.js']);
    const staged = check(['scan', '--staged', '--format', 'json']);
    git(dir, ['commit', '-q', '-m', 'first']);
    const history = check(['scan', '--history', '--format', 'json']);
    const threads = history.ok ? check(['scan', '--history', '--threads', '1', '--format', 'json']) : history;
    return { scan, staged, history, threads };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
