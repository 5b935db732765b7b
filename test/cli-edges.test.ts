/**
 * The small edges a new user hits first: a misspelt option or command gets "did you mean",
 * `--output` creates its folder and is checked before the scan, `keyguard init --help` is
 * init's own help.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { didYouMean } from '../packages/cli/src/main.js';
import { parseJsonReport, requireBuiltCli, runKeyguard } from './helpers/cli.js';
import { createRepo, removeTempDirs } from './helpers/git.js';
import { fakeKey } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

describe('did you mean', () => {
  it.each([
    [['scan', '--stagd'], "Unknown option '--stagd': did you mean --staged?"],
    [['scan', '--fromat', 'json'], "Unknown option '--fromat': did you mean --format?"],
    [['scan', '--outptu=x.json'], "Unknown option '--outptu': did you mean --output?"],
    [['init', '--dry'], "Unknown option '--dry': did you mean --dry-run?"],
    [['baseline', '--updte'], "Unknown option '--updte': did you mean --update?"],
    [['scna'], "unknown command 'scna': did you mean 'scan'?"],
  ])('keyguard %j', (args, message) => {
    const result = runKeyguard(args, { cwd: process.cwd() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('suggests nothing when nothing is close', () => {
    expect(didYouMean('--frobnicate', ['--staged', '--format'])).toBeUndefined();
    expect(didYouMean('xyz', ['scan', 'init', 'baseline'])).toBeUndefined();
    const result = runKeyguard(['scan', '--frobnicate'], { cwd: process.cwd() });
    expect(result.stderr).toContain("Unknown option '--frobnicate'");
    expect(result.stderr).not.toContain('did you mean');
  });
});

describe('--output', () => {
  it('creates missing folders', () => {
    const repo = createRepo();
    repo.write('src/pay.js', `const key = '${fakeKey.stripeSecret()}';\n`);
    const result = runKeyguard(['scan', '--format', 'json', '--output', 'reports/ci/keyguard.json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(parseJsonReport(readFileSync(repo.path('reports/ci/keyguard.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('fails before the scan, exit 2, when the report cannot be written', () => {
    const repo = createRepo();
    mkdirSync(repo.path('out'));
    // A config error would only show if the scan started: the output check comes first.
    repo.write('keyguard.config.json', '{ broken');
    const result = runKeyguard(['scan', '--output', 'out'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('out: cannot write the report (it is a folder); nothing was scanned');
    repo.write('blocker', 'a file where a folder should be\n');
    const underFile = runKeyguard(['scan', '--output', 'blocker/report.sarif'], { cwd: repo.dir });
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toMatch(/blocker\/report\.sarif: cannot write the report \((ENOTDIR|EEXIST)\); nothing was scanned/);
    expect(underFile.stderr).not.toContain('invalid JSON');
  });
});

describe('keyguard init --help', () => {
  it("prints init's own help, and changes nothing", () => {
    const repo = createRepo();
    const result = runKeyguard(['init', '--help'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('keyguard init [--dry-run] [--no-install] [--eslint keyguard|all|none]');
    expect(result.stdout).toContain('keyguard  keyguard\'s rules only');
    expect(result.stdout).toContain('--no-install');
    expect(result.stdout).not.toContain('--since');
    expect(existsSync(repo.path('package.json'))).toBe(false);
  });

  it('rejects an unknown --eslint step with a suggestion, and changes nothing', () => {
    const repo = createRepo();
    const result = runKeyguard(['init', '--eslint', 'keygaurd'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--eslint must be keyguard, all or none, got 'keygaurd' (did you mean keyguard?)");
    expect(existsSync(repo.path('package.json'))).toBe(false);
  });
});

describe('envFiles.allow in the config', () => {
  it('adds to the default templates: .env.ci may be committed, .env.example still may, .env.local still may not', () => {
    const repo = createRepo();
    repo.write('keyguard.config.json', JSON.stringify({ envFiles: { allow: ['**/.env.ci'] } }));
    repo.stage({ '.env.ci': 'NODE_ENV=test\n', '.env.example': 'API_URL=\n' });
    const allowed = runKeyguard(['scan', '--staged'], { cwd: repo.dir });
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
    repo.stage({ '.env.local': 'API_URL=http://localhost\n' });
    const blocked = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(blocked.code).toBe(1);
    expect(parseJsonReport(blocked.stdout).findings.map((finding) => finding.file)).toEqual(['.env.local']);
  });
});

describe('messages fit the file', () => {
  it('a staged .env.local is one finding (the file), naming what its values look like, with no env-var advice', () => {
    const repo = createRepo();
    const key = fakeKey.stripeSecret();
    repo.stage({ '.env.local': `DEBUG=1\nSTRIPE_SECRET_KEY=${key}\n` });
    const json = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    const findings = parseJsonReport(json.stdout).findings;
    expect(findings.map((finding) => [finding.ruleId, finding.file, finding.line])).toEqual([['env-file-committed', '.env.local', 1]]);
    expect(findings[0]?.message).toContain('(stripe-secret-key)');
    const text = runKeyguard(['scan', '--staged'], { cwd: repo.dir });
    expect(text.stdout).not.toContain('process.env.');
    expect(text.stdout).not.toContain('keyguard-ignore-next-line');
    expect(text.stdout).toContain('envFiles.allow');
    expect(text.stdout).not.toContain(key);
  });

  it.each([
    ['docs/setup.md', 'export KEY=', '<!-- keyguard-ignore-next-line'],
    ['deploy/values.yaml', 'token: ', '# keyguard-ignore-next-line'],
    ['src/pay.ts', 'export const k = ', '// keyguard-ignore-next-line'],
  ])('the ignore hint for %s uses its comment syntax', (file, prefix, hint) => {
    const repo = createRepo();
    repo.stage({ [file]: `${prefix}${fakeKey.githubPat()}\n` });
    const result = runKeyguard(['scan', '--staged'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(hint);
  });

  it('"CI scans every commit" only when a CI config runs keyguard', () => {
    const repo = createRepo();
    repo.stage({ 'src/pay.ts': `export const k = '${fakeKey.githubPat()}';\n` });
    expect(runKeyguard(['scan', '--staged'], { cwd: repo.dir }).stdout).not.toContain('CI scans every commit');
    repo.write('.github/workflows/lint.yml', 'jobs:\n  lint:\n    steps:\n      - run: npx --no-install keyguard scan --since origin/main\n');
    expect(runKeyguard(['scan', '--staged'], { cwd: repo.dir }).stdout).toContain('CI scans every commit');
  });
});
