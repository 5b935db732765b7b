/**
 * A suggestion a user accepts must leave code that compiles: every suggested replacement
 * is applied to a strict TypeScript project, which `tsc --noEmit` then checks.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodySource, keySource } from '@keyguard/core/testing';
import { lintProject, workspace, type LintRun } from './eslint-cli.js';

const random = bodySource('suggestions-typecheck');
const stripeKey = keySource('stripe-secret-key');
const githubToken = keySource('github-pat');

const SOURCE = [
  'class Stripe { constructor(readonly key: string) {} }',
  'interface Options { apiKey: string; headers?: Record<string, string> }',
  'function connect(options: Options): Options { return options; }',
  `export const stripe = new Stripe('${stripeKey()}');`,
  `export const client = connect({ apiKey: '${random(40)}' });`,
  `export const token: string = '${githubToken()}';`,
  `export const plain = '${githubToken()}';`,
  `export const withScheme = connect({ apiKey: 'x', headers: { Authorization: 'Bearer ${githubToken()}' } });`,
  `export class Service { private secret: string = '${random(40)}'; get value(): string { return this.secret; } }`,
  `export function call(apiToken: string = '${random(40)}'): string { return apiToken; }`,
].join('\n');

describe('suggestions under strict TypeScript', () => {
  // ESLint, then tsc, each a cold Node process of several seconds: past the default 60 s under load
  it('every suggested replacement type-checks', () => {
    let compiled: ReturnType<typeof spawnSync> | undefined;
    let applied = '';
    const run: LintRun = lintProject(
      {
        'package.json': JSON.stringify({ name: 'api', type: 'module' }),
        'tsconfig.json': JSON.stringify({
          compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', types: ['node'], typeRoots: [join(workspace.root, 'node_modules/@types')] },
          include: ['src'],
        }),
        'src/keys.ts': SOURCE,
      },
      {
        inspect: (root, result) => {
          const file = join(root, 'src/keys.ts');
          let text = readFileSync(file, 'utf8');
          const fixes = result.findings.flatMap((finding) => (finding.suggestionFix !== undefined ? [finding.suggestionFix] : []));
          for (const fix of fixes.sort((a, b) => b.range[0] - a.range[0])) text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
          writeFileSync(file, text);
          applied = text;
          compiled = spawnSync(process.execPath, [join(workspace.root, 'node_modules/typescript/bin/tsc'), '-p', root], { encoding: 'utf8' });
        },
      },
    );
    expect(run.stderr).toBe('');
    expect(run.findings.map((finding) => finding.line)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(run.findings.every((finding) => finding.suggestionFix !== undefined)).toBe(true);
    expect(applied).not.toMatch(/sk_live_|ghp_/);
    expect(`${compiled?.stdout ?? ''}${compiled?.stderr ?? ''}`).toBe('');
    expect(compiled?.status).toBe(0);
  }, 180_000);
});
