import type { Rule } from '../types.js';
import { ALNUM, fakeBody, join, providerRule } from './define.js';

const fix = 'Revoke the token on GitHub (Settings → Developer settings) and read it from an environment variable or secret store.';

const classic = (id: string, prefix: string, description: string): Rule =>
  providerRule({
    id,
    description,
    prefix,
    body: '[A-Za-z0-9]{36}',
    fix,
    sample: (s) => join(prefix.slice(0, 2), prefix.slice(2), fakeBody(ALNUM, 36, s)),
  });

export const githubRules: Rule[] = [
  classic('github-pat', 'ghp_', 'GitHub personal access token'),
  classic('github-oauth-token', 'gho_', 'GitHub OAuth access token'),
  classic('github-user-to-server-token', 'ghu_', 'GitHub user-to-server token'),
  classic('github-server-to-server-token', 'ghs_', 'GitHub app installation token'),
  classic('github-refresh-token', 'ghr_', 'GitHub refresh token'),
  providerRule({
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token',
    prefix: 'github_pat_',
    body: '[A-Za-z0-9]{22}_[A-Za-z0-9]{59}',
    fix,
    sample: (s) => join('github', '_pat_', fakeBody(ALNUM, 22, s), '_', fakeBody(ALNUM, 59, s + 1)),
  }),
];
