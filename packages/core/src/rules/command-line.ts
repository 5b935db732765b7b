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
    // -u user:password, -u "user:password", --user user:'password', -u "user":"password", -u ":password"
    // (no user); or -u "apikey:" (a key given as the user, the password left empty). Kept to the
    // forms recheck proves linear: `--user=` and braces made the regex unprovable.
    regex:
      /(?<![A-Za-z0-9_-])(?:-u|--user)[ \t]{1,4}(?<quote>["']?)(?:(?<user>[^\s:"'$]{0,60})["']?:["']?(?<secret>[^\s"'@$]{6,200})|(?<secret2>[A-Za-z0-9_.~+/-]{16,200}):(?=["'\s]))/,
    severity: 'error',
    priority: 9,
    anchor: 'keyword',
    strictPlaceholders: true,
    fix,
    validate: (secret, context) => {
      if (!givenToHttpClient(context)) return false;
      if (context.secretGroup === 'secret2') return looksLikeSecret(secret, 16, 3.2);
      return realPassword(secret, context.groups?.user ?? '');
    },
    examples: () => {
      const pw = join(fakeBody(ALNUM, 14, 1710), '!3');
      const key = fakeBody(ALNUM, 32, 1712);
      return {
        positives: [
          `curl -u deploy:${pw} https://ci.example.net/api/builds\n`,
          `curl -u ":${pw}" https://search.example.net:9200\n`,
          `curl --user deploy:'${pw}' -X PATCH https://ci.example.net/api\n`,
          `curl -X POST --user "deploy":"${pw}" https://ci.example.net/api\n`,
          `curl https://api.example.net/v1/charges -u ${key}: -d amount=100\n`,
          // the flag on a continuation line of the same command
          `curl -k -X POST https://ci.example.net/api/builds \\\n  -H 'Content-Type: text/plain' \\\n  -u deploy:${pw}\n`,
        ],
        negatives: [
          'curl -u "$USER:$PASSWORD" https://ci.example.net\n',
          'curl -u user:password https://example.net\n',
          'ps -u root:wheel\n',
          "curl -u '<user:password>' https://ci.example.net/api\n",
          // commands quoted side by side on one line (a list in code): `-u` belongs to ps, not curl
          `const commands = ['curl https://example.net', 'ps -u root:${fakeBody(ALNUM, 10, 1711)}'];\n`,
          'curl -u "$API_KEY:" https://api.example.net\n',
          // a continued line of some other command
          `ls -la \\\n  && ps -u root:${fakeBody(ALNUM, 10, 1713)}\n`,
        ],
      };
    },
  },
];

/**
 * True when the `-u` belongs to curl, wget or HTTPie: the command of the same shell segment,
 * which ends at a separator (`;`, `|`, `&`, `$(`) or where one quoted string of a list ends
 * and the next begins (`'…', '…'` in code that lists commands). A command continued over
 * several lines (`\` at the end of a line) is read from its first line.
 */
function givenToHttpClient(context: ValidateContext): boolean {
  const text = context.text ?? context.line;
  const at = context.index ?? text.length;
  let start = text.lastIndexOf('\n', at - 1) + 1;
  // up to 20 continued lines back: `curl … \` on the line before
  for (let i = 0; i < 20 && start > 1 && /\\\r?$/.test(text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1)); i++) {
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  const before = text.slice(start, at).replace(/\\\r?\n/g, ' ');
  const segment = before.split(/[;|&`]|\$\(|["'],\s*["']/).pop() ?? '';
  return /\b(?:curl|wget|http)\b/.test(segment);
}
