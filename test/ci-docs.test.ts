/**
 * docs/ci.md stays true: the GitHub workflow it shows is the example file, every keyguard
 * command in it uses real options, and the generic shell recipe runs as written on a real
 * shallow CI-like checkout.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkWorkspaceTools, requireBuiltCli, run, runKeyguard, workspaceRoot } from './helpers/cli.js';
import { createRepo, git, removeTempDirs, tempDir } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

const doc = readFileSync(join(workspaceRoot, 'docs/ci.md'), 'utf8');
const example = readFileSync(join(workspaceRoot, 'examples/github-actions/keyguard.yml'), 'utf8');

/** The fenced code blocks of a language in the doc, in order. */
function blocks(language: string): string[] {
  return [...doc.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!);
}

describe('docs/ci.md', () => {
  it('shows the example GitHub Actions workflow verbatim', () => {
    expect(blocks('yaml')[0]).toBe(example);
  });

  it('the workflow fetches full history, runs ESLint and keyguard --since the base, and uploads SARIF', () => {
    expect(example).toMatch(/fetch-depth: 0/);
    expect(example).toMatch(/run: npx --no-install eslint \./);
    expect(example).toMatch(/^  actions: read\b/m);
    // Annotations even when ESLint failed first.
    expect(example).toMatch(/- name: keyguard scan of every commit in the pull request\n\s+if: always\(\) && github\.event_name == 'pull_request'/);
    expect(example).toContain('npx --no-install keyguard scan --since "origin/${{ github.base_ref }}"');
    expect(example).toMatch(/uses: github\/codeql-action\/upload-sarif@v\d+/);
    expect(example).toMatch(/sarif_file: keyguard\.sarif/);
  });

  it('the pnpm and Yarn variants are the same workflow with their install and run lines (node scripts/workflow-variants.mjs)', async () => {
    const { variant } = (await import(pathToFileURL(join(workspaceRoot, 'scripts/workflow-variants.mjs')).href)) as {
      variant: (workflow: string, name: string) => string;
    };
    for (const name of ['pnpm', 'yarn']) {
      const text = readFileSync(join(workspaceRoot, `examples/github-actions/keyguard-${name}.yml`), 'utf8');
      expect(text).toBe(variant(example, name));
      expect(text).not.toContain('npx');
    }
  });

  it('every keyguard command in the docs uses options keyguard knows', () => {
    const help = runKeyguard(['--help'], { cwd: workspaceRoot }).stdout;
    const commands = [...doc.matchAll(/npx --no-install keyguard ([^\n`|]*)/g)].map((match) => match[1]!);
    expect(commands.length).toBeGreaterThan(5);
    for (const command of commands) {
      for (const option of command.match(/--[a-z-]+/g) ?? []) {
        expect(help, `${option} in "npx --no-install keyguard ${command}"`).toContain(option);
      }
    }
  });
});

describe('the shell recipe', () => {
  it('unshallows a depth-1 checkout and fails on a key committed and removed in the branch', () => {
    // "origin": main with one commit, and a feature branch that adds a key and removes it.
    const origin = createRepo('keyguard-origin-');
    origin.write('src/app.js', 'export const n = 1;\n');
    origin.write('eslint.config.js', 'export default [{}];\n');
    origin.commitAll('base');
    origin.git('checkout', '-q', '-b', 'feature');
    const key = fakeKey.githubPat();
    origin.write('src/app.js', `export const token = '${key}';\n`);
    origin.commitAll('add key');
    origin.write('src/app.js', 'export const token = process.env.GITHUB_TOKEN;\n');
    origin.commitAll('remove key');

    // A CI checkout: one commit of the feature branch, no base branch.
    const ci = tempDir('keyguard-ci-');
    git(ci, ['clone', '-q', '--depth', '1', '--branch', 'feature', '--no-local', `file://${origin.dir}`, 'work']);
    const work = join(ci, 'work');
    linkWorkspaceTools(work);
    const eslintBin = join(work, 'node_modules/.bin/eslint');
    if (!existsSync(eslintBin)) symlinkSync(join(workspaceRoot, 'node_modules/eslint/bin/eslint.js'), eslintBin);
    const recipe = blocks('sh').find((block) => block.includes('BASE_BRANCH'))!;
    writeFileSync(join(ci, 'keyguard-ci.sh'), recipe);

    const result = run('sh', [join(ci, 'keyguard-ci.sh'), '--format', 'json'], { cwd: work });
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ file: string; ruleId: string }> };
    expect(report.findings.map((finding) => [finding.file, finding.ruleId])).toEqual([['src/app.js', 'github-pat']]);
    expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
    expect(git(work, ['rev-parse', '--is-shallow-repository']).trim()).toBe('false');
  });
});
