/**
 * The packed plugin, installed like a user installs it, run by the real ESLint CLI (9 and
 * 10) over fixture projects: a Next.js app-router app, a Vite React app and an Express
 * server. Only the fixtures' own files and package.json are used; next and vite are not
 * installed (the plugin reads package.json, it never loads the framework).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, tempDir } from './helpers/git.js';
import { workspaceRoot } from './helpers/cli.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

const PNPM = ['-y', 'pnpm@10.34.9'];
const INSTALL_TIMEOUT = 300_000;

interface EslintMessage {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
  severity: number;
  suggestions?: Array<{ desc: string; fix: { text: string } }>;
}
interface EslintFileResult {
  filePath: string;
  messages: EslintMessage[];
}

/** `pnpm pack` of a workspace package (workspace:* becomes the real version); returns the tarball. */
function pack(packageDir: string, destination: string): string {
  const before = new Set(readdirSync(destination));
  execFileSync('npx', [...PNPM, 'pack', '--pack-destination', destination], {
    cwd: join(workspaceRoot, packageDir),
    env: testEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz') && !before.has(name));
  if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${packageDir}`);
  return join(destination, tarball);
}

let tarballs: { plugin: string };
const secrets = {
  stripe: fakeKey.stripeSecret(),
  deframe: fakeKey.deframe(),
  github: fakeKey.githubPat(),
  githubIgnored: fakeKey.githubPat(),
};
const placeholders: Record<string, string> = {
  __STRIPE_SECRET__: secrets.stripe,
  __DEFRAME_KEY__: secrets.deframe,
  __GITHUB_PAT__: secrets.github,
  __GITHUB_PAT_IGNORED__: secrets.githubIgnored,
};
const cleanup: string[] = [];

beforeAll(() => {
  for (const dist of ['packages/core/dist/index.js', 'packages/eslint-plugin/dist/index.js']) {
    try {
      readFileSync(join(workspaceRoot, dist));
    } catch {
      throw new Error(`${dist} is missing: run \`npx -y pnpm@10.34.9 build\` before the end-to-end tests`);
    }
  }
  const destination = tempDir('keyguard-eslint-pack-');
  cleanup.push(destination);
  // The plugin alone: the engine is bundled into it, so @keyguard/core is never installed.
  tarballs = { plugin: pack('packages/eslint-plugin', destination) };
}, INSTALL_TIMEOUT);

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/**
 * One npm install per ESLint major, shared by the three fixtures (their node_modules is a
 * link to it), so CI pays for two installs, not six.
 */
function installTooling(eslintRange: string): string {
  const dir = tempDir(`keyguard-eslint-tooling-`);
  cleanup.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tooling', private: true, type: 'module' }));
  const result = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', `eslint@${eslintRange}`, '@typescript-eslint/parser@^8', tarballs.plugin],
    { cwd: dir, env: testEnv(), encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`npm install failed in ${dir}:\n${result.stderr}`);
  return dir;
}

