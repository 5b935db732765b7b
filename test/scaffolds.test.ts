/**
 * The README's quick start in real scaffolded projects, as a new user runs it: create-next-app
 * (npm, ESLint, App Router) and create-vite react-ts (pnpm, oxlint). The README's install line
 * for the packed tarballs, `keyguard init`, keyguard's rules added to the project's own lint
 * config, then a key planted in a client component: the commit is blocked and the linter flags
 * it as client-side code.
 *
 * Heavy (each scaffold installs a framework from the npm registry: about 2 minutes for Next.js
 * on a 2-core machine), so it runs only with KEYGUARD_E2E_SCAFFOLDS=1; vitest lists the tests
 * as skipped otherwise. The scaffolders' versions are pinned so the test does not drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './helpers/cli.js';
import { git, removeTempDirs, tempDir, TempRepo } from './helpers/git.js';
import { installLine, managerEnv, packAll, runner, type Manager } from './helpers/package-managers.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

const enabled = process.env.KEYGUARD_E2E_SCAFFOLDS === '1';
const TIMEOUT = 900_000;
afterAll(() => removeTempDirs());

function ok(result: { code: number; stdout: string; stderr: string }, what: string) {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  return result;
}

/** The README's install line and `<runner> init` in the scaffolded project. */
function quickStart(repo: TempRepo, manager: Manager, env: Record<string, string | undefined>) {
  ok(run('sh', ['-c', installLine(manager)], { cwd: repo.dir, env: { ...env, KEYGUARD: packAll() } }), installLine(manager));
  return ok(run('sh', ['-c', `${runner[manager]} init`], { cwd: repo.dir, env }), `${runner[manager]} init`);
}

/** A client component that calls Stripe with a hardcoded secret key. */
function payButton(key: string, useClient: boolean): string {
  return `${useClient ? '"use client";\n\n' : ''}export default function PayButton() {
  const pay = () =>
    fetch("https://api.stripe.com/v1/charges", {
      method: "POST",
      headers: { Authorization: "Bearer ${key}" },
    });
  return <button onClick={pay}>Pay</button>;
}
`;
}

function expectBlocked(repo: TempRepo, env: Record<string, string | undefined>, file: string, line: number, key: string): void {
  const blocked = repo.gitResult(['commit', '-m', 'pay'], { env });
  const output = blocked.stdout + blocked.stderr;
  expect(blocked.code, output).not.toBe(0);
  expect(output).toContain(`${file}:${line}:`);
  expect(output).toContain('keyguard blocked this commit');
  expect(leakedSecrets([key], blocked.stdout, blocked.stderr)).toEqual([]);
}

describe.skipIf(!enabled)('create-next-app (npm, ESLint)', () => {
  it(
    'blocks a key in a client component at commit, and ESLint flags it as client-side',
    () => {
      const env = managerEnv('npm');
      const parent = tempDir('keyguard-next-');
      ok(
        run('npx', ['-y', 'create-next-app@16.4.3', 'app', '--ts', '--eslint', '--app', '--src-dir', '--no-tailwind', '--import-alias', '@/*', '--use-npm', '--no-turbopack', '--yes'], {
          cwd: parent,
          env,
        }),
        'create-next-app',
      );
      const repo = new TempRepo(join(parent, 'app'));
      // create-next-app makes the repo and its first commit (unless git was missing).
      if (repo.gitResult(['rev-parse', '--verify', '-q', 'HEAD']).code !== 0) repo.commitAll('Initial commit from Create Next App');
      const init = quickStart(repo, 'npm', env);
      // The fresh app has no ESLint errors: the hook runs the project's own ESLint config.
      expect(init.stdout).toContain('ESLint in the hook: your ESLint config on the staged files');
      const config = readFileSync(repo.path('eslint.config.mjs'), 'utf8')
        .replace(/(import nextTs from .*\n)/, "$1import keyguard from '@keyguard/eslint-plugin';\n")
        .replace(/(\s*)\.\.\.nextTs,\n/, '$1...nextTs,$1keyguard.configs.recommended,\n');
      expect(config).toContain('keyguard.configs.recommended,');
      writeFileSync(repo.path('eslint.config.mjs'), config);
      repo.commitAll('keyguard');

      const key = fakeKey.stripeSecret();
      repo.stage({ 'src/app/pay/PayButton.tsx': payButton(key, true) });
      expectBlocked(repo, env, 'src/app/pay/PayButton.tsx', 7, key);
      const lint = run('npx', ['--no-install', 'eslint', 'src/app/pay/PayButton.tsx'], { cwd: repo.dir, env });
      expect(lint.code).toBe(1);
      expect(lint.stdout).toContain('@keyguard/no-hardcoded-api-key');
      expect(lint.stdout).toContain("is hardcoded in client-side code (the file starts with 'use client')");
      expect(leakedSecrets([key], lint.stdout, lint.stderr)).toEqual([]);
    },
    TIMEOUT,
  );
});

describe.skipIf(!enabled)('create-vite react-ts (pnpm, oxlint)', () => {
  it(
    'blocks a key in a component index.html reaches at commit, and oxlint flags it through jsPlugins',
    () => {
      const env = managerEnv('pnpm');
      const parent = tempDir('keyguard-vite-');
      ok(run('npx', ['-y', 'create-vite@9.3.0', 'app', '--template', 'react-ts', '--no-interactive'], { cwd: parent, env }), 'create-vite');
      const repo = new TempRepo(join(parent, 'app'));
      git(repo.dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
      ok(run('pnpm', ['install'], { cwd: repo.dir, env }), 'pnpm install');
      repo.commitAll('vite app');
      const init = quickStart(repo, 'pnpm', env);
      expect(init.stdout).toContain('oxlint: add "jsPlugins": ["@keyguard/eslint-plugin"]');
      // The oxlint block of @keyguard/eslint-plugin's README.
      const oxlintrc = JSON.parse(readFileSync(repo.path('.oxlintrc.json'), 'utf8')) as { jsPlugins?: string[]; rules: Record<string, unknown> };
      oxlintrc.jsPlugins = ['@keyguard/eslint-plugin'];
      for (const rule of ['no-hardcoded-api-key', 'no-api-key-header-in-client', 'no-public-secret-env', 'no-secret-env-in-client']) oxlintrc.rules[`@keyguard/${rule}`] = 'error';
      writeFileSync(repo.path('.oxlintrc.json'), `${JSON.stringify(oxlintrc, null, 2)}\n`);
      const app = readFileSync(repo.path('src/App.tsx'), 'utf8');
      writeFileSync(repo.path('src/App.tsx'), `import PayButton from './PayButton'\n${app.replace('<h1>Vite + React</h1>', '<h1>Vite + React</h1>\n      <PayButton />')}`);
      repo.commitAll('keyguard');

      const key = fakeKey.stripeSecret();
      repo.stage({ 'src/PayButton.tsx': payButton(key, false) });
      expectBlocked(repo, env, 'src/PayButton.tsx', 5, key);
      const lint = run('pnpm', ['exec', 'oxlint', '--format', 'unix'], { cwd: repo.dir, env });
      expect(lint.code).toBe(1);
      expect(lint.stdout).toContain('@keyguard(no-hardcoded-api-key)');
      expect(lint.stdout).toContain('is hardcoded in client-side code (index.html loads it (through src/main.tsx))');
      expect(leakedSecrets([key], lint.stdout, lint.stderr)).toEqual([]);
    },
    TIMEOUT,
  );
});
