import type { Rule } from '../types.js';
import { ALNUM, BASE64URL, digits, fakeBody, join, providerRule } from './define.js';

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

/** A stateless installation token: `ghs_`, the app id, `_` and a JWT (header, payload, signature). */
function statelessInstallationToken(seed: () => number): string {
  const part = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
  const appId = digits(7, seed());
  const header = part({ alg: 'RS256', typ: 'JWT' });
  const payload = part({ iat: 1780000000, exp: 1780003600, iss: appId, sub: `installation|${digits(8, seed())}`, jti: fakeBody(ALNUM, 24, seed()) });
  return join('gh', 's_', appId, '_', header, '.', payload, '.', fakeBody(BASE64URL, 342, seed()));
}

export const githubRules: Rule[] = [
  classic('github-pat', 'ghp_', 'GitHub personal access token'),
  classic('github-oauth-token', 'gho_', 'GitHub OAuth access token'),
  classic('github-user-to-server-token', 'ghu_', 'GitHub user-to-server token'),
  providerRule({
    id: 'github-server-to-server-token',
    description: 'GitHub app installation token',
    prefix: 'ghs_',
    // 36 characters, or the stateless format GitHub rolls out from 2026: `ghs_<app id>_<JWT>`, about
    // 520 characters with two dots (github.blog changelog 2026-05-15, "GitHub App installation
    // tokens: per-request override header"; secretlint reads it since 2026-04 too). The JWT is one
    // character class with its dots (three classes split by `\.` made the regex polynomial, or gave
    // recheck no verdict); `validate` checks its three parts
    body: '(?:[A-Za-z0-9]{36}|[0-9]{1,20}_eyJ[A-Za-z0-9_.-]{60,8000})',
    validate: (secret) => !secret.includes('.') || /^ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}$/.test(secret),
    fix,
    sample: (s) => join('gh', 's_', fakeBody(ALNUM, 36, s)),
    positives: (seed) => [`GITHUB_TOKEN=${statelessInstallationToken(seed)}\n`],
    negatives: (seed) => [
      `// installation tokens look like ${join('gh', 's_')}<app id>_<JWT>\n`,
      // a JWT with one part missing is not a token
      `GITHUB_TOKEN=${statelessInstallationToken(seed).replace(/\.[^.]*$/, '')}\n`,
    ],
  }),
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
