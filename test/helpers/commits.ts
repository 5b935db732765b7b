/** Real `git commit`s through a project's installed hook: one blocked by a key, one that passes. */
import { expect } from 'vitest';
import type { TempRepo } from './git.js';
import { fakeKey, leakedSecrets } from './secrets.js';

/**
 * A key in `file` is blocked with a redacted message naming `shown` (the path as the hook
 * prints it); the clean version of the file passes and is committed.
 */
export function expectBlocksThenPasses(repo: TempRepo, env: Record<string, string | undefined>, file: string, shown = file): void {
  const key = fakeKey.stripeSecret();
  repo.stage({ [file]: `const stripe = require('stripe')('${key}');\n` });
  const blocked = repo.gitResult(['commit', '-m', 'pay'], { env });
  expect(blocked.code, blocked.stdout + blocked.stderr).not.toBe(0);
  expect(blocked.stdout + blocked.stderr).toContain(`${shown}:1:`);
  expect(leakedSecrets([key], blocked.stdout, blocked.stderr)).toEqual([]);
  repo.stage({ [file]: "const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\n" });
  const passed = repo.gitResult(['commit', '-m', 'pay'], { env });
  expect(passed.code, passed.stdout + passed.stderr).toBe(0);
  expect(repo.git('log', '--format=%s', '-1').trim()).toBe('pay');
}
