/**
 * Hostile input end to end (issue 13): files, git states, configs and outputs an attacker
 * controls. Every case runs the built CLI on a real git repo with real files.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { closeSync, linkSync, openSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sarifSchemaErrors } from '../packages/cli/test/fixtures/sarif-validator.js';
import { cliBin, parseJsonReport, requireBuiltCli, runKeyguard } from './helpers/cli.js';
import { createRepo, removeTempDirs, testEnv } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

describe('line ends', () => {
  it('reports a key added to a CR-only file in a staged scan, on its own line', () => {
    const repo = createRepo();
    repo.write('old.ts', ['// settings', 'export const a = 1;', ''].join('\r'));
    repo.commitAll('cr file');
    const key = fakeKey.githubPat();
    repo.stage({ 'old.ts': ['// settings', 'export const a = 1;', `const token = '${key}';`, ''].join('\r') });
    const result = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(1);
    expect(parseJsonReport(result.stdout).findings).toMatchObject([{ file: 'old.ts', line: 3, column: 16 }]);
    expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
  });

  it('one directive in a CR-only file suppresses only its own line', () => {
    const repo = createRepo();
    const [a, b] = [fakeKey.githubPat(), fakeKey.githubPat()];
    repo.write('keys.ts', [`const a = '${a}'; // keyguard-ignore`, `const b = '${b}';`, ''].join('\r'));
    const result = runKeyguard(['scan', '.', '--format', 'json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(1);
    expect(parseJsonReport(result.stdout).findings).toMatchObject([{ file: 'keys.ts', line: 2 }]);
  });
});

describe('catastrophic regexes in the config', () => {
  const evil = ['(a|a)*$', '(?:a|a)*b', '([a-z]|a)+!x', 'a*a*a*a*a*b'];

  it.each(evil)('rejects %s as a custom rule and as allow.values, exit 2 naming the config file', (regex) => {
    for (const config of [
      { customRules: [{ id: 'evil', description: 'Evil', regex: `key=${regex}`, keywords: ['key='] }] },
      { customRules: [{ id: 'evil', description: 'Evil', regex }] },
      { allow: { values: [regex] } },
    ]) {
      const repo = createRepo();
      repo.write('keyguard.config.json', JSON.stringify(config));
      repo.write('input.txt', `key=${'a'.repeat(40)}\n${'a'.repeat(3000)}\nconst t = '${fakeKey.githubPat()}';\n`);
      const result = runKeyguard(['scan', '.'], { cwd: repo.dir });
      expect(result.code, JSON.stringify(config)).toBe(2);
      expect(result.stderr).toContain('keyguard.config.json: ');
      expect(result.stderr).toMatch(/backtrack catastrophically/);
    }
  });
  it('refuses a backreference in a user regex, exit 2 naming the config file and the field', () => {
    const repo = createRepo();
    repo.write('keyguard.config.json', JSON.stringify({ customRules: [{ id: 'back', description: 'Back', regex: '(a+)+\\1x', keywords: ['a'] }] }));
    repo.write('input.txt', `${'a'.repeat(3000)}\n`);
    const result = runKeyguard(['scan', '.'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('keyguard.config.json: "customRules[0].regex" uses a backreference');
  });
});

describe('fingerprints written to disk', () => {
  it('a baseline an older keyguard wrote (unsalted SHA-256 fingerprints) still matches; --update rewrites it with the slow hash', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.write('a.ts', `export const k = '${key}';\n`);
    const legacy = createHash('sha256').update('github-pat').update('\0').update(key).digest('hex').slice(0, 32);
    const sarif = runKeyguard(['scan', '.', '--format', 'sarif'], { cwd: repo.dir });
    expect(sarif.stdout).not.toContain(legacy);
    const old = { version: 1, entries: [{ fingerprint: legacy, ruleId: 'github-pat', file: 'a.ts' }] };
    repo.write('.keyguard-baseline.json', JSON.stringify(old));
    const scan = runKeyguard(['scan', '.', '--baseline', '.keyguard-baseline.json', '--format', 'json'], { cwd: repo.dir });
    expect(scan.code, scan.stderr).toBe(0);
    const updated = runKeyguard(['baseline', '--update'], { cwd: repo.dir });
    expect(updated.code, updated.stderr).toBe(0);
    const text = readFileSync(repo.path('.keyguard-baseline.json'), 'utf8');
    expect(text).not.toContain(legacy);
    const [entry] = (JSON.parse(text) as typeof old).entries;
    expect(entry).toMatchObject({ ruleId: 'github-pat', file: 'a.ts' });
    expect(sarif.stdout).toContain(entry!.fingerprint);
    expect(runKeyguard(['scan', '.', '--baseline', '.keyguard-baseline.json'], { cwd: repo.dir }).code).toBe(0);
  });
});

describe('config errors never print a pasted key', () => {
  it.each([
    ['disabledRules', (key: string) => ({ disabledRules: [key] })],
    ['allow.fingerprints', (key: string) => ({ allow: { fingerprints: [key] } })],
    ['allow.values (invalid regex)', (key: string) => ({ allow: { values: [`(${key}`] } })],
    ['customRules[].id', (key: string) => ({ customRules: [{ id: key, description: 'x', regex: 'x(y)' }] })],
    ['an unknown option named by the key', (key: string) => ({ [key]: true })],
    ['a wrong type holding the key', (key: string) => ({ includePublicKeys: key })],
    ['an unknown option of a custom rule named by the key', (key: string) => ({ customRules: [{ id: 'a-b', description: 'x', regex: 'x(y)', [key]: 1 }] })],
  ] as const)('%s', (_where, config) => {
    // the second is a key that is also a valid kebab-case word: an unknown rule id, still redacted
    const keys = [fakeKey.githubPat(), fakeKey.githubPat().toLowerCase().replace(/_/g, '-'), fakeKey.awsSecretAccessKey()];
    for (const key of _where === 'customRules[].id' ? [keys[0]!, keys[2]!] : keys) {
      const repo = createRepo();
      repo.write('keyguard.config.json', JSON.stringify(config(key)));
      const result = runKeyguard(['scan', '.'], { cwd: repo.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('keyguard.config.json: ');
      expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
      expect(result.stderr).not.toContain(key.slice(8, 24));
      expect(result.stderr).not.toContain(key.slice(0, 8));
    }
  });

  it('nor does a config or baseline that is not valid JSON next to the key, or a baseline field holding it', () => {
    const key = fakeKey.githubPat();
    for (const [file, text, args] of [
      ['keyguard.config.json', `{"disabledRules": [], "token": ${key}}`, ['scan', '.']],
      ['keyguard.config.json', `${key}\n`, ['scan', '.']],
      ['base.json', `{"version": 1, "entries": [${key}]}`, ['scan', '.', '--baseline', 'base.json']],
      ['base.json', JSON.stringify({ version: key, entries: [] }), ['scan', '.', '--baseline', 'base.json']],
    ] as const) {
      const repo = createRepo();
      repo.write('a.ts', 'export const a = 1;\n');
      repo.write(file, text);
      const result = runKeyguard([...args], { cwd: repo.dir });
      expect(result.code, text).toBe(2);
      expect(result.stderr, text).toContain(`${file}`);
      expect(result.stderr, text).not.toContain(key.slice(0, 8));
    }
  });

  it('prints no raw ESC, C1 or bidi control from a config value in an error', () => {
    for (const config of [{ disabledRules: ['\u001b[2J\u009b\u202eabcdefghijklmnop'] }, { customRules: [{ id: 'a-b', description: 'x', regex: 'x(y)', '\u001b[2Jx': 1 }] }]) {
      const repo = createRepo();
      repo.write('keyguard.config.json', JSON.stringify(config));
      const result = runKeyguard(['scan', '.'], { cwd: repo.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('keyguard.config.json: ');
      expect(result.stderr).not.toMatch(/[\u001b\u009b\u202e]/);
    }
  });
});

/** The CLI with a time bound: a read that hangs (a FIFO) or never ends (/dev/zero) fails the test instead of the run. */
function runBounded(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [cliBin, ...args], { cwd, env: testEnv(), encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined };
}

