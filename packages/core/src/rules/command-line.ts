import type { Rule, ValidateContext } from '../types.js';
import { ALNUM, BASE64, HEX, fakeBody, join, memoName } from './define.js';
import { isPasswordName, isSecretName } from './names.js';
import { firstAtOrAfter } from '../lines.js';
import { realPassword } from './urls.js';
import { charClasses, looksLikePassword, looksLikeSecret, memoLast, namesItsKind } from './values.js';

const fix = 'Pass credentials to commands through environment variables or a credentials file, never on the command line of a committed script.';

const isFlagSecretName = memoName(isSecretName);

/** A value after a flag: up to the next space, quote or shell operator. */
const SHORT_FLAG_VALUE = `[^\\s"'\`$\\\\;|&<>(){}]{6,300}`;

/** Secrets given to command-line flags in scripts, Dockerfiles, CI steps and docs. */
export const commandLineRules: Rule[] = [
  {
    id: 'cli-header-secret',
    description: 'Secret in a request header given to curl or wget (-H / --header)',
    // `curl -H "X-Auth-Token: …"`, `--header 'Api-Token: …'`, `-H "Token: …"`: a header whose name
    // is key-like, read as words like every name. Authorization has rules of its own (any scheme).
    // The header is a credential's only slot, so a short value counts when it does not read as a
    // word, a reference or a placeholder.
    keywords: ['-h "', "-h '", '--header'],
    regex: /(?<![A-Za-z0-9_-])(?:-H|--header)(?:=|[ \t]{1,4})["'](?<name>[A-Za-z][A-Za-z0-9_-]{1,60}):[ \t]{0,4}(?<secret>[^\s"'`$\\]{8,300})["']/,
    severity: 'error',
    priority: 8,
    anchor: 'keyword',
    strictPlaceholders: true,
    fix,
    validate: (secret, context) => {
      const name = context.groups?.name ?? '';
      if (/^(?:authorization|proxy-authorization|cookie)$/i.test(name) || !isFlagSecretName(name)) return false;
      if (!givenToHttpClient(context) || namesItsKind(secret)) return false;
      if (isPasswordName(name)) return looksLikePassword(secret);
      if (secret.length >= 16) return looksLikeSecret(secret, 16, 2.5);
      // short: letters and digits mixed, as generated tokens are, not a word with a number
      return /^[A-Za-z0-9_-]+$/.test(secret) && charClasses(secret) >= 3 && !/^[A-Za-z][a-z]+\d*$/.test(secret);
    },
    examples: (seed) => ({
      positives: [
        `curl -H "X-Auth-Token: ${fakeBody(ALNUM, 32, seed())}" https://api.example.net/v2/servers\n`,
        `curl -X POST --header "Api-Token: ${fakeBody(ALNUM, 11, seed())}" https://api.example.net\n`,
        // a `;` inside an earlier quoted header is not the end of the command
        `curl -XPOST http://localhost:8080/api/tasks -H "Content-Type: text/plain; charset=UTF-8" -H "Token: ${fakeBody(HEX, 16, seed())}" -d hello\n`,
        `wget --header='X-Api-Secret: ${fakeBody(ALNUM, 24, seed())}' https://api.example.net/export\n`,
      ],
      negatives: [
        'curl -H "Content-Type: application/json" -H "X-Request-Id: 5d6c1e9a8b7f4c3d" https://api.example.net\n',
        'curl -H "X-Auth-Token: $API_TOKEN" https://api.example.net\n',
        'curl -H "X-Auth-Token: <your-token>" https://api.example.net\n',
        'curl -H "Api-Token: Password1" https://api.example.net\n',
        'grep -H "token: abcd1234" logs/*.txt\n',
      ],
    }),
  },
  {
    id: 'cli-flag-secret',
    description: 'Secret passed as a command-line flag',
    // Any flag whose name is key-like, read as words like every name (`--api-key`, `--token=`,
    // `-storagekey`, `-Password`, `-StorageAccountKey`, `--client-secret`), with one dash or two
    // (PowerShell, Java and Windows tools use one). The name is tested before the regex runs: only
    // a key-like name with a dash in front is tried.
    keywords: ['key', 'secret', 'token', 'passw', 'pwd', 'auth', 'credential', 'passphrase'],
    regex: /(?<![A-Za-z0-9_-])-{1,2}(?<name>[A-Za-z][A-Za-z0-9_-]{0,60})(?:=|[ \t]{1,4})(?<quote>["']?)(?<secret>[^\s"'`$\\;|&<>(){}]{8,300})/,
    severity: 'error',
    priority: 9,
    anchor: 'name',
    nameFilter: (name) => name.charCodeAt(0) === 45 /* - */ && isFlagSecretName(name),
    strictPlaceholders: true,
    fix,
    validate: (secret, context) => {
      if (secret.startsWith('-')) return false; // the next flag
      if (!isSecretName(context.name)) return false;
      // OpenSSL's pass phrase arguments (openssl-passphrase-options): `env:VAR`, `file:path`, `fd:N`
      // say where the phrase is; `pass:phrase` holds it
      if (/^(?:env|file|fd):/.test(secret)) return false;
      if (secret.startsWith('pass:')) secret = secret.slice('pass:'.length);
      return isPasswordName(context.name) ? looksLikePassword(secret) : looksLikeSecret(secret, 16, 3.2);
    },
    examples: (seed) => {
      const token = fakeBody(ALNUM, 32, seed());
      const storageKey = `${fakeBody(BASE64, 86, seed())}==`;
      const pw = join(fakeBody(ALNUM, 12, seed()), '#5');
      return {
        positives: [
          `heroku container:login --api-key ${token}\n`,
          `RUN ./deploy.sh --token=${token}\n`,
          `docker login -u ci --password '${pw}' registry.example.net\n`,
          `openssl pkcs12 -export -out certificate.p12 -inkey private.key -password pass:${pw}\n`,
          // one dash: Windows tools, PowerShell, Java
          `AzureStorageCleanup.exe \\\n    -storagename storageaccount\n    -storagekey ${storageKey}\n`,
          `Connect-Service -Server db01 -Password "${pw}"\n`,
          `java -jar tool.jar -apiToken=${token}\n`,
        ],
        negatives: [
          'docker login -u ci --password "$REGISTRY_PASSWORD" registry.example.net\n',
          'deploy --token ${{ secrets.DEPLOY_TOKEN }}\n',
          'tool --token --verbose\n',
          '  --password <password>   the password to use\n',
          '  -p, --password PASSWORD   the password to use\n',
          '  --api-key YOUR_API_KEY\n',
          // OpenSSL reads the pass phrase from an environment variable or a file
          'openssl pkcs12 -export -out certificate.p12 -inkey private.key -password env:CERT_PASS\n',
          '$cred = Get-Credential -Password (Read-Host -AsSecureString)\n',
          `tool --token-file ${fakeBody(ALNUM, 20, seed())}.txt\n`,
          // a dash that is a minus, and a name that is not key-like
          `const width = total -${fakeBody(ALNUM, 12, seed())}\n`,
          `convert -resize ${fakeBody(ALNUM, 16, seed())}\n`,
        ],
      };
    },
  },
  {
    id: 'cli-user-password',
    description: 'user:password given to curl -u / --user',
    keywords: ['-u ', '--user ', '--user='],
    // -u user:password, -u "user:password", --user user:'password', --user=user:password,
    // -u "user":"password", -u ":password" (no user), -u "{user}":"{password}" (braces around the
    // parts, as IBM's docs write them); or -u "apikey:" (a key given as the user, the password
    // left empty). The user may not hold `=`: with it recheck could not prove the regex linear
    // (no verdict in 100 s), without it the proof takes 8 s.
    regex:
      /(?<![A-Za-z0-9_-])(?:-u|--user)(?:=|[ \t]{1,4})(?<quote>["']?)(?:(?<user>[^\s:"'$=]{0,60})["']?:["']?(?<secret>[^\s"'@$]{6,200})|(?<secret2>[A-Za-z0-9_.~+/!-]{8,200}):(?=["'\s]))/,
    severity: 'error',
    priority: 9,
    anchor: 'keyword',
    strictPlaceholders: true,
    fix,
    // the value first, the command last: the command is read back along the line, and a line of
    // `-u ` hits (`:--user :--user …`) gave each hit that read before its value was judged
    validate: (secret, context) => valueLooksLikeLogin(secret, context) && givenToHttpClient(context),
    examples: (seed) => {
      const pw = join(fakeBody(ALNUM, 14, seed()), '!3');
      const key = fakeBody(ALNUM, 32, seed());
      return {
        positives: [
          `curl -u deploy:${pw} https://ci.example.net/api/builds\n`,
          `curl -u ":${pw}" https://search.example.net:9200\n`,
          `curl --user deploy:'${pw}' -X PATCH https://ci.example.net/api\n`,
          `curl -X POST --user "deploy":"${pw}" https://ci.example.net/api\n`,
          `curl --user=deploy:${pw} https://ci.example.net/api\n`,
          `curl -X POST --user "{${fakeBody(HEX, 8, seed())}-${fakeBody(HEX, 4, seed())}}":"{${pw}}" https://api.example.net/v3/translate\n`,
          `curl -u "${join(fakeBody(ALNUM, 10, seed()), '!t')}:" https://search.example.net:9200\n`,
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
          `const commands = ['curl https://example.net', 'ps -u root:${fakeBody(ALNUM, 10, seed())}'];\n`,
          'curl -u "$API_KEY:" https://api.example.net\n',
          'curl -X POST --user "{username}":"{password}" https://api.example.net/v3/translate\n',
          'curl --user=apikey:{API_KEY} https://api.example.net/v3/translate\n',
          'curl -u "{apikey}:" https://api.example.net\n',
          'curl -u "jsmith2024:" https://ci.example.net\n',
          // a URL given to another tool's -u (`inngest dev -u <app url>`)
          '"inngest:dev": "inngest dev -u http://localhost:3000/api/jobs",\n',
          // a continued line of some other command
          `ls -la \\\n  && ps -u root:${fakeBody(ALNUM, 10, seed())}\n`,
        ],
      };
    },
  },
  {
    id: 'cli-short-password',
    description: 'Password given to a short flag that means password (docker login -p, sshpass -p, mysql -p…, redis-cli -a)',
    // Short flags are read only after the command whose documentation gives them that meaning:
    // `docker|podman|nerdctl|buildah|skopeo|oras login -p <password>`, `sshpass -p <password>`,
    // `mysql|mysqldump|mysqladmin|mariadb -p<password>` (attached: `-p` alone prompts, and the next
    // word is the database), `redis-cli -a <password>`. Elsewhere `-p` is a port or a parents flag.
    keywords: ['docker login', 'podman login', 'nerdctl login', 'buildah login', 'skopeo login', 'oras login', 'sshpass', 'mysql', 'mariadb', 'redis-cli'],
    regex: new RegExp(
      [
        `(?:docker|podman|nerdctl|buildah|skopeo|oras)[ \\t]+login(?:[ \\t]+(?!-p)[^\\s;|&]+){0,8}[ \\t]+-p(?:=|[ \\t]{1,4})(?<quote>["']?)(?<secret>${SHORT_FLAG_VALUE})`,
        `sshpass[ \\t]+-p[ \\t]{0,4}(?<quote2>["']?)(?<secret2>${SHORT_FLAG_VALUE})`,
        `(?:mysql(?:dump|admin)?|mariadb(?:-dump)?)(?:[ \\t]+(?!-p)[^\\s;|&]+){0,8}[ \\t]+-p(?<quote3>["']?)(?<secret3>${SHORT_FLAG_VALUE})`,
        `redis-cli(?:[ \\t]+(?!-a)[^\\s;|&]+){0,8}[ \\t]+-a[ \\t]{1,4}(?<quote4>["']?)(?<secret4>${SHORT_FLAG_VALUE})`,
      ].join('|'),
    ),
    severity: 'error',
    priority: 9,
    anchor: 'keyword',
    strictPlaceholders: true,
    fix,
    validate: (secret) => !secret.startsWith('-') && looksLikePassword(secret) && realPassword(secret, ''),
    examples: (seed) => {
      const pw = join(fakeBody(ALNUM, 12, seed()), '#5');
      const token = fakeBody(BASE64, 52, seed());
      return {
        positives: [
          `docker login myregistry.azurecr.io -u myregistry -p ${token}\n`,
          `echo ok && podman login -u ci -p '${pw}' quay.io\n`,
          `sshpass -p '${pw}' ssh deploy@10.0.0.5\n`,
          `mysqldump -u root -p${pw} shop > shop.sql\n`,
          `redis-cli -h cache.internal -p 6380 -a ${pw} ping\n`,
        ],
        negatives: [
          'docker login -u ci -p "$REGISTRY_PASSWORD" registry.example.net\n',
          'echo "$TOKEN" | docker login -u ci --password-stdin registry.example.net\n',
          'mysql -u root -p shop\n',
          'mysql -h db -P 3306 -u app -p"${DB_PASSWORD}"\n',
          `mkdir -p ${fakeBody(ALNUM, 12, seed())} && ssh -p 2222 deploy@host\n`,
          'sshpass -p <password> ssh user@host\n',
        ],
      };
    },
  },
];

/** cli-user-password's value: a user:password, or a key given as the user. */
function valueLooksLikeLogin(secret: string, context: ValidateContext): boolean {
  // `-u http://localhost:3000/api`: a URL given to another tool's -u, not user:password
  if (secret.startsWith('//')) return false;
  // a key as the user: long and random, or short with three kinds of characters (`d2LkV78zLx!t`)
  if (context.secretGroup === 'secret2') return secret.length >= 16 ? looksLikeSecret(secret, 16, 3.2) : looksLikePassword(secret) && charClasses(secret) >= 3;
  // `{…}` around a password: a template slot when it holds a name (`{password}`, `{API_KEY}`),
  // a password when what it holds is one
  const braced = /^\{([^{}$]+)\}$/.exec(secret);
  if (braced) return looksLikePassword(braced[1]!) && realPassword(braced[1]!, context.groups?.user ?? '');
  return realPassword(secret, context.groups?.user ?? '');
}

/**
 * How far back givenToHttpClient reads for the command, at most: as far as a validator's
 * `context.line` reaches. Reading from the line's start made each hit on a long line read the whole
 * line before it (`:--user ` repeated on one line: 1.4–1.7 s per MB).
 */
const COMMAND_REACH = 1000;

/** Where `curl`, `wget` and `http` start in a text, in order: found once per text, not searched for each hit. */
const clientWordsIn = memoLast((text) => {
  const starts: number[] = [];
  for (let m = CLIENT_WORD.exec(text); m !== null; m = CLIENT_WORD.exec(text)) starts.push(m.index);
  return starts;
});
const CLIENT_WORD = /curl|wget|http/g;

/** Whether `curl`, `wget` or `http` lies wholly inside text[from, to). */
function clientWordBetween(text: string, from: number, to: number): boolean {
  const starts = clientWordsIn(text);
  // the last start at or before to - 4 (each word is four letters)
  const after = firstAtOrAfter(starts, to - 3);
  return after > 0 && starts[after - 1]! >= from;
}

/** The last line feed in text[from, end], or -1. */
function lastLineFeed(text: string, end: number, from: number): number {
  const at = text.slice(from, end + 1).lastIndexOf('\n');
  return at === -1 ? -1 : from + at;
}

/**
 * True when the `-u` belongs to curl, wget or HTTPie: the command of the same shell segment,
 * which ends at a separator (`;`, `|`, `&`, `$(`) or where one quoted string of a list ends
 * and the next begins (`'…', '…'` in code that lists commands). A command continued over
 * several lines (`\` at the end of a line) is read from its first line, at most COMMAND_REACH
 * characters back.
 */
function givenToHttpClient(context: ValidateContext): boolean {
  const text = context.text ?? context.line;
  const at = context.index ?? text.length;
  const from = Math.max(0, at - COMMAND_REACH);
  // no client's name in reach, none in the segment (which the steps below only cut and blank)
  if (!clientWordBetween(text, from, at)) return false;
  let start = Math.max(from, lastLineFeed(text, at - 1, from) + 1);
  // up to 20 continued lines back: `curl … \` on the line before
  for (let i = 0; i < 20 && start > Math.max(1, from); i++) {
    const previous = Math.max(from, lastLineFeed(text, start - 2, from) + 1);
    if (!/\\\r?$/.test(text.slice(previous, start - 1))) break;
    start = previous;
  }
  // quoted arguments closed before the value are dropped: a `;` in `-H "Content-Type: text/plain; charset=UTF-8"`
  // is the header's, not the shell's
  const before = text.slice(start, at).replace(/\\\r?\n/g, ' ').replace(/(?<=\s)"[^"\n]*"(?=\s)|(?<=\s)'[^'\n]*'(?=\s)/g, '""');
  const segment = before.split(/[;|&`]|\$\(|["'],\s*["']/).pop() ?? '';
  return /\b(?:curl|wget|http)\b/.test(segment);
}
