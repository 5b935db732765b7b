/**
 * The CI report formats end to end: `--format sarif` (validated against the official SARIF
 * 2.1.0 schema), `--format github` (workflow annotations) and `--output`, from the built CLI.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sarifSchemaErrors } from '../packages/cli/test/fixtures/sarif-validator.js';
import { requireBuiltCli, runKeyguard } from './helpers/cli.js';
import { createRepo, removeTempDirs } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

interface SarifShape {
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string } }> } };
    results: Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, unknown> } }>;
      partialFingerprints: Record<string, string>;
      properties?: { commit?: string; commits?: string[] };
    }>;
  }>;
}

describe('--format sarif', () => {
  it('writes SARIF that validates against the 2.1.0 schema, for a history scan with findings', () => {
    const repo = createRepo();
    repo.write('README.md', '# app\n');
    const base = repo.commitAll('base');
    const keys = [fakeKey.githubPat(), fakeKey.stripeSecret()];
    repo.write('packages/app/src/pay ment.ts', `export const stripe = '${keys[1]}';\n`);
    repo.write('src/gh.ts', `export const token = '${keys[0]}';\n`);
    const commit = repo.commitAll('keys');

    const result = runKeyguard(['scan', '--since', base, '--format', 'sarif'], { cwd: repo.path('packages/app') });
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as SarifShape;
    expect(sarifSchemaErrors(log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('keyguard');
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(expect.arrayContaining(['github-pat', 'stripe-secret-key']));
    // URIs are relative to the repository root (where GitHub resolves them), not to the cwd.
    const uris = run.results.map((entry) => entry.locations[0]!.physicalLocation.artifactLocation.uri).sort();
    expect(uris).toEqual(['packages/app/src/pay%20ment.ts', 'src/gh.ts']);
    for (const entry of run.results) {
      expect(Object.values(entry.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
      expect(entry.properties).toMatchObject({ commit, commits: [commit] });
      expect(entry.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 1, startColumn: expect.any(Number), endColumn: expect.any(Number) });
    }
    expect(leakedSecrets(keys, result.stdout, result.stderr)).toEqual([]);
  });

  it('writes valid SARIF with no results for a clean files scan, exit 0', () => {
    const repo = createRepo();
    repo.write('a.ts', 'export const n = 1;\n');
    const result = runKeyguard(['scan', '--format', 'sarif'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const log = JSON.parse(result.stdout) as SarifShape;
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results).toEqual([]);
  });
});

describe('--output', () => {
  it('writes the report to the file, prints nothing on stdout and keeps exit code 1', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.write('a.ts', `const t = '${key}';\n`);
    mkdirSync(repo.path('reports'));
    const result = runKeyguard(['scan', '--format', 'sarif', '--output', 'reports/keyguard.sarif'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const written = readFileSync(repo.path('reports/keyguard.sarif'), 'utf8');
    expect(sarifSchemaErrors(JSON.parse(written))).toEqual([]);
    expect((JSON.parse(written) as SarifShape).runs[0]!.results).toHaveLength(1);
    expect(leakedSecrets([key], written)).toEqual([]);
  });

  it('keeps exit code 0 when nothing is found', () => {
    const repo = createRepo();
    repo.write('a.ts', 'export const n = 1;\n');
    const result = runKeyguard(['scan', '--format', 'github', '--output', 'out.txt'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(readFileSync(repo.path('out.txt'), 'utf8')).toBe('keyguard: no secrets found\n');
  });

  it('fails with exit 2 naming the file when it cannot be written', () => {
    const repo = createRepo();
    repo.write('a.ts', 'export const n = 1;\n');
    // A missing folder is created (test/cli-edges.test.ts); a file in the folder's place cannot be.
    const result = runKeyguard(['scan', '--format', 'sarif', '--output', 'a.ts/out.sarif'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('a.ts/out.sarif');
  });
});

describe('--format github', () => {
  it('prints one ::error annotation per finding with file, line, col, endLine, endColumn and title', () => {
    const repo = createRepo();
    repo.write('README.md', '# app\n');
    const base = repo.commitAll('base');
    const key = fakeKey.githubPat();
    repo.write('src/a, b: c.ts', `const token = '${key}';\n`);
    const commit = repo.commitAll('key');
    const result = runKeyguard(['scan', '--since', base, '--format', 'github'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    const [annotation, summary] = result.stdout.trimEnd().split('\n');
    expect(annotation).toMatch(
      new RegExp(
        `^::error file=src/a%2C b%3A c\\.ts,line=1,col=16,endLine=1,endColumn=${16 + key.length},title=keyguard github-pat::` +
          `GitHub personal access token \\(ghp_.*\\)\\.%0A.*%0AAdded in commit ${commit.slice(0, 12)} `,
      ),
    );
    expect(summary).toBe('keyguard: 1 finding');
    expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
  });
});

describe('--report-unused in CI formats', () => {
  const unusedFingerprint = 'deadbeef'.repeat(4);
  function repoWithUnusedIgnore() {
    const repo = createRepo();
    repo.write('keyguard.config.json', JSON.stringify({ allow: { fingerprints: [unusedFingerprint] } }));
    repo.write('a.ts', 'export const n = 1;\n');
    repo.commitAll('clean');
    return repo;
  }

  it('says in SARIF why the scan failed: a tool configuration notification that validates', () => {
    const result = runKeyguard(['scan', '--report-unused', '--format', 'sarif'], { cwd: repoWithUnusedIgnore().dir });
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as { runs: Array<{ invocations?: Array<{ toolConfigurationNotifications: Array<{ message: { text: string } }> }> }> };
    expect(sarifSchemaErrors(log)).toEqual([]);
    const notes = log.runs[0]!.invocations?.[0]?.toolConfigurationNotifications ?? [];
    expect(notes.map((note) => note.message.text)).toEqual([expect.stringContaining(unusedFingerprint)]);
  });

  it('says in GitHub annotations why the scan failed', () => {
    const result = runKeyguard(['scan', '--report-unused', '--format', 'github'], { cwd: repoWithUnusedIgnore().dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^::warning file=keyguard\\.config\\.json,title=keyguard unused ignore::Unused fingerprint ignore .*${unusedFingerprint}`, 'm'));
    expect(result.stdout).toContain('keyguard: 1 unused ignore');
  });
});