describe('config and baseline files that are not regular files', () => {
  const fifo = (path: string) => spawnSync('mkfifo', [path]).status === 0;

  it.each([
    ['keyguard.config.json', ['scan', '.']],
    ['custom.json', ['scan', '.', '--config', 'custom.json']],
    ['.keyguard-baseline.json', ['scan', '.', '--baseline', '.keyguard-baseline.json']],
  ] as const)('%s as a symlink to /dev/zero or a FIFO is exit 2 naming it, without hanging', (name, args) => {
    for (const plant of ['symlink', 'fifo'] as const) {
      const repo = createRepo();
      repo.write('a.ts', 'export const a = 1;\n');
      if (plant === 'symlink') symlinkSync('/dev/zero', repo.path(name));
      else if (!fifo(repo.path(name))) continue;
      const result = runBounded([...args], repo.dir);
      expect(result.timedOut, `${plant}: ${result.stderr}`).toBe(false);
      expect(result.code, `${plant}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(`${name}: `);
      expect(result.stderr).toMatch(/not a regular file/);
    }
  });

  it('a config over the size cap is exit 2 naming it', () => {
    const repo = createRepo();
    repo.write('keyguard.config.json', `{"disabledRules": [], "x": "${'a'.repeat(2 * 1024 * 1024)}"}`);
    const result = runBounded(['scan', '.'], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/keyguard\.config\.json: is larger than/);
  });
});

describe('files keyguard writes', () => {
  it('--output refuses a committed symlink and leaves the file it points to untouched (exit 2)', () => {
    const outside = createRepo();
    const victim = outside.write('victim.txt', 'precious\n');
    const repo = createRepo();
    repo.write('a.ts', 'export const a = 1;\n');
    symlinkSync(victim, repo.path('keyguard.sarif'));
    const result = runKeyguard(['scan', '.', '--format', 'sarif', '--output', 'keyguard.sarif'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/keyguard\.sarif: is a symlink/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('--output and baseline --update replace the file by rename (a hard link to the old one keeps the old text), leaving no temp file', () => {
    const repo = createRepo();
    repo.write('a.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.write('report.json', 'old report\n');
    linkSync(repo.path('report.json'), repo.path('old-report.json'));
    expect(runKeyguard(['scan', '.', '--format', 'json', '--output', 'report.json'], { cwd: repo.dir }).code).toBe(1);
    expect(readFileSync(repo.path('old-report.json'), 'utf8')).toBe('old report\n');
    expect(parseJsonReport(readFileSync(repo.path('report.json'), 'utf8')).findings).toHaveLength(1);
    expect(runKeyguard(['baseline'], { cwd: repo.dir }).code).toBe(0);
    linkSync(repo.path('.keyguard-baseline.json'), repo.path('old-baseline.json'));
    const before = readFileSync(repo.path('old-baseline.json'), 'utf8');
    repo.write('b.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    expect(runKeyguard(['baseline', '--update'], { cwd: repo.dir }).code).toBe(0);
    expect(readFileSync(repo.path('old-baseline.json'), 'utf8')).toBe(before);
    expect(readFileSync(repo.path('.keyguard-baseline.json'), 'utf8')).toContain('b.ts');
    expect(readdirSync(repo.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--output and baseline refuse a path through a committed symlink to a folder outside the repo (exit 2), leaving it untouched', () => {
    const outside = createRepo();
    const victim = outside.write('victim.txt', 'precious\n');
    const repo = createRepo();
    repo.write('a.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    symlinkSync(outside.dir, repo.path('out'));
    for (const args of [
      ['scan', '.', '--format', 'json', '--output', 'out/victim.txt'],
      ['scan', '.', '--format', 'json', '--output', 'out/new/report.json'],
      ['baseline', '--baseline', 'out/base.json'],
    ]) {
      const result = runKeyguard(args, { cwd: repo.dir });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/is in out, which is a symlink/);
    }
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readdirSync(outside.dir).filter((name) => !name.startsWith('.'))).toEqual(['victim.txt']);
  });

  it('baseline --update refuses a baseline that is a symlink', () => {
    const outside = createRepo();
    const victim = outside.write('victim.json', JSON.stringify({ version: 1, entries: [] }));
    const repo = createRepo();
    repo.write('a.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    symlinkSync(victim, repo.path('.keyguard-baseline.json'));
    const result = runKeyguard(['baseline', '--update'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a symlink/);
    expect(JSON.parse(readFileSync(victim, 'utf8'))).toEqual({ version: 1, entries: [] });
  });

  it('a stdout that cannot be written (> /dev/full) is exit 2 with a message, even on a clean tree', () => {
    const repo = createRepo();
    repo.write('a.ts', 'export const a = 1;\n');
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [cliBin, 'scan', '.'], { cwd: repo.dir, env: testEnv(), stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/cannot write the report to stdout \(ENOSPC\)/);
    } finally {
      closeSync(full);
    }
  });
});

describe('--staged and copies', () => {
  it.each([[undefined], ['copies']])('reports a key in a new file git could call a copy of a file also modified in the commit (diff.renames=%s)', (renames) => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.write('keys.js', `// old leak, committed before keyguard\nexport const token = '${key}';\nexport const a = 1;\n`);
    repo.commitAll('old');
    if (renames) repo.git('config', 'diff.renames', renames);
    repo.write('copy.js', readFileSync(repo.path('keys.js')));
    repo.write('keys.js', `// old leak, committed before keyguard\nexport const token = '${key}';\nexport const a = 2;\n`);
    repo.git('add', '.');
    const result = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(1);
    expect(parseJsonReport(result.stdout).findings).toMatchObject([{ file: 'copy.js', line: 2 }]);
  });
});

describe('the .env policy applies to every path, before any content check', () => {
  const binaryEnv = Buffer.concat([Buffer.from('API_KEY='), Buffer.from([0, 1, 2, 3]), Buffer.from('\n')]);
  const bigEnv = `API_KEY=${'x'.repeat(1024 * 1024 + 10)}\n`;
  const cases: Array<[string, string, string | Buffer]> = [
    ['a binary .env', '.env', binaryEnv],
    ['a .env over maxFileSize', 'config/.env.local', bigEnv],
    ['a .env in a folder whose name holds a newline', 'we\nird/.env', 'DEBUG=1\n'],
  ];

  it.each(cases)('--staged blocks %s', (_what, path, content) => {
    const repo = createRepo();
    repo.stage({ [path]: content });
    const result = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(1);
    expect(parseJsonReport(result.stdout).findings.map((f) => f.ruleId)).toEqual(['env-file-committed']);
  });

  it.each(cases)('scan . and --since block %s when it is committed', (_what, path, content) => {
    const repo = createRepo();
    repo.write('a.ts', 'export const a = 1;\n');
    const base = repo.commitAll('base');
    repo.write(path, content);
    repo.commitAll('env');
    for (const args of [['scan', '.'], ['scan', '--since', base]]) {
      const result = runKeyguard([...args, '--format', 'json'], { cwd: repo.dir });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(parseJsonReport(result.stdout).findings.map((f) => f.ruleId), args.join(' ')).toContain('env-file-committed');
    }
  });
});

describe('terminal output of untrusted strings', () => {
  it('prints no raw ESC, C1 or bidi control from file names, matches or --report-unused values', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    const name = `src/evil\u001b[31m\u009b2J\u202eexe.ts`;
    repo.write(name, `const token = '${key}';\nconst t2 = "\u001b]0;pwned\u0007${fakeKey.awsSecretAccessKey()}";\n`);
    repo.write('keyguard.config.json', JSON.stringify({ allow: { paths: ['nothing/\u001b[2J\u202e**'] } }));
    const result = runKeyguard(['scan', '.', '--report-unused'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('evil');
    expect(result.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(leakedSecrets([key], result.stdout)).toEqual([]);
  });
});

describe('--format github says what was not scanned', () => {
  it('a file over maxFileSize with a key is a ::warning annotation and the summary says it, not a plain "no secrets found"', () => {
    const repo = createRepo();
    // 1.2 MB: scanned in full by default (test/large-files.test.ts); here maxFileSize keeps it out
    repo.write('keyguard.config.json', JSON.stringify({ maxFileSize: 1_000_000 }));
    repo.write('dist/bundle.min.js', `${'var a=1;'.repeat(150_000)}const t='${fakeKey.githubPat()}';\n`);
    repo.write(`src/esc\u001b[2Jname.ts`, 'export const a = 1;\n');
    const result = runKeyguard(['scan', '.', '--format', 'github'], { cwd: repo.dir });
    expect(result.stdout).toMatch(/^::warning file=dist\/bundle\.min\.js,title=keyguard%3A not scanned::Not scanned: larger than maxFileSize/m);
    expect(result.stdout).toMatch(/^keyguard: no secrets found; 1 file not scanned$/m);
    expect(result.stdout).not.toMatch(/\u001b/);
  });
});

describe('files skipped by design are not passed over in silence', () => {
  it('a binary file and a submodule: github counts them in its summary, SARIF has a note for each (still valid SARIF)', () => {
    const repo = createRepo();
    repo.write('a.ts', 'export const a = 1;\n');
    const head = repo.commitAll('base');
    repo.write('logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`\nconst t = '${fakeKey.githubPat()}';\n`)]));
    repo.git('add', 'logo.png');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${head},vendor/lib`);
    const github = runKeyguard(['scan', '--staged', '--format', 'github'], { cwd: repo.dir });
    expect(github.code, github.stderr).toBe(0);
    expect(github.stdout).toMatch(/^keyguard: no secrets found; 2 skipped by design \(binary: 1, submodule: 1; see --format json\)$/m);
    const sarif = runKeyguard(['scan', '--staged', '--format', 'sarif'], { cwd: repo.dir });
    const log = JSON.parse(sarif.stdout) as {
      runs: Array<{ invocations?: Array<{ toolExecutionNotifications?: Array<{ level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }>;
    };
    const notes = log.runs[0]!.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((note) => [note.level, note.locations[0]!.physicalLocation.artifactLocation.uri, note.message.text.split(':')[0]]).sort()).toEqual([
      ['note', 'logo.png', 'Skipped by design (binary)'],
      ['note', 'vendor/lib', 'Skipped by design (submodule)'],
    ]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });
});

describe('SARIF says what was not scanned', () => {
  it('a file over maxFileSize is a toolExecutionNotifications entry of the run, not silence', () => {
    const repo = createRepo();
    repo.write('keyguard.config.json', JSON.stringify({ maxFileSize: 1_000_000 }));
    repo.write('dist/bundle.min.js', `${'var a=1;'.repeat(150_000)}const t='${fakeKey.githubPat()}';\n`);
    const result = runKeyguard(['scan', '.', '--format', 'sarif'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    const sarif = JSON.parse(result.stdout) as {
      runs: Array<{ invocations?: Array<{ toolExecutionNotifications?: Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }>;
    };
    const [notification] = sarif.runs[0]!.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notification?.message.text).toMatch(/^Not scanned: larger than maxFileSize/);
    expect(notification?.locations[0]!.physicalLocation.artifactLocation.uri).toBe('dist/bundle.min.js');
  });
});

describe('a config that allows paths away', () => {
  it('the summary says how many paths allow.paths kept out of the scan, and which config said so', () => {
    const repo = createRepo();
    repo.write('src/a.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.write('keyguard.config.json', JSON.stringify({ allow: { paths: ['**'] } }));
    const result = runKeyguard(['scan', '.'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/2 paths not scanned: allow\.paths in keyguard\.config\.json/);
  });

  it('JSON, github and SARIF say it too (SARIF: a notification of the invocation, still valid SARIF)', () => {
    const repo = createRepo();
    repo.write('src/a.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.write('keyguard.config.json', JSON.stringify({ allow: { paths: ['**'] } }));
    const json = runKeyguard(['scan', '.', '--format', 'json'], { cwd: repo.dir });
    expect(json.code, json.stderr).toBe(0);
    expect(parseJsonReport(json.stdout).stats).toMatchObject({ files: 0, allowedByConfig: { count: 2, config: 'keyguard.config.json' } });
    const github = runKeyguard(['scan', '.', '--format', 'github'], { cwd: repo.dir });
    expect(github.stdout).toMatch(/^::notice file=keyguard\.config\.json,title=keyguard%3A paths allowed by config::2 paths not scanned: allow\.paths in keyguard\.config\.json/m);
    expect(github.stdout).toMatch(/^keyguard: no secrets found; 2 paths not scanned: allow\.paths in keyguard\.config\.json$/m);
    const sarif = runKeyguard(['scan', '.', '--format', 'sarif'], { cwd: repo.dir });
    const log = JSON.parse(sarif.stdout) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: unknown[] }> }> };
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([
      {
        level: 'note',
        message: { text: '2 paths not scanned: allow.paths in keyguard.config.json. Keys in them are not looked for.' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'keyguard.config.json', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });
});
