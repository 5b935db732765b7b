import { defaultConfig } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import { createEnvFilePolicy, envFileFinding, envFileFix, envFileRuleId } from '../src/env-files.js';

describe('the default .env policy', () => {
  const policy = createEnvFilePolicy(defaultConfig.envFiles);

  it.each(['.env', '.env.local', '.env.production', '.env.production.local', 'apps/web/.env', 'a/b/c/.env.development.local', '.ENV', '.Env.Local'])(
    'blocks %s',
    (path) => expect(policy.isBlocked(path)).toBe(true),
  );

  it.each(['.env.example', '.env.sample', '.env.template', 'apps/api/.env.example', '.ENV.EXAMPLE', '.env.local.example', 'env.ts', '.envrc', 'src/dotenv.ts', 'docs/.environment.md'])(
    'allows %s',
    (path) => expect(policy.isBlocked(path)).toBe(false),
  );
});

describe('configured globs', () => {
  it('blocks what block matches unless allow matches it', () => {
    const policy = createEnvFilePolicy({ block: ['**/*.secrets', 'config/*.env'], allow: ['config/public.env'] });
    expect(policy.isBlocked('deploy/prod.secrets')).toBe(true);
    expect(policy.isBlocked('config/prod.env')).toBe(true);
    expect(policy.isBlocked('config/public.env')).toBe(false);
    expect(policy.isBlocked('.env')).toBe(false);
  });

  it('blocks nothing with an empty block list', () => {
    expect(createEnvFilePolicy({ block: [], allow: [] }).isBlocked('.env')).toBe(false);
  });
});

describe('envFileFinding', () => {
  it('points at line 1 and says how to unstage the file, quoting odd names for the shell', () => {
    const finding = envFileFinding("apps/it's/.env.local", "apps/it's/.env.local", 'API_URL=https://example.test'.length);
    expect(finding).toMatchObject({ ruleId: envFileRuleId, line: 1, column: 1, endLine: 1, endColumn: 29, match: '.env.local' });
    expect(finding.fix).toContain(`git rm --cached 'apps/it'\\''s/.env.local'`);
    expect(finding.fix).toContain('.gitignore');
    expect(finding.fix).toContain('.env.example');
  });

  it('says "add it to .gitignore" only for a file that is not ignored', () => {
    // a newline in a folder name: bash's $'…' quoting, so the command can be pasted as printed
    expect(envFileFix("we\nird/it's/.env")).toContain(`git rm --cached $'we\\x0aird/it\\'s/.env'`);
    expect(envFileFix('.env')).toBe('unstage it (git rm --cached .env), add it to .gitignore, and keep a .env.example with placeholders instead');
    expect(envFileFix('a b/.env', true)).toBe("it is ignored but was force-added: git rm --cached 'a b/.env', and keep a .env.example with placeholders instead");
    expect(envFileFinding('.env', '.env', 0, [], true)).toMatchObject({ forceAdded: true, fix: envFileFix('.env', true) });
    expect(envFileFinding('.env', '.env', 0).forceAdded).toBeUndefined();
  });

  it('has a fingerprint that depends on the path only', () => {
    expect(envFileFinding('x/.env', 'x/.env', 3).fingerprint).toBe(envFileFinding('../x/.env', 'x/.env', 5).fingerprint);
    expect(envFileFinding('.env', '.env', 0).fingerprint).not.toBe(envFileFinding('x/.env', 'x/.env', 0).fingerprint);
  });
});
