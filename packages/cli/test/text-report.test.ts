import { fingerprint, redact, type Finding } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import { envFileFinding } from '../src/env-files.js';
import { textReporter } from '../src/report/text.js';
import type { ReporterContext, ScanReport } from '../src/report/types.js';

const secret = ['ab', 'cd'].join('') + 'Q7zX9kLm2Pw4Rt6Yv8Nb';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'x-api-key-header',
    message: `API key given to the x-api-key header (${redact(secret)})`,
    file: 'src/client.ts',
    line: 3,
    column: 18,
    endLine: 3,
    endColumn: 18 + secret.length,
    match: redact(secret),
    fingerprint: fingerprint('x-api-key-header', secret),
    severity: 'error',
    fix: 'Keep the Deframe API key in a server-side environment variable (DEFRAME_API_KEY).',
    ...overrides,
  };
}

const context: ReporterContext = { color: false, quiet: false, cwd: '/repo', rules: [], version: '0.1.0' };
const report = (mode: ScanReport['mode'], findings: Finding[]): ScanReport => ({
  mode,
  findings,
  unused: [],
  failOnUnscanned: mode === 'staged',
  stats: { files: 4, bytes: 2048, durationMs: 12, skipped: [{ file: 'logo.png', kind: 'binary', reason: 'binary' }] },
});

describe('text reporter', () => {
  it('prints file:line:col, the rule, the redacted match and the fix, then a summary', () => {
    const out = textReporter(report('files', [finding()]), context);
    expect(out).toContain('src/client.ts:3:18  error  API key given to the x-api-key header');
    expect(out).toContain('x-api-key-header');
    expect(out).toContain(`match: ${redact(secret)}`);
    expect(out).toContain('fix: Keep the Deframe API key');
    expect(out).toContain('✖ keyguard: 1 finding in 1 file (scanned 4 files, 2.0 KB in 12 ms; 1 skipped (see --format json))');
    expect(out).not.toContain(secret);
  });

  it('at commit time says what to do: the env var, the .env advice, the ignore comment', () => {
    const out = textReporter(report('staged', [finding(), envFileFinding('.env.local', '.env.local', 3)]), context);
    expect(out).toContain('keyguard blocked this commit: 2 findings in 2 files staged.');
    expect(out).toContain('process.env.DEFRAME_API_KEY');
    expect(out).toContain('git rm --cached');
    expect(out).toMatch(/\/\/ keyguard-ignore-next-line [a-z0-9-]+ -- <reason>/);
  });

  it('leaves the .env advice out when no env file is staged', () => {
    const out = textReporter(report('staged', [finding({ ruleId: 'github-pat', fix: 'Revoke the token on GitHub and read it from the environment.' })]), context);
    expect(out).toContain('process.env.GITHUB_TOKEN');
    expect(out).not.toContain('unstage the env file');
  });

  it('prints nothing with --quiet when nothing is found, and only findings otherwise', () => {
    expect(textReporter(report('files', []), { ...context, quiet: true })).toBe('');
    expect(textReporter(report('files', [finding()]), { ...context, quiet: true })).not.toContain('keyguard:');
  });

  it('uses ANSI colours only when asked to', () => {
    const escape = String.fromCharCode(27);
    expect(textReporter(report('files', [finding()]), context)).not.toContain(escape);
    expect(textReporter(report('files', [finding()]), { ...context, color: true })).toContain(`${escape}[1m`);
  });
});

describe('text reporter: files left unscanned', () => {
  it('names a text file skipped for its size, and gives no green tick', () => {
    const skipped: ScanReport['stats']['skipped'] = [
      { file: 'logo.png', kind: 'binary', reason: 'binary' },
      { file: 'dist/big.js', kind: 'too-large', reason: 'larger than maxFileSize (5242880 > 1048576 bytes)' },
    ];
    const out = textReporter({ mode: 'staged', findings: [], unused: [], failOnUnscanned: false, stats: { files: 1, bytes: 10, durationMs: 1, skipped } }, context);
    expect(out).toContain('⚠ not scanned: dist/big.js — larger than maxFileSize (5242880 > 1048576 bytes)');
    expect(out).not.toContain('not scanned: logo.png');
    expect(out).toContain('⚠ keyguard: no keys found in the files scanned');
    expect(out).not.toContain('✔');
  });

  it('keeps the green tick when only binary files were skipped', () => {
    expect(textReporter(report('files', []), context)).toContain('✔ keyguard: no keys found (scanned 4 files');
  });
});

describe('text reporter: odd file names', () => {
  it('keeps a finding on one line when its file name holds a newline', () => {
    const out = textReporter(report('files', [finding({ file: 'nl\nname.js' })]), context);
    expect(out).toContain('"nl\\nname.js":3:18  error');
    expect(out.split('\n').some((line) => line.startsWith('name.js'))).toBe(false);
  });
});
