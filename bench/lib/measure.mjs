// Runs one command and measures it: wall time (hrtime around the child), CPU time and
// peak resident memory. Peak memory comes from GNU time (`/usr/bin/time -v`) when the
// machine has it; otherwise, for Node commands, from a preloaded module that reports
// `process.resourceUsage().maxRSS` when the child exits.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gnuTime } from './paths.mjs';

const rssReporter = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, stdoutFile?: string, input?: string}} [options]
 */
export function measure(command, args, options = {}) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kg-measure-'));
  const timeFile = path.join(scratch, 'time.txt');
  const rssFile = path.join(scratch, 'rss.txt');
  let argv = [command, ...args];
  const env = { ...process.env, ...options.env };
  if (gnuTime) argv = [gnuTime, '-v', '-o', timeFile, ...argv];
  else if (command === process.execPath) {
    argv = [command, '--import', rssReporter, ...args];
    env.KG_BENCH_RSS_FILE = rssFile;
  }
  const stdoutFd = options.stdoutFile ? openSync(options.stdoutFile, 'w') : 'pipe';
  const started = process.hrtime.bigint();
  const child = spawnSync(argv[0], argv.slice(1), {
    cwd: options.cwd,
    env,
    input: options.input,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', stdoutFd, 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (typeof stdoutFd === 'number') closeSync(stdoutFd);
  if (child.error) throw child.error;

  const result = {
    wallMs,
    exitCode: child.status,
    stdout: child.stdout ?? '',
    stderr: child.stderr ?? '',
    maxRssMb: undefined,
    cpuS: undefined,
  };
  if (gnuTime && existsSync(timeFile)) {
    const report = readFileSync(timeFile, 'utf8');
    const field = (name) => Number(new RegExp(`${name}: ([0-9.]+)`).exec(report)?.[1]);
    result.maxRssMb = field('Maximum resident set size \\(kbytes\\)') / 1024;
    result.cpuS = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
    // GNU time reports a non-zero exit of the command on its own line; keep the command's code.
    const exited = /Command exited with non-zero status (\d+)/.exec(report);
    if (exited) result.exitCode = Number(exited[1]);
  } else if (existsSync(rssFile)) {
    const reported = JSON.parse(readFileSync(rssFile, 'utf8'));
    result.maxRssMb = reported.maxRssKb / 1024;
    result.cpuS = reported.cpuS;
  }
  rmSync(scratch, { recursive: true, force: true });
  return result;
}

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
