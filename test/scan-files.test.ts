/**
 * `keyguard scan [PATH...]` end to end: the built CLI over real folders and real git repos.
 */
import { chmodSync, cpSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, parseJsonReport, requireBuiltCli, run, runKeyguard } from './helpers/cli.js';
import { createRepo, removeTempDirs, tempDir, testEnv } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

/** A copy of the built CLI (bin and bundle) in a folder every user may read. */
function worldReadableCli(): string {
  const root = tempDir();
  chmodSync(root, 0o755);
  const cliDir = join(cliBin, '..', '..');
  for (const part of ['bin', 'dist', 'package.json']) cpSync(join(cliDir, part), join(root, part), { recursive: true });
  return join(root, 'bin', 'keyguard.js');
}

function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), content);
  }
}

describe('scanning folders', () => {
  it('finds a key in a nested file and reports its path relative to the cwd', () => {
    const dir = tempDir();
    const key = fakeKey.githubPat();
    writeTree(dir, { 'src/lib/client.ts': `export const token = '${key}';\n`, 'src/clean.ts': 'export const x = 1;\n' });
    const result = runKeyguard(['scan', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = parseJsonReport(result.stdout);
    expect(report.findings.map((f) => [f.file, f.line, f.column])).toEqual([['src/lib/client.ts', 1, 23]]);
    expect(report.stats.files).toBe(2);
  });

  it('narrows the scan to the folders and files given as PATH arguments', () => {
    const dir = tempDir();
    writeTree(dir, {
      'a/one.ts': `const token = '${fakeKey.githubPat()}';\n`,
      'b/two.ts': `const token = '${fakeKey.githubPat()}';\n`,
      'c/three.ts': `const token = '${fakeKey.githubPat()}';\n`,
    });
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json', 'a', 'c/three.ts'], { cwd: dir }).stdout);
    expect(report.findings.map((f) => f.file).sort()).toEqual(['a/one.ts', 'c/three.ts']);
  });

  it('outside git, walks everything except node_modules and .git', () => {
    const dir = tempDir();
    writeTree(dir, {
      'node_modules/dep/index.js': `module.exports = '${fakeKey.githubPat()}';\n`,
      '.git/config': `token = ${fakeKey.githubPat()}\n`,
      'app.js': `const token = '${fakeKey.githubPat()}';\n`,
    });
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json'], { cwd: dir }).stdout);
    expect(report.findings.map((f) => f.file)).toEqual(['app.js']);
  });

  it('in a git repo, scans tracked and untracked files but not ignored files or node_modules', () => {
    const repo = createRepo();
    repo.write('.gitignore', 'secrets/\n');
    repo.write('tracked.ts', `const token = '${fakeKey.githubPat()}';\n`);
    repo.commitAll('tracked');
    repo.write('untracked.ts', `const token = '${fakeKey.githubPat()}';\n`);
    repo.write('secrets/ignored.ts', `const token = '${fakeKey.githubPat()}';\n`);
    repo.write('node_modules/dep/index.js', `module.exports = '${fakeKey.githubPat()}';\n`);
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json'], { cwd: repo.dir }).stdout);
    expect(report.findings.map((f) => f.file).sort()).toEqual(['tracked.ts', 'untracked.ts']);
  });

  it('is git-aware for a PATH in another repo than the cwd (or when the cwd is in none)', () => {
    const outside = tempDir();
    const repo = createRepo();
    repo.write('.gitignore', 'ignored/\n');
    repo.write('ignored/local.ts', `const token = '${fakeKey.githubPat()}';\n`);
    repo.write('src/app.ts', `const token = '${fakeKey.githubPat()}';\n`);
    repo.write('.env', 'A=1\n');
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json', repo.dir], { cwd: outside }).stdout);
    const files = report.findings.map((f) => [f.ruleId === 'env-file-committed', f.file.split('/').slice(-2).join('/')]);
    expect(files.sort()).toEqual([
      [false, 'src/app.ts'],
      [true, expect.stringMatching(/\.env$/)],
    ]);
  });

  it('run from a subfolder of a repo, reports paths relative to that subfolder', () => {
    const repo = createRepo();
    repo.write('packages/web/src/key.ts', `const token = '${fakeKey.githubPat()}';\n`);
    repo.write('other.ts', `const token = '${fakeKey.githubPat()}';\n`);
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json'], { cwd: repo.path('packages/web') }).stdout);
    expect(report.findings.map((f) => f.file)).toEqual(['src/key.ts']);
  });
});

describe('the .env policy in a files scan', () => {
  it('reports a committed .env file as a finding at line 1, and allows templates but scans their values', () => {
    const repo = createRepo();
    const templateKey = fakeKey.githubPat();
    repo.write('config/.env.production', 'DATABASE_HOST=db.internal\n');
    repo.write('.env.example', `DEFRAME_API_KEY=your-api-key\nGITHUB_TOKEN=${templateKey}\n`);
    repo.commitAll('env files');
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json'], { cwd: repo.dir }).stdout);
    const envFinding = report.findings.find((f) => f.ruleId === 'env-file-committed');
    expect(envFinding).toMatchObject({ file: 'config/.env.production', line: 1, column: 1 });
    expect(report.findings.filter((f) => f.file === '.env.example').map((f) => f.line)).toEqual([2]);
  });

  it('reports a committed symlink named .env without following it', () => {
    const repo = createRepo();
    repo.write('secrets/app.env', 'DATABASE_HOST=localhost\n');
    symlinkSync('secrets/app.env', repo.path('.env'));
    repo.commitAll('symlinked env');
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json'], { cwd: repo.dir }).stdout);
    expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([['env-file-committed', '.env']]);
  });

  it('does not report a .env file that git ignores, even when named explicitly', () => {
    const repo = createRepo();
    repo.write('.gitignore', '.env\n');
    repo.write('.env', 'DATABASE_HOST=localhost\n');
    repo.write('.env.local', 'DATABASE_HOST=localhost\n');
    const result = runKeyguard(['scan', '--format', 'json'], { cwd: repo.dir });
    // .env.local is not ignored: it would be committed with the next `git add -A`.
    expect(parseJsonReport(result.stdout).findings.map((f) => f.file)).toEqual(['.env.local']);
    const explicit = runKeyguard(['scan', '--format', 'json', '.env', '.env.local'], { cwd: repo.dir });
    expect(parseJsonReport(explicit.stdout).findings.map((f) => f.file)).toEqual(['.env.local']);
    expect(parseJsonReport(explicit.stdout).stats.files).toBe(2);
  });
});

describe('files that are not scanned', () => {
  it('lists binary and oversized files in stats.skipped with a reason', () => {
    const dir = tempDir();
    writeTree(dir, {
      'image.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), Buffer.from(fakeKey.githubPat())]),
      'big.txt': `token = '${fakeKey.githubPat()}'\n${'x'.repeat(400)}\n`,
      'keyguard.config.json': JSON.stringify({ maxFileSize: 300 }),
    });
    const result = runKeyguard(['scan', '--format', 'json'], { cwd: dir });
    const report = parseJsonReport(result.stdout);
    expect(result.code).toBe(0);
    expect(report.stats.skipped).toEqual(
      expect.arrayContaining([
        { file: 'image.png', reason: 'binary' },
        { file: 'big.txt', reason: expect.stringContaining('larger than maxFileSize') },
      ]),
    );
  });

  it('reports the same with worker threads (--threads 2) as on one thread, skipped files included, in every format', () => {
    const repo = createRepo();
    const files: Record<string, string | Buffer> = {
      'image.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), Buffer.from(fakeKey.githubPat())]),
      'big.txt': `token = '${fakeKey.githubPat()}'\n${'x'.repeat(400)}\n`,
      '.env': 'TOKEN=1\n',
      'keyguard.config.json': JSON.stringify({ maxFileSize: 300 }),
    };
    for (let i = 0; i < 6; i++) files[`src/f${i}.ts`] = i % 2 === 0 ? `const token = '${fakeKey.githubPat()}';\n` : 'export {};\n';
    writeTree(repo.dir, files);
    // the durations differ, nothing else may
    const timeless = (output: string) => output.replace(/"durationMs": \d+/g, '').replace(/ in \d+ ms/g, '');
    for (const format of ['json', 'text', 'sarif', 'github']) {
      const single = runKeyguard(['scan', '--format', format, '--threads', '1', '--fail-on-unscanned'], { cwd: repo.dir });
      const threaded = runKeyguard(['scan', '--format', format, '--threads', '2', '--fail-on-unscanned'], { cwd: repo.dir });
      expect(single.code, format).toBe(1);
      expect(threaded.code, format).toBe(1);
      expect(timeless(threaded.stdout), format).toBe(timeless(single.stdout));
      expect(threaded.stderr, format).toBe(single.stderr);
    }
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json', '--threads', '2'], { cwd: repo.dir }).stdout);
    expect(report.findings.map((f) => [f.file, f.ruleId])).toEqual([
      ['.env', 'env-file-committed'],
      ['src/f0.ts', 'github-pat'],
      ['src/f2.ts', 'github-pat'],
      ['src/f4.ts', 'github-pat'],
    ]);
    expect(report.stats.skipped.map((skip) => skip.file)).toEqual(['big.txt', 'image.png']);
  });

  it('fails closed when a worker thread fails: exit 2 with the reason, never a report of clean files', () => {
    const bin = worldReadableCli();
    // the bundle's worker script, broken: every worker dies as it starts
    writeFileSync(join(bin, '..', '..', 'dist', 'keyguard-worker.cjs'), "throw new Error('worker broken on purpose');\n");
    const dir = tempDir();
    writeTree(dir, { 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 2;\n' });
    const threaded = run(process.execPath, [bin, 'scan', '--threads', '2', '--format', 'json'], { cwd: dir });
    expect(threaded.code).toBe(2);
    expect(threaded.stderr).toContain('a scan worker thread failed: worker broken on purpose');
    expect(threaded.stdout).toBe('');
    // the same copy on one thread never loads the worker
    expect(run(process.execPath, [bin, 'scan', '--format', 'json'], { cwd: dir }).code).toBe(0);
  });

  it('never opens a FIFO (a writer waiting on it stays waiting), and does not follow a symlink out of the scanned folder', async () => {
    const outside = tempDir();
    writeTree(outside, { 'keys.ts': `const token = '${fakeKey.githubPat()}';\n` });
    for (const inGit of [false, true]) {
      const repo = inGit ? createRepo() : undefined;
      const dir = repo?.dir ?? tempDir();
      writeTree(dir, { 'open.ts': `const token = '${fakeKey.githubPat()}';\n` });
      if (repo) {
        // a tracked file replaced by a FIFO in the work tree: git still lists the path
        repo.write('pipe', 'tracked\n');
        repo.commitAll('a file that becomes a FIFO');
        unlinkSync(join(dir, 'pipe'));
      }
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      symlinkSync(join(outside, 'keys.ts'), join(dir, 'link.ts'));
      // a writer blocks in open() until a reader opens the FIFO: the scan must not be that reader
      const writer = spawn('sh', ['-c', 'printf payload > pipe'], { cwd: dir, stdio: 'ignore' });
      try {
        const result = runKeyguard(['scan', '--format', 'json'], { cwd: dir });
        const report = parseJsonReport(result.stdout);
        expect(report.findings.map((f) => f.file), `in git: ${inGit}`).toEqual(['open.ts']);
        expect(report.stats.skipped, `in git: ${inGit}`).toEqual([{ file: 'pipe', reason: 'not a regular file' }]);
        expect(result.code).toBe(1);
        // a released writer writes into the closed pipe and dies at once: give its exit time to arrive
        const released = await Promise.race([
          new Promise<boolean>((resolve) => writer.once('exit', () => resolve(true))),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500)),
        ]);
        expect(released, `in git: ${inGit}: the writer was released`).toBe(false);
      } finally {
        writer.kill();
      }
    }
  });

  it('lists an unreadable file in stats.skipped and still scans the rest', (context) => {
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      // root reads any file, so the scan runs as an unprivileged user: that user must be able to
      // run this Node (not so for one installed under root's home, as nvm does in containers)
      const probe = spawnSync(process.execPath, ['-e', '0'], { cwd: tmpdir(), uid: 65534, gid: 65534 });
      if (probe.error !== undefined || probe.status !== 0) {
        context.skip(`uid 65534 cannot run ${process.execPath} (${probe.error?.message ?? `exit ${probe.status}`})`);
      }
    }
    const dir = tempDir();
    chmodSync(dir, 0o755);
    writeTree(dir, { 'locked.ts': `const token = '${fakeKey.githubPat()}';\n`, 'open.ts': `const token = '${fakeKey.githubPat()}';\n` });
    chmodSync(join(dir, 'locked.ts'), 0o000);
    // as root: a copy of the CLI the unprivileged user can read (the checkout may sit in a
    // folder only root may enter)
    const bin = asRoot ? worldReadableCli() : cliBin;
    const result = spawnSync(process.execPath, [bin, 'scan', '--format', 'json'], {
      cwd: dir,
      env: testEnv({ HOME: dir }),
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    const report = parseJsonReport(result.stdout);
    expect(report.stats.skipped).toEqual([{ file: 'locked.ts', reason: 'unreadable (EACCES)' }]);
    expect(report.findings.map((f) => f.file)).toEqual(['open.ts']);
    expect(result.status).toBe(1);
  });

  it('scans invalid UTF-8 with replacement characters and keeps columns right, CRLF included', () => {
    const dir = tempDir();
    const key = fakeKey.githubPat();
    const bytes = Buffer.concat([
      Buffer.from('// caf'),
      Buffer.from([0xe9, 0xff]), // Latin-1 é and a stray byte: not UTF-8
      Buffer.from(`\r\nconst a = 1;\r\n\tconst token = "${key}";\r\n`),
    ]);
    writeTree(dir, { 'latin1.js': bytes });
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json'], { cwd: dir }).stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'latin1.js', line: 3, column: 17, endLine: 3, endColumn: 17 + key.length });
  });
});

describe('output and exit codes', () => {
  it('prints JSON exactly in the versioned schema of the design', () => {
    const dir = tempDir();
    writeTree(dir, { 'app.ts': `const token = '${fakeKey.githubPat()}';\n` });
    const report = parseJsonReport(runKeyguard(['scan', '--format', 'json'], { cwd: dir }).stdout) as unknown as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'findings', 'stats']);
    expect(report.version).toBe(1);
    const [finding] = report.findings as Array<Record<string, unknown>>;
    expect(Object.keys(finding!)).toEqual(['ruleId', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'match', 'fingerprint']);
    expect(Object.keys(report.stats as object)).toEqual(['files', 'bytes', 'durationMs', 'skipped']);
    expect(finding).toMatchObject({ line: 1, column: 16, file: 'app.ts', fingerprint: expect.stringMatching(/^[0-9a-f]{16,}$/) });
  });

  it('exits 0 when nothing is found, 1 on findings, 2 on usage errors', () => {
    const dir = tempDir();
    writeTree(dir, { 'clean.ts': 'export const apiKey = process.env.DEFRAME_API_KEY;\n' });
    expect(runKeyguard(['scan'], { cwd: dir }).code).toBe(0);
    writeTree(dir, { 'dirty.ts': `const token = '${fakeKey.githubPat()}';\n` });
    expect(runKeyguard(['scan'], { cwd: dir }).code).toBe(1);
    const unknown = runKeyguard(['scan', '--frobnicate'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--frobnicate');
    const badFormat = runKeyguard(['scan', '--format', 'xml'], { cwd: dir });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be one of text, json, sarif, github');
    const missing = runKeyguard(['scan', 'no-such-folder'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-folder: no such file or directory');
  });

  it('exits 2 on a broken config, naming the file and the problem', () => {
    const dir = tempDir();
    writeTree(dir, { 'keyguard.config.json': '{ "disabledRules": [ }', 'clean.ts': 'export {};\n' });
    const invalidJson = runKeyguard(['scan'], { cwd: dir });
    expect(invalidJson.code).toBe(2);
    expect(invalidJson.stderr).toMatch(/keyguard\.config\.json:1:22: invalid JSON/);
    // line:column where an editor shows it, on every Node (20 reports only an offset)
    writeTree(dir, { 'keyguard.config.json': '{\n  "disabledRules": [\n    "generic-secret",\n  ]\n}\n' });
    const trailingComma = runKeyguard(['scan'], { cwd: dir });
    expect(trailingComma.code).toBe(2);
    expect(trailingComma.stderr).toMatch(/keyguard\.config\.json:4:3: invalid JSON: /);
    expect(trailingComma.stderr).not.toMatch(/position \d+/);

    writeTree(dir, { 'keyguard.config.json': JSON.stringify({ maxFileSize: 'big' }) });
    const invalidValue = runKeyguard(['scan'], { cwd: dir });
    expect(invalidValue.code).toBe(2);
    expect(invalidValue.stderr).toMatch(/keyguard\.config\.json: .*maxFileSize/);

    const missing = runKeyguard(['scan', '--config', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: config file not found');
  });

  it('reads package.json#keyguard and applies it (a disabled rule is not reported)', () => {
    const dir = tempDir();
    writeTree(dir, { 'app.ts': `const token = '${fakeKey.githubPat()}';\n` });
    const before = parseJsonReport(runKeyguard(['scan', '--format', 'json'], { cwd: dir }).stdout);
    const ruleId = before.findings[0]!.ruleId;
    writeTree(dir, { 'package.json': JSON.stringify({ name: 'x', keyguard: { disabledRules: [ruleId] } }) });
    const after = runKeyguard(['scan', '--format', 'json'], { cwd: dir });
    expect(parseJsonReport(after.stdout).findings.filter((f) => f.ruleId === ruleId)).toEqual([]);
  });

  it('takes --config <file>, and --config package.json means its keyguard field', () => {
    const dir = tempDir();
    writeTree(dir, { 'app.ts': `const token = '${fakeKey.githubPat()}';\n` });
    expect(runKeyguard(['scan', 'app.ts'], { cwd: dir }).code).toBe(1);
    const allowApp = { allow: { paths: ['app.ts'] } };
    writeTree(dir, {
      'ci/keyguard.json': JSON.stringify(allowApp),
      'ci/package.json': JSON.stringify({ name: 'ci', keyguard: allowApp }),
      'other/package.json': JSON.stringify({ name: 'other' }),
    });
    expect(runKeyguard(['scan', 'app.ts', '--config', 'ci/keyguard.json'], { cwd: dir }).code).toBe(0);
    expect(runKeyguard(['scan', 'app.ts', '--config', 'ci/package.json'], { cwd: dir }).code).toBe(0);
    const noField = runKeyguard(['scan', 'app.ts', '--config', 'other/package.json'], { cwd: dir });
    expect(noField.code).toBe(2);
    expect(noField.stderr).toContain('other/package.json: has no "keyguard" field');
  });

  it('never prints a whole secret, in text or JSON, and writes --output files the same way', () => {
    const dir = tempDir();
    const secrets = [fakeKey.githubPat(), fakeKey.awsAccessKeyId(), fakeKey.stripeSecret()];
    writeTree(dir, {
      'a.ts': `const token = '${secrets[0]}';\n`,
      'b.ts': `const awsKey = '${secrets[1]}';\n`,
      'c.ts': `const stripe = '${secrets[2]}';\n`,
    });
    const text = runKeyguard(['scan'], { cwd: dir });
    const json = runKeyguard(['scan', '--format', 'json'], { cwd: dir });
    const toFile = runKeyguard(['scan', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(toFile.code).toBe(1);
    expect(toFile.stdout).toBe('');
    const written = spawnSync('cat', [join(dir, 'report.json')], { encoding: 'utf8' }).stdout;
    expect(parseJsonReport(written).findings.length).toBeGreaterThanOrEqual(3);
    expect(leakedSecrets(secrets, text.stdout, text.stderr, json.stdout, json.stderr, written)).toEqual([]);
  });

  it('colours text only on a TTY (never when piped)', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.ts': `const token = '${fakeKey.githubPat()}';\n` });
    const result = runKeyguard(['scan'], { cwd: dir });
    expect(result.stdout).toMatch(/^a\.ts:1:16 /);
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('the command line', () => {
  it('prints help on --help (exit 0) and on no command (stderr, exit 2); --version prints the version', () => {
    const dir = tempDir();
    const help = runKeyguard(['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('keyguard scan --staged [PATH...]');
    const none = runKeyguard([], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage:');
    expect(runKeyguard(['--version'], { cwd: dir }).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const unknown = runKeyguard(['scna'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'scna'");
  });
});

describe('output to a reader that stops early', () => {
  it('ends quietly when the pipe closes (keyguard scan | head -1)', () => {
    const dir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`src/f${i}.ts`] = `export const token = '${fakeKey.githubPat()}';\n`;
    writeTree(dir, files);
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${cliBin}" scan . | head -1; echo "scan-exit:\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      env: testEnv({ HOME: dir }),
      encoding: 'utf8',
    });
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stdout).toContain('github-pat');
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled/);
    // findings were there, and the closed pipe did not turn into a crash (exit 1, not 2 or a signal)
    expect(result.stderr).toContain('scan-exit:1');
  });
});

describe('file names that are not valid UTF-8', () => {
  it('scans such files by their bytes, in a repo and in a folder walk, nested folders included', () => {
    // 'bad' FF FE 'name.js' and a folder 'dir' E9 (Latin-1 é): names Windows zips and old tools leave behind
    const fileName = Buffer.concat([Buffer.from('bad'), Buffer.from([0xff, 0xfe]), Buffer.from('name.js')]);
    const folderName = Buffer.concat([Buffer.from('dir'), Buffer.from([0xe9])]);
    for (const inGit of [true, false]) {
      const dir = inGit ? createRepo().dir : tempDir();
      const root = Buffer.from(dir);
      const key = fakeKey.githubPat();
      writeFileSync(Buffer.concat([root, Buffer.from('/'), fileName]), `const token = '${key}';\n`);
      mkdirSync(Buffer.concat([root, Buffer.from('/'), folderName]));
      writeFileSync(Buffer.concat([root, Buffer.from('/'), folderName, Buffer.from('/inner.ts')]), `const token = '${fakeKey.githubPat()}';\n`);
      const result = runKeyguard(['scan', '--format', 'json'], { cwd: dir });
      const report = parseJsonReport(result.stdout);
      expect(report.findings.map((f) => [f.file, f.ruleId]), `in git: ${inGit}`).toEqual([
        ['bad\uFFFD\uFFFDname.js', 'github-pat'],
        ['dir\uFFFD/inner.ts', 'github-pat'],
      ]);
      expect(report.stats.skipped).toEqual([]);
      expect(result.code).toBe(1);
      expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
    }
  });
});