/** Copies a fixture into a temp dir, fills in the fake keys, links the tooling's node_modules. */
function prepareFixture(name: string, tooling: string): string {
  const dir = join(tempDir(`keyguard-${name}-`), name);
  cleanup.push(dir);
  cpSync(join(workspaceRoot, 'test/fixtures', name), dir, { recursive: true });
  for (const file of listFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const filled = text.replace(/__[A-Z_]+__/g, (token) => placeholders[token] ?? token);
    if (filled !== text) writeFileSync(file, filled);
  }
  // Stored under another name so ESLint 10, which looks for the config nearest to each
  // file, does not pick it up when this repo lints itself.
  renameSync(join(dir, 'eslint.config.fixture.js'), join(dir, 'eslint.config.js'));
  symlinkSync(join(tooling, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** `eslint . --format json` with the fixture's own eslint.config.js; findings as "file:line ruleId". */
function lint(project: string): { code: number; findings: string[]; output: string; results: EslintFileResult[] } {
  const eslint = join(project, 'node_modules/eslint/bin/eslint.js');
  const result = spawnSync(process.execPath, [eslint, '.', '--format', 'json'], { cwd: project, env: testEnv(), encoding: 'utf8' });
  let results: EslintFileResult[];
  try {
    results = JSON.parse(result.stdout) as EslintFileResult[];
  } catch {
    throw new Error(`eslint did not print JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const findings = results.flatMap((file) =>
    file.messages.map((m) => `${relative(project, file.filePath)}:${m.line} ${m.ruleId ?? `fatal: ${m.message}`}`),
  );
  // The JSON formatter echoes each file's source; what ESLint *says* is the messages and stderr.
  const said = JSON.stringify(results.map((file) => file.messages)) + result.stderr;
  return { code: result.status ?? 1, findings: findings.sort(), output: said, results };
}

const expected: Record<string, string[]> = {
  'eslint-next-app': [
    'app/api/checkout/route.js:2 @keyguard/no-hardcoded-api-key',
    'app/components/StrategyList.tsx:10 @keyguard/no-api-key-header-in-client',
    'app/components/StrategyList.tsx:10 @keyguard/no-public-secret-env',
    // line 15 reads process.env.DEFRAME_REGION: undefined in the browser, but no secret
    // (reported only with no-secret-env-in-client's allNames option)
    'lib/deframe.ts:2 @keyguard/no-hardcoded-api-key',
    // not a client file by its path: the 'use client' StrategyList imports it through @/
    'lib/strategies.ts:4 @keyguard/no-api-key-header-in-client',
    'lib/strategies.ts:4 @keyguard/no-secret-env-in-client',
  ],
  'eslint-vite-react': [
    'src/App.tsx:10 @keyguard/no-api-key-header-in-client',
    'src/App.tsx:10 @keyguard/no-public-secret-env',
    'src/api.js:2 @keyguard/no-secret-env-in-client',
    'src/api.js:3 @keyguard/no-api-key-header-in-client',
  ],
  'eslint-express': ['src/server.js:13 @keyguard/no-hardcoded-api-key'],
};

describe.each([
  ['ESLint 9', '^9.15.0', 9],
  ['ESLint 10', '^10.0.0', 10],
])('the packed plugin on %s', (_label, range, major) => {
  let tooling: string;
  beforeAll(() => {
    tooling = installTooling(range);
  }, INSTALL_TIMEOUT);

  it(`runs on ESLint ${major}`, () => {
    const version = execFileSync(process.execPath, [join(tooling, 'node_modules/eslint/bin/eslint.js'), '--version'], { encoding: 'utf8' });
    expect(version.trim()).toMatch(new RegExp(`^v${major}\\.`));
  });

  it.each(Object.keys(expected))('reports exactly the expected findings in %s, with no secret in the output', (fixture) => {
    const project = prepareFixture(fixture, tooling);
    const { code, findings, output } = lint(project);
    expect(findings).toEqual([...(expected[fixture] ?? [])].sort());
    expect(code).toBe(1);
    expect(leakedSecrets(Object.values(secrets), output)).toEqual([]);
  });

  it('`defineConfig([keyguard.configs.recommended])` alone lints TS, TSX and JSX through the installed typescript-eslint parser', () => {
    const project = join(tempDir('keyguard-recommended-only-'), 'app');
    cleanup.push(project);
    const key = secrets.stripe;
    const files: Record<string, string> = {
      'eslint.config.js': "import { defineConfig } from 'eslint/config';\nimport keyguard from '@keyguard/eslint-plugin';\nexport default defineConfig([keyguard.configs.recommended]);\n",
      'package.json': JSON.stringify({ name: 'app', private: true, type: 'module' }),
      'src/config.ts': `type Key = string;\nconst stripe: Key = '${key}';\nexport default stripe as Key;\n`,
      'src/App.tsx': `export const App = (): JSX.Element => <div data-key={'${key}'} />;\n`,
      'src/main.jsx': `export const Main = () => <p>{'${key}'}</p>;\n`,
    };
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(join(project, file, '..'), { recursive: true });
      writeFileSync(join(project, file), content);
    }
    symlinkSync(join(tooling, 'node_modules'), join(project, 'node_modules'), 'dir');
    const { findings } = lint(project);
    expect(findings).toEqual([
      'src/App.tsx:1 @keyguard/no-hardcoded-api-key',
      'src/config.ts:2 @keyguard/no-hardcoded-api-key',
      'src/main.jsx:1 @keyguard/no-hardcoded-api-key',
    ]);
  });

  it('suggests DEFRAME_API_KEY for a key given to a Deframe-named variable', () => {
    const project = prepareFixture('eslint-next-app', tooling);
    const { results } = lint(project);
    const file = results.find((result) => result.filePath.endsWith(join('lib', 'deframe.ts')));
    const suggestion = file?.messages[0]?.suggestions?.[0];
    expect(suggestion?.fix.text).toBe('process.env.DEFRAME_API_KEY');
  });
});

