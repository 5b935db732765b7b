/**
 * Keys found by where they flow: a literal given to an SDK's credential parameter is a key
 * whatever its variable is called. Each case is a small Node project linted by the real
 * ESLint CLI; the values are built at run time, so this file holds no key.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bodySource, testSecret } from '@keyguard/core/testing';
import { lintProject, workspace, type LintOptions } from './eslint-cli.js';

const random = bodySource('sdk-sinks');
const hex = (length: number) => random(length, '0123456789abcdef');
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = () => `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: `svc-${hex(6)}`, iat: 1716239022 })}.${random(43)}`;

const HARDCODED = '@keyguard/no-hardcoded-api-key';
const server = (files: Record<string, string>, options?: LintOptions) =>
  lintProject({ 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5.0.0' } }), ...files }, options);

describe('SDK sinks', () => {
  it('reports literals given to wallet, payment, AI, SMS and chat-bot SDKs, at the literal', () => {
    const lines = [
      "import { Keypair } from '@solana/web3.js';",
      "import bs58 from 'bs58';",
      "import twilio from 'twilio';",
      "import { Client } from 'discord.js';",
      "import { Wallet } from 'ethers';",
      "import Stripe from 'stripe';",
      "import OpenAI from 'openai';",
      `export const wallet = new Wallet('0x${hex(64)}');`,
      `export const stripe = new Stripe('${testSecret('stripe-secret-key')}');`,
      `export const ai = new OpenAI({ apiKey: '${random(48)}' });`,
      `export const payer = Keypair.fromSecretKey(bs58.decode('${random(88)}'));`,
      `export const sms = twilio('AC${hex(32)}', '${hex(32)}');`,
      'const bot = new Client({ intents: [] });',
      `bot.login('M${random(25)}.${random(6)}.${random(38)}');`,
      `fetch('https://api.example.com', { headers: { Authorization: 'Bearer ${jwt()}' } });`,
    ];
    const run = server({ 'src/clients.ts': lines.join('\n') });
    expect(run.stderr).toBe('');
    expect(run.findings.map((f) => [f.ruleId, f.line])).toEqual([8, 9, 10, 11, 12, 14, 15].map((line) => [HARDCODED, line]));
    // core's authorization-bearer-jwt judges a hardcoded Bearer JWT: the plugin asks it
    expect(run.findings[6]?.message).toMatch(/bearer token in an Authorization header \(eyJ/i);
    expect(run.findings[6]?.suggestions).toEqual(['`Bearer ${process.env.API_TOKEN}`']);
    expect(run.findings[4]?.suggestions).toEqual(["process.env.TWILIO_AUTH_TOKEN ?? ''"]);
    expect(run.findings[3]?.suggestions).toEqual(["process.env.SECRET_KEY ?? ''"]);
  });

  it('stays quiet about the same calls given placeholders, env reads or non-credential arguments', () => {
    const lines = [
      "import twilio from 'twilio';",
      "import { Client } from 'discord.js';",
      `export const sms = twilio('AC${hex(32)}', process.env.TWILIO_AUTH_TOKEN);`,
      "export const demo = twilio('ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'your_auth_token_here');",
      'const bot = new Client({ intents: [] });',
      'bot.login(process.env.DISCORD_TOKEN);',
      "export const user = { login: (name: string) => name }.login('a-user-name-not-a-token');",
      "fetch('/me', { headers: { Authorization: 'Bearer not-a-jwt' } });",
    ];
    const run = server({ 'src/clients.ts': lines.join('\n') });
    expect(run.stderr).toBe('');
    expect(run.findings).toEqual([]);
  });

  it('gives a Bearer JWT in an Authorization header the same verdict as `keyguard scan`', () => {
    const live = jwt();
    const sample = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.${random(43)}`;
    const anon = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ iss: 'supabase', ref: hex(20), role: 'anon', iat: 1700000000 })}.${random(43)}`;
    const allowed = jwt();
    const lines = [
      `fetch('/a', { headers: { Authorization: 'Bearer ${live}' } });`,
      `fetch('/b', { headers: { Authorization: 'Bearer ${sample}' } });`,
      `fetch('/c', { headers: { Authorization: 'Bearer ${anon}' } });`,
      `fetch('/d', { headers: { Authorization: 'Bearer ${allowed}' } });`,
    ];
    let cli: { status: number | null; lines: number[] } | undefined;
    const run = server({
      'keyguard.config.json': JSON.stringify({ allow: { values: [allowed] } }),
      'src/client.ts': lines.join('\n'),
    }, {
      inspect: (root) => {
        const scan = spawnSync(process.execPath, [`${workspace.root}/packages/cli/bin/keyguard.js`, 'scan', '--format', 'json', 'src'], { cwd: root, encoding: 'utf8' });
        const report = JSON.parse(scan.stdout) as { findings: Array<{ line: number }> };
        cli = { status: scan.status, lines: report.findings.map((finding) => finding.line) };
      },
    });
    expect(run.stderr).toBe('');
    // the jwt.io sample and a Supabase anon key are not credentials; an allowed value is allowed
    expect(run.findings.map((finding) => [finding.ruleId, finding.line])).toEqual([[HARDCODED, 1]]);
    expect(cli).toEqual({ status: 1, lines: [1] });
  });

  it('with typed linting, reads the parameter names of the callee’s own declaration', () => {
    const run = server({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'nodenext' }, include: ['src'] }),
      'src/vendor.ts': 'export function connect(host: string, accessToken: string): string { return host + accessToken; }\nexport function greet(host: string, message: string): string { return host + message; }\n',
      'src/main.ts': `import { connect, greet } from './vendor.js';\nexport const a = connect('api.example.com', '${random(40)}');\nexport const b = greet('api.example.com', '${random(40)}');\n`,
    }).findings;
    // without type information the name is unknown: nothing to report
    expect(run).toEqual([]);

    const typed = lintProject(
      {
        'package.json': JSON.stringify({ name: 'api', type: 'module' }),
        'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'nodenext' }, include: ['src'] }),
        'src/vendor.ts': 'export function connect(host: string, accessToken: string): string { return host + accessToken; }\nexport function greet(host: string, message: string): string { return host + message; }\n',
        'src/main.ts': `import { connect, greet } from './vendor.js';\nexport const a = connect('api.example.com', '${random(40)}');\nexport const b = greet('api.example.com', '${random(40)}');\n`,
      },
      { extraConfig: "{ files: ['src/**/*.ts'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } }," },
    );
    expect(typed.stderr).toBe('');
    expect(typed.findings.map((f) => [f.file, f.line, f.suggestions])).toEqual([['src/main.ts', 2, ["process.env.ACCESS_TOKEN ?? ''"]]]);
  });
});

