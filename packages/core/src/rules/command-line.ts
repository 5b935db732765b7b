import type { Rule, ValidateContext } from '../types.js';
import { ALNUM, fakeBody, join } from './define.js';
import { realPassword } from './urls.js';
import { looksLikePassword, looksLikeSecret } from './values.js';

const fix = 'Pass credentials to commands through environment variables or a credentials file, never on the command line of a committed script.';

/** Secrets given to command-line flags in scripts, Dockerfiles, CI steps and docs. */
export const commandLineRules: Rule[] = [
  {
    id: 'cli-flag-secret',
    description: 'Secret passed as a command-line flag',
    keywords: ['--password', '--passwd', '--token', '--api-key', '--apikey', '--secret', '--client-secret', '--auth-token', '--access-token'],
    regex:
      /--(?<name>password|passwd|token|api-key|apikey|secret|client-secret|auth-token|access-token)(?:=|[ \t]{1,4})(?<quote>["']?)(?<secret>[^\s"'`$\\;|&<>()]{8,300})/i,
    severity: 'error',
    priority: 9,
    anchor: 'keyword',
    strictPlaceholders: true,
    fix,
    validate: (secret, context) => {
      if (secret.startsWith('-')) return false; // the next flag
      return /pass/i.test(context.name ?? '') ? looksLikePassword(secret) : looksLikeSecret(secret, 16, 3.2);
    },
    examples: () => {
      const token = fakeBody(ALNUM, 32, 1700);
      return {
        positives: [`heroku container:login --api-key ${token}\n`, `RUN ./deploy.sh --token=${token}\n`, `docker login -u ci --password '${join(fakeBody(ALNUM, 12, 1701), '#5')}' registry.example.net\n`],
        negatives: ['docker login -u ci --password "$REGISTRY_PASSWORD" registry.example.net\n', 'deploy --token ${{ secrets.DEPLOY_TOKEN }}\n', 'tool --token --verbose\n', '  --password <password>   the password to use\n'],
      };
    },
  },
  {
    id: 'cli-user-password',
    description: 'user:password given to curl -u / --user',
    keywords: ['-u ', '--user '],
    regex: /(?<![A-Za-z0-9_-])(?:-u|--user)[ \t]{1,4}(?<quote>["']?)(?<user>[^\s:"'$]{1,60}):(?<secret>[^\s"'@$]{6,200})/,
    severity: 'error',
    priority: 9,
    anchor: 'keyword',
    strictPlaceholders: true,
    fix,
    validate: (secret, context) => givenToHttpClient(context) && realPassword(secret, context.groups?.user ?? ''),
    examples: () => ({
      positives: [`curl -u deploy:${join(fakeBody(ALNUM, 14, 1710), '!3')} https://ci.example.net/api/builds\n`],
      negatives: [
        'curl -u "$USER:$PASSWORD" https://ci.example.net\n',
        'curl -u user:password https://example.net\n',
        'ps -u root:wheel\n',
        "curl -u '<user:password>' https://ci.example.net/api\n",
        // commands quoted side by side on one line (a list in code): `-u` belongs to ps, not curl
        `const commands = ['curl https://example.net', 'ps -u root:${fakeBody(ALNUM, 10, 1711)}'];\n`,
      ],
    }),
  },
];

/**
 * True when the `-u` belongs to curl, wget or HTTPie: the command of the same shell segment,
 * which ends at a separator (`;`, `|`, `&`, `$(`) or where one quoted string of a list ends
 * and the next begins (`'…', '…'` in code that lists commands).
 */
function givenToHttpClient(context: ValidateContext): boolean {
  const text = context.text ?? context.line;
  const at = context.index ?? text.length;
  const before = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  const segment = before.split(/[;|&`]|\$\(|["'],\s*["']/).pop() ?? '';
  return /\b(?:curl|wget|http)\b/.test(segment);
}
