/**
 * The plugin where users lint without a hand-made config: oxlint's `jsPlugins` (the Vite
 * template ships oxlint, not ESLint), and ESLint with nothing but
 * `export default [...keyguard.configs.recommended]` in a project without typescript-eslint.
 * One npm install of the packed plugin and oxlint (npm adds ESLint, the plugin's peer).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, workspaceRoot } from './helpers/cli.js';
import { removeTempDirs, tempDir } from './helpers/git.js';
import { managerEnv, packAll } from './helpers/package-managers.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

const env = managerEnv('npm');
const key = fakeKey.stripeSecret();
let project: string;

beforeAll(() => {
  project = tempDir('keyguard-lint-setups-');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'vite-like', private: true, type: 'module' }));
  const install = run('npm', ['install', '--loglevel=error', 'oxlint@1.96.0', `${packAll()}/packed/keyguard-eslint-plugin.tgz`], { cwd: project, env });
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'src/config.ts'), `const stripe: string = '${key}';\nexport default stripe;\n`);
  writeFileSync(join(project, 'src/App.tsx'), `export const App = (): JSX.Element => <div data-key={'${key}'} />;\n`);
  writeFileSync(join(project, 'src/main.jsx'), `export const Main = () => <p>{'${key}'}</p>;\n`);
}, 300_000);
afterAll(() => removeTempDirs());

describe('oxlint with jsPlugins', () => {
  it('runs the README\'s .oxlintrc.json (the recommended rules) on TS, TSX and JSX files, redacted, and fails the run', async () => {
    const readme = readFileSync(join(workspaceRoot, 'packages/eslint-plugin/README.md'), 'utf8');
    const block = /### oxlint[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    if (block === undefined) throw new Error('packages/eslint-plugin/README.md has no oxlint JSON block');
    const plugin = (await import(pathToFileURL(join(workspaceRoot, 'packages/eslint-plugin/dist/index.js')).href)) as {
      default: { configs: { recommended: Array<{ name?: string; rules?: Record<string, unknown> }> } };
    };
    expect(Object.keys((JSON.parse(block) as { rules: object }).rules).sort()).toEqual(Object.keys(plugin.default.configs.recommended.find((config) => config.name === '@keyguard/recommended')?.rules ?? {}).sort());
    writeFileSync(join(project, '.oxlintrc.json'), block);
    const result = run('npx', ['--no-install', 'oxlint', '-A', 'all', '--format', 'json', 'src'], { cwd: project, env });
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ code: string; filename: string }> };
    expect(report.diagnostics.map((d) => `${d.filename} ${d.code}`).sort()).toEqual([
      'src/App.tsx @keyguard(no-hardcoded-api-key)',
      'src/config.ts @keyguard(no-hardcoded-api-key)',
      'src/main.jsx @keyguard(no-hardcoded-api-key)',
    ]);
    expect(result.code).toBe(1);
    expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
  });
});

describe('ESLint with only keyguard.configs.recommended and no typescript-eslint', () => {
  it('lints JSX, and a TypeScript file is a parsing error that says what to install, never a silent pass', () => {
    writeFileSync(join(project, 'eslint.config.js'), "import keyguard from '@keyguard/eslint-plugin';\nexport default [...keyguard.configs.recommended];\n");
    const result = run('npx', ['--no-install', 'eslint', '--format', 'json', 'src'], { cwd: project, env });
    const files = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; fatal?: boolean; message: string }> }>;
    const byFile = Object.fromEntries(files.map((file) => [file.filePath.slice(project.length + 1), file.messages]));
    expect(byFile['src/main.jsx']?.map((m) => m.ruleId)).toEqual(['@keyguard/no-hardcoded-api-key']);
    for (const file of ['src/config.ts', 'src/App.tsx']) {
      expect(byFile[file]?.[0]?.fatal, file).toBe(true);
      expect(byFile[file]?.[0]?.message).toContain('is TypeScript and @typescript-eslint/parser is not installed: run `npm install --save-dev typescript-eslint`');
    }
    expect(result.code).toBe(1);
  });
});