describe('vendor key headers', () => {
  it('reports x-rapidapi-key, x-goog-api-key, apikey and Ocp-Apim-Subscription-Key in client code, header names in constants too', () => {
    const run = lintProject({
      'package.json': JSON.stringify({ name: 'web', devDependencies: { vite: '^6.0.0' } }),
      'index.html': '<script type="module" src="/src/main.ts"></script>\n',
      'src/main.ts': [
        "const KEY_HEADER = 'x-rapidapi-key';",
        'const key = import.meta.env.VITE_RAPIDAPI_KEY;',
        "fetch('/a', { headers: { [KEY_HEADER]: key } });",
        "fetch('/b', { headers: { 'x-goog-api-key': import.meta.env.VITE_GOOGLE_KEY } });",
        "fetch('/c', { headers: { 'Ocp-Apim-Subscription-Key': import.meta.env.VITE_AZURE_KEY } });",
        "fetch('/d', { headers: { apikey: import.meta.env.VITE_SERVICE_API_KEY } });",
        // Supabase's anon key is public by design: quiet
        "fetch('/e', { headers: { apikey: import.meta.env.VITE_SUPABASE_ANON_KEY } });",
      ].join('\n'),
    });
    expect(run.stderr).toBe('');
    const headerFindings = run.findings.filter((f) => f.ruleId === '@keyguard/no-api-key-header-in-client');
    expect(headerFindings.map((f) => f.line)).toEqual([3, 4, 5, 6]);
  });
});
