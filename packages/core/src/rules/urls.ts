import { shannonEntropy } from '../entropy.js';
import { isPlaceholder } from '../placeholder.js';
import type { Rule } from '../types.js';
import { ALNUM, fakeBody, join } from './define.js';
import { leetAsLetters, looksLikePassword, namesItsKindAsPassword } from './values.js';

const COMMON = /^(?:pass\d*|p[a@4][s$5]{2}w(?:[o0]r)?d[0-9!@#$%*.?]*|secret[0-9!@#$%*.?]*|pwd|postgres|postgresql|mysql|mariadb|mongo|mongodb|redis|rabbitmq|guest|root|admin|administrator|user|username|changeme|example|test|dev|local|localhost|docker|default|sa|mysecretpassword|hunter2|swordfish|xxx+|\*+)$/i;

/**
 * A password in a slot that can only hold a password (a URL's userinfo, a connection string,
 * `curl -u user:pass`) that looks real: not a placeholder, a default or a reference. The slot
 * is the evidence, so identifier-like values count too.
 */
export function realPassword(password: string, user: string): boolean {
  const decoded = safeDecode(password);
  if (decoded.length < 6) return false;
  if (COMMON.test(decoded) || decoded === user) return false;
  // the user name or a default in leetspeak (`postgres:p0stgr3s@`, `r00t`): a local default still
  const plain = leetAsLetters(decoded);
  if (plain !== undefined && (COMMON.test(plain) || plain.toLowerCase() === user.toLowerCase())) return false;
  if (isPlaceholder(decoded, { testMarkers: true }) || namesItsKindAsPassword(decoded)) return false;
  if (/^[$%{<[]|\$\{|\{\{/.test(password)) return false;
  // `<user:password>`, `[user]:[password]`: a template slot around the pair
  if (/^[<[]/.test(user) || /[>\]]$/.test(decoded)) return false;
  return shannonEntropy(decoded) >= 2.5;
}

/** `user:password` as Basic credentials and Docker's auths hold it (decoded), else undefined. */
export function loginOf(decoded: string): { user: string; password: string } | undefined {
  const colon = decoded.indexOf(':');
  if (colon < 1 || colon > 100 || /[\s"{}[\]]/.test(decoded.slice(0, colon))) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const urlRule = (id: string, description: string, schemes: string, keywords: string[], sampleScheme: string): Rule => ({
  id,
  description,
  keywords,
  regex: new RegExp(`(?<![A-Za-z0-9+.-])(?:${schemes})://(?<user>[^\\s:@/'"\`<>]{0,100}):(?<secret>[^\\s@/'"\`<>]{1,200})@(?=[A-Za-z0-9\\[])`, 'i'),
  severity: 'error',
  priority: 8,
  anchor: 'keyword',
  fix: 'Remove the password from the URL: build the connection string at run time from environment variables or a secret manager, and change the password.',
  validate: (secret, context) => realPassword(secret, safeDecode(context.groups?.user ?? '')),
  examples: (seed) => {
    const pw = join(fakeBody(ALNUM, 14, seed()), '-9');
    return {
      positives: [
        `DATABASE_URL=${sampleScheme}://app_user:${pw}@db.internal.example.net:5432/app\n`,
        `const url = "${sampleScheme}://admin:${pw}@10.0.0.5/prod";\n`,
        // an empty user (Redis AUTH with a password only) and a percent-encoded one (an e-mail address)
        `URL=${sampleScheme}://:${pw}@cache.internal.example.net:6380\n`,
        `URL=${sampleScheme}://postmaster%40acme.example:${pw}@mail.example.net:587\n`,
        // a kind word in a password written to a policy (upper and lower case, a digit): chosen, not a description
        `URL=${sampleScheme}://devuser:${join('my', 'Secret', String(2000 + (seed() % 30)))}@db.internal.example.net\n`,
      ],
      negatives: [
        `DATABASE_URL=${sampleScheme}://postgres:postgres@localhost:5432/app\n`,
        `DATABASE_URL=${sampleScheme}://user:\${DB_PASSWORD}@db:5432/app\n`,
        `DATABASE_URL=${sampleScheme}://user:password@localhost/app\n`,
        // the user name, or a default, in leetspeak: a local default still
        `DB_URL=${sampleScheme}://postgres:${join('p0st', 'gr3s')}@localhost:5432/app\nDB_URL=${sampleScheme}://root:${join('r0', '0t')}@db:5432/app\n`,
        `const url = \`${sampleScheme}://\${user}:\${pass}@\${host}\`;\n`,
        // kind words as a description or a sample writes them: lower case, or the word alone with digits and symbols
        `URL=${sampleScheme}://user:mypassword@db.example.net\nURL=${sampleScheme}://user:secret123@db.example.net\n`,
        `URL=${sampleScheme}://user:${join('P%40ss', 'w0rd!')}@db.example.net\nURL=${sampleScheme}://user:${join('pass', 'W0rd123')}@db.example.net\nURL=${sampleScheme}://user:${join('Secret', '123!')}@db.example.net\n`,
        // MongoDB's documented example password
        `URL=${sampleScheme}://myDBReader:${join('D1fficult', 'P%40ssw0rd')}@mongodb0.example.com:27017\n`,
      ],
    };
  },
});

/** ADO.NET / JDBC / ODBC key-value connection strings: `Server=…;User Id=…;Password=…;`. */
const connectionString: Rule = {
  id: 'connection-string-password',
  description: 'Password in a database connection string',
  keywords: ['password=', 'pwd='],
  regex: /(?<![A-Za-z0-9_])(?:Password|Pwd)=(?<secret>[^;"'\s{}$,()]{6,200})/i,
  severity: 'error',
  priority: 6,
  anchor: 'keyword',
  fix: 'Build the connection string at run time from a password in the environment or a secret manager, and change the password.',
  validate: (secret, context) => {
    // key=value pairs separated by semicolons, with a server or a database among them
    if (!context.line.includes(';') || !/(?:^|[;"'\s])(?:Server|Data Source|Host|Address|Addr|Initial Catalog|Database|User ID|UID|User)=/i.test(context.line)) return false;
    const user = /(?:User ID|UID|User)=([^;"']*)/i.exec(context.line)?.[1] ?? '';
    return realPassword(secret, user);
  },
  examples: (seed) => {
    const pw = join(fakeBody(ALNUM, 12, seed()), '#4');
    return {
      positives: [
        `var cs = "Server=tcp:db.example.net,1433;Initial Catalog=app;User ID=svc;Password=${pw};Encrypt=True;";\n`,
        `"ConnectionStrings": { "Default": "Host=db;Database=app;Username=app;Pwd=${pw}" }\n`,
      ],
      negatives: [
        'var cs = "Server=localhost;Database=app;User ID=sa;Password=password;";\n',
        '"OrderingDB": "Host=localhost;Database=OrderingDB;Username=postgres;Password=yourWeak(!)Password"\n',
        'var cs = $"Server={host};Database=app;User ID={user};Password={password};";\n',
        `const form = "password=${pw}";\n`,
        'return "{user}{password}@{netloc}".format(user=user, password=password, netloc=netloc)\n',
      ],
    };
  },
};

/** `machine host login user password secret` in .netrc / _netrc files. */
const netrc: Rule = {
  id: 'netrc-password',
  description: 'Password in a .netrc entry',
  keywords: ['password '],
  regex: /(?<![A-Za-z0-9_])password[ \t]+(?<secret>[^\s"'`\\]{6,200})/,
  severity: 'error',
  priority: 6,
  anchor: 'keyword',
  fix: 'Do not commit .netrc files; keep machine credentials in the user\'s home directory or a credential helper.',
  validate: (secret, context) => {
    const text = context.text ?? '';
    const at = context.index ?? 0;
    const entry = text.slice(Math.max(0, at - 400), at);
    const machine = entry.lastIndexOf('machine ');
    if (machine === -1 || !/\blogin[ \t]+\S/.test(entry.slice(machine))) return false;
    const user = /\blogin[ \t]+(\S+)/.exec(entry.slice(machine))?.[1] ?? '';
    // anonymous FTP logins give an e-mail address as the password, by convention
    if (user === 'anonymous' || user === 'ftp') return false;
    return realPassword(secret, user) && looksLikePassword(secret);
  },
  examples: (seed) => ({
    positives: [
      `machine api.heroku.com\n  login dev@example.net\n  password ${fakeBody(ALNUM, 36, seed())}\n`,
      `machine git.internal.net login ci password ${fakeBody(ALNUM, 20, seed())}\n`,
    ],
    negatives: [
      'machine example.com login anonymous password guest\n',
      'Enter the password twice to confirm it.\n',
      'default login anonymous password user@site\n',
      'machine host login name\n=item password string\n',
    ],
  }),
};

export const urlRules: Rule[] = [
  connectionString,
  netrc,
  urlRule('postgres-url-password', 'PostgreSQL connection URL with a password', 'postgres(?:ql)?|cockroachdb|timescaledb', ['postgres', 'cockroachdb', 'timescaledb'], 'postgres'),
  urlRule('mysql-url-password', 'MySQL connection URL with a password', 'mysql|mysqlx|mariadb|jdbc:mysql', ['mysql', 'mariadb'], 'mysql'),
  urlRule('mongodb-url-password', 'MongoDB connection URL with a password', 'mongodb(?:\\+srv)?', ['mongodb'], 'mongodb+srv'),
  urlRule('redis-url-password', 'Redis connection URL with a password', 'rediss?|valkey', ['redis', 'valkey'], 'redis'),
  urlRule('amqp-url-password', 'AMQP (RabbitMQ) connection URL with a password', 'amqps?', ['amqp'], 'amqp'),
  urlRule('mssql-url-password', 'SQL Server connection URL with a password', 'mssql|sqlserver', ['mssql', 'sqlserver'], 'mssql'),
  urlRule('clickhouse-url-password', 'ClickHouse connection URL with a password', 'clickhouse', ['clickhouse'], 'clickhouse'),
  urlRule('mail-url-password', 'SMTP, IMAP or POP3 URL with a password', 'smtps?|imaps?|pop3s?', ['smtp', 'imap', 'pop3'], 'smtp'),
  urlRule('ftp-url-password', 'FTP/FTPS/SFTP URL with a password', 's?ftps?|ssh|smb', ['ftp://', 'ftps://', 'sftp://', 'ssh://', 'smb://'], 'ftps'),
  {
    ...urlRule('basic-auth-url', 'URL with a username and password (basic auth)', 'https?|wss?', ['http://', 'https://', 'ws://', 'wss://'], 'https'),
    priority: 9,
  },
];

