import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { parseScanArgs } from '../src/main.js';

describe('parseScanArgs', () => {
  it('reads every option of the CLI contract', () => {
    const options = parseScanArgs(
      ['--format', 'json', '--output', 'out.json', '--config', 'k.json', '--quiet', '--baseline', 'b.json', '--no-inline-ignores', '--report-unused', '--threads', '3', 'src', 'lib'],
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
      threads: 3,
      cwd: '/repo',
    });
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
    [['--since'], /argument missing/],
  ])('rejects %j with a usage error', (args, message) => {
    expect(() => parseScanArgs(args, '/repo')).toThrow(UsageError);
    expect(() => parseScanArgs(args, '/repo')).toThrow(message);
  });
});
