// Where the bench keeps things: the repo it measures, and a cache outside the workspace
// for everything it installs (the corpus, secretlint, generated git repos).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const benchDir = path.join(repoRoot, 'bench');
export const resultsFile = path.join(benchDir, 'results', 'latest.json');
export const cacheDir = process.env.KEYGUARD_BENCH_CACHE ?? path.join(os.tmpdir(), 'keyguard-bench');

export const keyguardBin = path.join(repoRoot, 'packages', 'cli', 'bin', 'keyguard.js');
export const keyguardBundle = path.join(repoRoot, 'packages', 'cli', 'dist', 'keyguard.cjs');

// KEYGUARD_BENCH_NO_GNU_TIME=1 exercises the fallback (peak RSS reported by the Node child).
export const gnuTime = existsSync('/usr/bin/time') && !process.env.KEYGUARD_BENCH_NO_GNU_TIME ? '/usr/bin/time' : undefined;
