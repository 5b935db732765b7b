/**
 * The plugin never takes ESLint down because of the project around a file: real projects
 * hold folders named package.json, broken manifests and unreadable files. Each case runs the
 * real ESLint CLI over a small project, and checks both that it finished (exit 0 or 1, JSON
 * on stdout) and that keyguard still checked the files (the leak planted in each is found).
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testSecret } from '@keyguard/core/testing';
import { lintProject, where } from './eslint-cli.js';

const githubToken = () => testSecret('github-pat');
const leak = () => `export const token = '${githubToken()}';\n`;
const HARDCODED = '@keyguard/no-hardcoded-api-key';

describe('a project that would trip a naive config lookup', () => {
  it('lints a SvelteKit app whose routes hold a folder named package.json', () => {
    const run = lintProject({
      'package.json': JSON.stringify({ devDependencies: { '@sveltejs/kit': '^2.0.0' } }),
      'src/routes/package.json/+server.js': 'export function GET() { return new Response("{}"); }\n',
      'src/routes/package.json/+layout.js': leak(),
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(where(run)).toEqual([['src/routes/package.json/+layout.js', HARDCODED]]);
  });

  it('ignores an invalid package.json above the file (npm reports it, not keyguard)', () => {
    const run = lintProject({
      'package.json': '{ "name": "monorepo", ',
      'packages/api/package.json': '{ not json',
      'packages/api/src/index.ts': leak(),
    });
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([['packages/api/src/index.ts', HARDCODED]]);
  });

  it('ignores a package.json or tsconfig.json that cannot be read (a symlink loop)', () => {
    const run = lintProject(
      {
        'app/page.tsx': "'use client';\nexport default function Page() { return null; }\n",
        'lib/server.ts': leak(),
      },
      {
        prepare: (root) => {
          symlinkSync('package.json', join(root, 'package.json'));
          symlinkSync('tsconfig.json', join(root, 'tsconfig.json'));
          symlinkSync('keyguard.config.json', join(root, 'lib/keyguard.config.json'));
        },
      },
    );
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([['lib/server.ts', HARDCODED]]);
  });
});

describe('a broken keyguard config', () => {
  it('is reported once per file as a lint message, and the file is still checked with the defaults', () => {
    const run = lintProject({
      'package.json': JSON.stringify({ name: 'app' }),
      'keyguard.config.json': '{ "disabledRules": [ }',
      'src/a.ts': leak(),
      'src/b.ts': 'export const greeting = "hello";\n',
    });
    expect(run.stderr).toBe('');
    expect(where(run)).toEqual([
      ['src/a.ts', HARDCODED],
      ['src/a.ts', HARDCODED],
      ['src/b.ts', HARDCODED],
    ]);
    const [configMessage, leakMessage] = run.findings;
    expect(configMessage?.line).toBe(1);
    expect(configMessage?.message).toMatch(/keyguard\.config\.json:1:22: invalid JSON/);
    expect(configMessage?.message).toMatch(/built-in defaults/);
    expect(leakMessage?.message).toMatch(/hardcoded/);
  });

  it('names package.json#keyguard when the field is what is wrong', () => {
    const run = lintProject({
      'package.json': JSON.stringify({ name: 'app', keyguard: { disabledRules: 'all' } }),
      'src/a.ts': 'export const greeting = "hello";\n',
    });
    expect(run.stderr).toBe('');
    expect(run.findings).toHaveLength(1);
    expect(run.findings[0]?.message).toMatch(/package\.json#keyguard: .*disabledRules/);
  });
});
