import { fingerprint, redact, type Finding, type Rule } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, formatSarif, relativeUri, toSarif } from '../src/report/sarif.js';
import { sarifSchemaErrors } from './fixtures/sarif-validator.js';
import { testSecret } from '@keyguard/core/testing';

// Test secrets are assembled at run time so this file holds no live-looking key.
const secret = testSecret('github-pat');

const rules: Array<Pick<Rule, 'id' | 'description' | 'severity' | 'fix'>> = [
  { id: 'github-pat', description: 'GitHub personal access token', severity: 'error', fix: 'Read it from process.env.GITHUB_TOKEN and revoke this token.' },
  { id: 'generic-api-key', description: 'API key', severity: 'warning', fix: 'Move it to an environment variable.' },
];

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'github-pat',
    message: `GitHub personal access token (${redact(secret)})`,
    file: 'src/dir with space/é.ts',
    line: 3,
    column: 15,
    endLine: 3,
    endColumn: 15 + secret.length,
    match: redact(secret),
    fingerprint: fingerprint('github-pat', secret),
    severity: 'error',
    fix: 'Read it from process.env.GITHUB_TOKEN and revoke this token.',
    ...overrides,
  };
}

describe('SARIF report', () => {
  it('validates against the SARIF 2.1.0 schema, with findings and without', () => {
    const withFindings = toSarif(
      [finding(), finding({ ruleId: 'generic-api-key', severity: 'warning', commit: 'a'.repeat(40) })],
      { rules, toolVersion: '0.1.0', cwd: '/repo' },
    );
    expect(sarifSchemaErrors(withFindings)).toEqual([]);
    expect(sarifSchemaErrors(toSarif([], { rules, toolVersion: '0.1.0', cwd: '/repo' }))).toEqual([]);
  });

  it('the schema check fails on a broken document (the validator is not a no-op)', () => {
    const log = toSarif([finding()], { rules, toolVersion: '0.1.0', cwd: '/repo' }) as unknown as {
      runs: Array<{ results: Array<Record<string, unknown>> }>;
    };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(sarifSchemaErrors(log).length).toBeGreaterThan(0);
  });

  it('describes every rule with name, descriptions, help with the fix and a default level', () => {
    const [pat, generic] = toSarif([], { rules, toolVersion: '0.1.0', cwd: '/repo' }).runs[0]!.tool.driver.rules;
    expect(pat).toMatchObject({
      id: 'github-pat',
      name: 'GithubPat',
      shortDescription: { text: expect.stringContaining('GitHub personal access token') },
      fullDescription: { text: expect.stringContaining('GitHub personal access token') },
      help: { text: expect.stringContaining('process.env.GITHUB_TOKEN') },
      defaultConfiguration: { level: 'error' },
    });
    expect(generic!.defaultConfiguration.level).toBe('warning');
  });

  it('locates a result by a relative, percent-encoded URI and a 1-based region', () => {
    const [result] = toSarif([finding()], { rules, toolVersion: '0.1.0', cwd: '/repo' }).runs[0]!.results;
    expect(result).toMatchObject({
      ruleId: 'github-pat',
      ruleIndex: 0,
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/dir%20with%20space/%C3%A9.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 15, endLine: 3, endColumn: 15 + secret.length },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint('github-pat', secret) },
    });
  });

  it('makes URIs relative to the repository root when the scan ran in a subfolder', () => {
    const [result] = toSarif([finding({ file: 'config.ts' })], {
      rules,
      toolVersion: '0.1.0',
      cwd: '/repo/packages/app',
      srcRoot: '/repo',
    }).runs[0]!.results;
    expect(result!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('packages/app/config.ts');
  });

  it('carries the commit, author date and commit list of a history finding in properties', () => {
    const history = { ...finding({ commit: 'b'.repeat(40) }), authorDate: '2024-05-06T07:08:09+00:00', commits: ['b'.repeat(40), 'c'.repeat(40)] };
    const [result] = toSarif([history], { rules, toolVersion: '0.1.0', cwd: '/repo' }).runs[0]!.results;
    expect(result!.properties).toEqual({ commit: 'b'.repeat(40), authorDate: '2024-05-06T07:08:09+00:00', commits: ['b'.repeat(40), 'c'.repeat(40)] });
  });

  it('describes checks outside the catalog from their finding (a committed .env file)', () => {
    const env = finding({ ruleId: 'env-file-committed', message: 'Environment file .env must not be committed', match: '.env', fix: 'git rm --cached .env' });
    const log = toSarif([env], { rules, toolVersion: '0.1.0', cwd: '/repo' });
    expect(sarifSchemaErrors(log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.results[0]!.ruleIndex).toBe(rules.length);
    expect(run.tool.driver.rules[rules.length]).toMatchObject({ id: 'env-file-committed', help: { text: expect.stringContaining('git rm --cached .env') } });
  });

  it('never holds the secret: only the redacted match as snippet', () => {
    const text = formatSarif([finding()], { rules, toolVersion: '0.1.0', cwd: '/repo' });
    expect(text.includes(secret)).toBe(false);
    expect(text).toContain(JSON.stringify(redact(secret)));
  });

  it('encodes reserved characters of a path segment', () => {
    expect(relativeUri('a/b#c?d%e/f g')).toBe('a/b%23c%3Fd%25e/f%20g');
  });
});

describe('files not scanned', () => {
  it('are toolExecutionNotifications of the run, and the document stays valid SARIF 2.1.0', () => {
    const sarif = toSarif([], {
      rules: [],
      toolVersion: '0.0.0',
      cwd: '/repo',
      skipped: [
        { file: 'dist/big.js', kind: 'too-large', reason: 'larger than maxFileSize (2000000 > 1048576 bytes)' },
        { file: 'img.png', kind: 'binary', reason: 'binary' },
      ],
    });
    const notifications = sarif.runs[0]!.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notifications.map((n) => [n.level, n.message.text])).toEqual([
      ['warning', 'Not scanned: larger than maxFileSize (2000000 > 1048576 bytes). A key in this file would not be found.'],
      // skipped by design: a note, not silence (issue 13, item 5)
      ['note', 'Skipped by design (binary): keyguard does not scan binary files.'],
    ]);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
  });

  it('are errors when they fail the run (failOnUnscanned), and paths allow.paths kept out are a note naming the config; still valid SARIF', () => {
    const sarif = toSarif([], {
      rules: [],
      toolVersion: '0.0.0',
      cwd: '/repo',
      failOnUnscanned: true,
      skipped: [{ file: 'dist/big.js', kind: 'too-large', reason: 'larger than maxFileSize (2000000 > 1048576 bytes)' }],
      allowedByConfig: { count: 3, config: 'package.json#keyguard' },
    });
    const notifications = sarif.runs[0]!.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notifications.map((n) => [n.level, n.message.text, n.locations?.[0]?.physicalLocation.artifactLocation.uri])).toEqual([
      ['error', 'Not scanned: larger than maxFileSize (2000000 > 1048576 bytes). A key in this file would not be found. failOnUnscanned is on: the run fails.', 'dist/big.js'],
      ['note', '3 paths not scanned: allow.paths in package.json#keyguard. Keys in them are not looked for.', 'package.json'],
    ]);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
  });
});
