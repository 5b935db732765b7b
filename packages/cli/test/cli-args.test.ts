import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { parseBaselineArgs, parseScanArgs } from '../src/main.js';

describe('parseScanArgs', () => {
  it('reads every option of the CLI contract', () => {
    const options = parseScanArgs(
      ['--format', 'json', '--output', 'out.json', '--config', 'k.json', '--quiet', '--baseline', 'b.json', '--no-inline-ignores', '--report-unused', 'src', 'lib'],
      '/repo',
    );
    expect(options).toEqual({
      paths: ['src', 'lib'],
      staged: false,
      since: undefined,
      history: false,
      allLines: false,
      format: 'json',
      output: 'out.json',
      config: 'k.json',
      quiet: true,
      baseline: 'b.json',
      inlineIgnores: false,
      reportUnused: true,
      threads: undefined,
      cwd: '/repo',
    });
  });

  it('reads --threads for history scans and scans of files', () => {
    expect(parseScanArgs(['--since', 'main', '--threads', '3'], '/repo')).toMatchObject({ since: 'main', threads: 3 });
    expect(parseScanArgs(['--history', '--threads', '1'], '/repo')).toMatchObject({ history: true, threads: 1 });
    expect(parseScanArgs(['--threads', '2', 'src'], '/repo')).toMatchObject({ paths: ['src'], threads: 2 });
  });

  it('reads --staged --all-lines with absolute paths', () => {
    expect(parseScanArgs(['--staged', '--all-lines', '/repo/a b.ts'], '/repo')).toMatchObject({ staged: true, allLines: true, paths: ['/repo/a b.ts'] });
  });

  it.each([
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--format', 'xml'], /--format must be one of text, json, sarif, github, got 'xml'/],
    [['--staged', '--since', 'main'], /--staged and --since cannot be combined/],
    [['--all-lines'], /--all-lines only applies to --staged/],
    [['--since', 'main', 'src'], /PATH arguments cannot be combined with --since/],
    [['--threads', '0'], /--threads needs a whole number of at least 1, got '0'/],
    [['--staged', '--threads', '2'], /--threads does not apply to --staged/],
    [['--since'], /argument missing/],
  ])('rejects %j with a usage error', (args, message) => {
    expect(() => parseScanArgs(args, '/repo')).toThrow(UsageError);
    expect(() => parseScanArgs(args, '/repo')).toThrow(message);
  });
});

describe('parseBaselineArgs', () => {
  it('reads what baseline honours: PATHs, --baseline, --update, --config and --quiet', () => {
    expect(parseBaselineArgs(['--update', '--baseline', 'ci/b.json', '-c', 'k.json', '-q', 'src', 'lib'], '/repo')).toEqual({
      cwd: '/repo',
      paths: ['src', 'lib'],
      staged: false,
      since: undefined,
      history: false,
      threads: undefined,
      baseline: 'ci/b.json',
      update: true,
      config: 'k.json',
      quiet: true,
    });
  });

  it('reads the scan sources: --staged with PATHs, --since and --history with --threads', () => {
    expect(parseBaselineArgs(['--staged', 'src'], '/repo')).toMatchObject({ staged: true, paths: ['src'] });
    expect(parseBaselineArgs(['--since', 'main', '--threads', '2'], '/repo')).toMatchObject({ since: 'main', threads: 2, paths: [] });
    expect(parseBaselineArgs(['--history'], '/repo')).toMatchObject({ history: true });
    expect(parseBaselineArgs(['--help'], '/repo')).toBe('help');
  });

  it.each([
    [['--format', 'json'], '--format'],
    [['-f', 'sarif'], '-f (--format)'],
    [['--output', 'b.json'], '--output'],
    [['-o', 'b.json'], '-o (--output)'],
    [['--output=b.json'], '--output'],
    [['--staged', '--all-lines'], '--all-lines'],
    [['--no-inline-ignores'], '--no-inline-ignores'],
    [['--report-unused'], '--report-unused'],
  ])('rejects the scan-only option in %j, naming it as typed and saying it applies to scan', (args, spelled) => {
    expect(() => parseBaselineArgs(args, '/repo')).toThrow(UsageError);
    expect(() => parseBaselineArgs(args, '/repo')).toThrow(`${spelled} applies to \`keyguard scan\`, not \`keyguard baseline\`: `);
  });

  it.each([
    [['--staged', '--history'], /--staged and --history cannot be combined/],
    [['--since', 'main', 'src'], /PATH arguments cannot be combined with --since/],
    [['--history', 'src'], /PATH arguments cannot be combined with --history/],
    [['--since='], /--since needs a revision/],
    [['--staged', '--threads', '2'], /--threads does not apply to --staged/],
    [['--history', '--threads', 'many'], /--threads needs a whole number of at least 1, got 'many'/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('rejects %j as scan does', (args, message) => {
    expect(() => parseBaselineArgs(args, '/repo')).toThrow(UsageError);
    expect(() => parseBaselineArgs(args, '/repo')).toThrow(message);
  });
});
