// Section 2: what a pre-commit hook adds to `git commit`, for 1, 10 and 100 staged files of
// 2–16 KiB, all in one run so the ratios share the machine's state. Every hook runs through
// the real husky 9 (`.husky/pre-commit`, run by husky's `.husky/_/pre-commit` wrapper with
// node_modules/.bin on PATH), as `keyguard init` sets a project up: `node -e 0` (Node's
// start-up floor), `keyguard --version`, `keyguard scan --staged`, lint-staged with a no-op
// task, lint-staged running secretlint. Each hooked commit is paired with a commit that runs
// no hook (`--no-verify`) in the same round; the table gives the median of the differences.
// The files are real TypeScript sources (rxjs's src/ from the corpus); each commit edits the
// staged files a little.
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCorpus, listFiles } from '../lib/corpus.mjs';
import { git, gitEnv, initRepo, probeKeyguard } from '../lib/keyguard.mjs';
import { measure, median } from '../lib/measure.mjs';
import { keyguardBin, repoRoot } from '../lib/paths.mjs';
import { summariseProfiles } from '../lib/profile.mjs';
import { note, printTable, round } from '../lib/report.mjs';
import { ensureSecretlint } from '../lib/secretlint.mjs';

const STAGED_COUNTS = [1, 10, 100];

// Every Node process the section starts (the hooks' and the bare `node -e 0`) runs without
// NODE_EXTRA_CA_CERTS: Node 20 reads and parses the certificates it names at start-up, in every
// process (416 M instructions of the 502 M of a `node -e 0` on a machine that set it to the
// system bundle), and a developer's machine normally does not set it. With it, the `node -e 0`
// hook the aim divides by is ~5x dearer and every ratio looks better than on a user's machine.
const NODE_ENV = { NODE_EXTRA_CA_CERTS: undefined };

export async function run({ repeats = 9, profile = false } = {}) {
  const corpus = ensureCorpus();
  const sources = (await listFiles(path.join(corpus, 'rxjs', 'src')))
    .filter((f) => f.path.endsWith('.ts') && f.size >= 2048 && f.size <= 16_384)
    .slice(0, Math.max(...STAGED_COUNTS));
  const keyguard = probeKeyguard().staged;
  const secretlint = ensureSecretlint();
  // husky and lint-staged: the workspace's own devDependencies.
  const packageDir = (name) => realpathSync(path.join(repoRoot, 'node_modules', name));
  const node = process.execPath;
  const baselineBin = process.env.KEYGUARD_BENCH_BASELINE_BIN;

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-precommit-'));
  const repo = path.join(scratch, 'repo');
  mkdirSync(repo);
  initRepo(repo);
  const tracked = sources.map((f, i) => {
    const name = path.join('src', `${String(i).padStart(3, '0')}-${path.basename(f.path)}`);
    mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    copyFileSync(f.path, path.join(repo, name));
    return name;
  });
  writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n');
  writeFileSync(path.join(repo, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  writeFileSync(path.join(repo, '.lintstagedrc.noop.json'), JSON.stringify({ '*': 'true' }));
  writeFileSync(path.join(repo, '.lintstagedrc.secretlint.json'), JSON.stringify({ '*': `node ${secretlint.bin}` }));
  // node_modules as npm lays it out: the packages, and bin links in node_modules/.bin, which
  // husky's wrapper puts first on PATH. keyguard's bin links to this checkout's build.
  const modules = path.join(repo, 'node_modules');
  mkdirSync(path.join(modules, '.bin'), { recursive: true });
  symlinkSync(packageDir('husky'), path.join(modules, 'husky'));
  symlinkSync(packageDir('lint-staged'), path.join(modules, 'lint-staged'));
  symlinkSync(path.join(secretlint.nodeModules, '@secretlint'), path.join(modules, '@secretlint'));
  symlinkSync(keyguardBin, path.join(modules, '.bin', 'keyguard'));
  if (baselineBin) symlinkSync(path.resolve(baselineBin), path.join(modules, '.bin', 'keyguard-baseline'));
  symlinkSync(path.join(packageDir('lint-staged'), 'bin', 'lint-staged.js'), path.join(modules, '.bin', 'lint-staged'));
  // husky 9's own install, as `prepare: husky` runs it: core.hooksPath=.husky/_ and its wrappers.
  execFileSync(node, [path.join(packageDir('husky'), 'bin.js')], { cwd: repo, env: { ...process.env, ...gitEnv, HUSKY: '' }, stdio: 'ignore' });
  if (git(repo, ['config', 'core.hooksPath']).trim() !== '.husky/_') throw new Error('husky did not install its hooks');
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '--no-verify', '-m', 'initial']);

  // The lines of .husky/pre-commit for each hook; 'no hook' commits with --no-verify.
  const hooks = {
    'no hook': undefined,
    'node -e 0': 'node -e 0',
    // Loading the CLI bundle and printing the version: the part of keyguard's cost that is
    // start-up, not reading the index or scanning.
    'keyguard --version': keyguard.ok ? 'keyguard --version >/dev/null' : undefined,
    keyguard: keyguard.ok ? 'keyguard scan --staged' : undefined,
    // KEYGUARD_BENCH_BASELINE_BIN=<another build's bin/keyguard.js>: the same hook with that
    // build, in the same rounds, to measure what a change bought side by side.
    ...(keyguard.ok && baselineBin ? { 'keyguard (baseline build)': 'keyguard-baseline scan --staged' } : {}),
    'lint-staged no-op': 'lint-staged --config .lintstagedrc.noop.json --quiet',
    'lint-staged + secretlint': 'lint-staged --config .lintstagedrc.secretlint.json --quiet',
  };
  if (!keyguard.ok) {
    delete hooks.keyguard;
    delete hooks['keyguard --version'];
    note(`keyguard scan --staged: not available yet — ${keyguard.reason}`);
  }
  mkdirSync(path.join(repo, '.husky'), { recursive: true });
  const hookFile = path.join(repo, '.husky', 'pre-commit');

  let edit = 0;
  const commit = (config, count) => {
    edit++;
    const staged = tracked.slice(0, count);
    for (const file of staged) appendFileSync(path.join(repo, file), `export const benchEdit${edit} = ${edit};\n`);
    git(repo, ['add', '--', ...staged]);
    const command = hooks[config];
    if (command !== undefined) writeFileSync(hookFile, `${command}\n`);
    const run = measure('git', ['commit', '-q', ...(command === undefined ? ['--no-verify'] : []), '-m', `edit ${edit}`], {
      cwd: repo,
      env: { ...gitEnv, ...NODE_ENV, HUSKY: '' },
    });
    if (run.exitCode !== 0) {
      // Keep the series going, but say that this hook blocked a clean commit.
      git(repo, ['commit', '-q', '--no-verify', '-m', `edit ${edit} (blocked)`]);
      return { ...run, blocked: run.stderr.trim().split('\n').slice(0, 3).join(' | ') };
    }
    return run;
  };

  const samples = {};
  const nodeStart = [];
  let stagedProfile;
  try {
    for (const config of Object.keys(hooks)) for (const count of STAGED_COUNTS) commit(config, count); // warm-up
    for (let i = 0; i < repeats; i++) {
      for (const count of STAGED_COUNTS) {
        nodeStart.push(measure(node, ['-e', '0'], { env: NODE_ENV }).wallMs);
        for (const config of Object.keys(hooks)) {
          const run = commit(config, count);
          ((samples[count] ??= {})[config] ??= []).push(run);
        }
      }
    }
    if (profile && keyguard.ok) stagedProfile = profileStaged(repo, tracked.slice(0, 10), path.join(scratch, 'profile'));
  } finally {
    rmSync(scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }

  const bareNodeMs = median(nodeStart);
  const result = {
    repeats,
    bareNodeStartMs: round(bareNodeMs, 1),
    keyguard: keyguard.ok ? 'measured' : `not available yet (${keyguard.reason})`,
    hooks: Object.fromEntries(Object.entries(hooks).map(([k, v]) => [k, v ?? '(none)'])),
    // what this machine had set, and that the measured processes ran without it
    nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS ? 'set here; removed for every measured process' : 'not set',
    staged: {},
  };
  const table = [];
  for (const count of STAGED_COUNTS) {
    const byConfig = samples[count];
    // Paired: each hooked commit against the no-hook commit of its own round.
    const added = (config) => median(byConfig[config].map((r, i) => r.wallMs - byConfig['no hook'][i].wallMs));
    const hookNodeAdded = added('node -e 0');
    // CPU time of the commit's whole process tree (GNU time), paired the same way: on a loaded
    // machine it moves much less than wall time (10 ms resolution per commit).
    const addedCpu = (config) => median(byConfig[config].map((r, i) => (r.cpuS - byConfig['no hook'][i].cpuS) * 1000));
    const hookNodeAddedCpu = addedCpu('node -e 0');
    const rows = {};
    for (const [config, runs] of Object.entries(byConfig)) {
      const medianMs = median(runs.map((r) => r.wallMs));
      const addedMs = config === 'no hook' ? 0 : added(config);
      const blocked = runs.filter((r) => r.blocked);
      rows[config] = {
        medianMs: round(medianMs, 1),
        addedMs: round(addedMs, 1),
        addedPerBareNode: config === 'no hook' ? undefined : round(addedMs / bareNodeMs, 2),
        addedPerNodeHook: config === 'no hook' ? undefined : round(addedMs / hookNodeAdded, 2),
        addedCpuMs: config === 'no hook' ? undefined : round(addedCpu(config), 0),
        addedCpuPerNodeHook: config === 'no hook' || !(hookNodeAddedCpu > 0) ? undefined : round(addedCpu(config) / hookNodeAddedCpu, 2),
        peakRssMb: round(Math.max(...runs.map((r) => r.maxRssMb ?? Number.NaN)), 0),
        blocked: blocked.length ? `${blocked.length}/${runs.length}: ${blocked[0].blocked}` : undefined,
      };
      table.push({
        staged: count,
        hook: config,
        'median ms': rows[config].medianMs,
        'added ms': config === 'no hook' ? undefined : rows[config].addedMs,
        '× bare node': rows[config].addedPerBareNode,
        '× node hook': rows[config].addedPerNodeHook,
        'added CPU ms': rows[config].addedCpuMs,
        '× node hook (CPU)': rows[config].addedCpuPerNodeHook,
        blocked: blocked.length ? `${blocked.length}/${runs.length}` : '',
      });
    }
    result.staged[count] = rows;
  }
  printTable(`Pre-commit latency through husky: median of ${repeats} git commits, added = median of (hooked − paired no-hook commit); bare \`node -e 0\` = ${round(bareNodeMs, 1)} ms`, table);
  if (process.env.NODE_EXTRA_CA_CERTS) note('NODE_EXTRA_CA_CERTS is set here: every hook and the bare `node -e 0` ran without it, as on a machine that does not set it');
  for (const count of STAGED_COUNTS) {
    for (const [config, row] of Object.entries(result.staged[count])) {
      if (row.blocked) note(`${config} blocked ${count}-file commits: ${row.blocked}`);
    }
  }
  const kg10 = result.staged[10]?.keyguard;
  const ls10 = result.staged[10]?.['lint-staged + secretlint'];
  if (kg10 && ls10) {
    result.keyguardShareOfLintStagedSecretlint = round(kg10.addedMs / ls10.addedMs, 2);
    note(
      `10 files: keyguard adds ${kg10.addedMs} ms = ${kg10.addedPerNodeHook}× what a \`node -e 0\` hook adds ` +
        `(${kg10.addedPerBareNode}× a bare \`node -e 0\` run; aim ≤ 1.5×; by CPU ${kg10.addedCpuPerNodeHook}×), ` +
        `${result.keyguardShareOfLintStagedSecretlint} of what lint-staged + secretlint adds (aim ≈ 1/6)`,
    );
  }
  if (stagedProfile) {
    result.profile = stagedProfile;
    printTable(`keyguard scan --staged (10 files) CPU profile by kind of work (${stagedProfile.totalMs} ms sampled)`, stagedProfile.categories);
    printTable('keyguard scan --staged (10 files) CPU profile (self time)', stagedProfile.top);
    note(`git processes started by keyguard scan --staged: ${stagedProfile.gitCalls.length}`);
    for (const call of stagedProfile.gitCalls) note(`  git ${call.slice(0, 120)}`);
  }
  return result;
}

/** One `keyguard scan --staged` of 10 staged files under `node --cpu-prof`. */
function profileStaged(repo, files, dir) {
  mkdirSync(dir, { recursive: true });
  for (const file of files) appendFileSync(path.join(repo, file), 'export const benchProfiled = 1;\n');
  git(repo, ['add', '--', ...files]);
  // A `git` first on PATH that logs each call, to count the git processes the scan starts.
  const shim = path.join(dir, 'bin');
  const calls = path.join(dir, 'git-calls.log');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  mkdirSync(shim);
  writeFileSync(path.join(shim, 'git'), `#!/bin/sh\necho "$*" >> "${calls}"\nexec "${realGit}" "$@"\n`, { mode: 0o755 });
  measure(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, keyguardBin, 'scan', '--staged'], {
    cwd: repo,
    env: { ...NODE_ENV, PATH: `${shim}${path.delimiter}${process.env.PATH}` },
  });
  git(repo, ['commit', '-q', '--no-verify', '-m', 'profiled']);
  const gitCalls = existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [];
  return { ...summariseProfiles(dir, 12), gitCalls };
}
