/**
 * False positives read on fetched real repos (issue 9, h17: documenso, formbricks), each a general
 * cause, each with a twin that is still reported so the test fails if a rule stops reporting
 * altogether. Values are assembled at run time.
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '@keyguard/core';
import { ALNUM, HEX, random, reported, rulesOf } from './sampling.js';

const NANO = `${ALNUM}_-`;

describe('a Nano ID under a plain token is a record id, as a UUID is', () => {
  const payload = (name: string, value: string) => `{\n  "id": 52,\n  "email": "signer@example.com",\n  "${name}": "${value}",\n  "expiresAt": null\n}\n`;

  it('a webhook sample: a recipient\'s signing token', () => {
    for (let i = 0; i < 20; i++) expect(rulesOf(payload('token', random(21, NANO)), 'docs/webhooks.mdx')).toEqual([]);
  });

  it('the same value under an API token name is reported, and so is a longer token', () => {
    const value = reported((v) => payload('apiToken', v), () => random(21, NANO), 'docs/webhooks.mdx');
    expect(rulesOf(payload('apiToken', value), 'docs/webhooks.mdx')).toEqual(['generic-secret']);
    const longer = reported((v) => payload('token', v), () => random(24, NANO), 'docs/webhooks.mdx');
    expect(rulesOf(payload('token', longer), 'docs/webhooks.mdx')).toEqual(['generic-secret']);
  });
});

describe('a password spelled with symbols names its kind', () => {
  it('p@ss#word, URL-encoded in a connection string, is the docs\' example', () => {
    const url = (password: string) => `postgresql://documenso:${password}@localhost:5432/documenso\n`;
    expect(rulesOf(url(['p%40', 'ss%23', 'word'].join('')), 'docs/database.mdx')).toEqual([]);
    const real = reported(url, () => `${random(10)}%40${random(4)}`, 'docs/database.mdx');
    expect(rulesOf(url(real), 'docs/database.mdx')).toEqual(['postgres-url-password']);
  });

  it('a sentence in leetspeak that says the value is fake is a placeholder', () => {
    const env = (value: string) => `AZUREAD_CLIENT_SECRET="${value}"\n`;
    expect(rulesOf(env(['THis~iS4', 'faKe.53Cre', 'TvALu3'].join('')), 'docs/azure-ad.mdx')).toEqual([]);
    const real = reported(env, () => `${random(5)}~${random(6)}.${random(12)}`, 'docs/azure-ad.mdx');
    expect(rulesOf(env(real), 'docs/azure-ad.mdx')).toEqual(['generic-secret']);
  });
});

describe('command lines', () => {
  it("OpenSSL's env: and file: pass phrase arguments say where the phrase is; pass: holds it", () => {
    const cmd = (arg: string) => `openssl pkcs12 -export -out certificate.p12 -inkey private.key -in certificate.crt \\\n    -password ${arg}\n`;
    expect(rulesOf(cmd('env:CERT_PASS'), 'docs/local.mdx')).toEqual([]);
    expect(rulesOf(cmd('file:/run/secrets/cert_pass'), 'docs/local.mdx')).toEqual([]);
    const phrase = reported((v) => cmd(`pass:${v}`), () => `${random(12)}!${randomInt(10)}`, 'docs/local.mdx');
    expect(rulesOf(cmd(`pass:${phrase}`), 'docs/local.mdx')).toEqual(['cli-flag-secret']);
  });

  it('a URL after -u is a URL (inngest dev -u), not user:password', () => {
    expect(rulesOf('{ "scripts": { "inngest:dev": "inngest dev -u http://localhost:3000/api/jobs" } }\n', 'package.json')).toEqual([]);
    const line = (pw: string) => `curl -u deploy:${pw} http://localhost:3000/api/jobs\n`;
    expect(rulesOf(line(reported(line, () => `${random(12)}!3`, 'run.sh')), 'run.sh')).toEqual(['cli-user-password']);
  });
});

describe('local defaults and labels', () => {
  it('a password made of words of its name with a local prefix is a dev default', () => {
    const env = `environment:\n  - RUSTFS_ADMIN_PASSWORD=devrustfs123\n  - RUSTFS_SERVICE_PASSWORD=devrustfs-service123\n  - MYSQL_PASSWORD=mysql123\n`;
    expect(rulesOf(env, 'docker-compose.dev.yml')).toEqual([]);
    const line = (pw: string) => `  - RUSTFS_ADMIN_PASSWORD=${pw}\n`;
    expect(rulesOf(line(reported(line, () => `devrustfs${random(6)}!2`, 'docker-compose.dev.yml')), 'docker-compose.dev.yml')).toEqual(['generic-secret']);
  });

  it('a password that repeats the user name given just above it is a local sign-in; another is reported', () => {
    const docs = (pw: string) => `Open http://localhost:9001 and sign in with:\n   - Username: \`devrustfs\`\n   - Password: \`${pw}\`\n`;
    expect(rulesOf(docs('devrustfs123'), 'docs/setup/docker.mdx')).toEqual([]);
    const real = reported(docs, () => `${random(10)}!${randomInt(10)}`, 'docs/setup/docker.mdx');
    expect(rulesOf(docs(real), 'docs/setup/docker.mdx')).toEqual(['generic-secret']);
  });

  it('the last segment of a path key is not a variable (an i18n lock file of checksums)', () => {
    const lock = (key: string, value: string) => `version: 1\nchecksums:\n  ${random(32, HEX)}:\n    ${key}: ${value}\n`;
    for (let i = 0; i < 10; i++) expect(rulesOf(lock('auth/forgot-password/reset/new_password', random(32, HEX)), 'apps/web/i18n.lock')).toEqual([]);
    const value = reported((v) => lock('new_password', v), () => random(32, HEX), 'apps/web/i18n.lock');
    expect(rulesOf(lock('new_password', value), 'apps/web/i18n.lock')).toEqual(['generic-secret']);
  });

  it("a locale file's letters-only value is a label; elsewhere, or with digits, it is judged", () => {
    const json = (value: string) => `{\n  "password": "${value}"\n}\n`;
    expect(rulesOf(json('Palavra-passe'), 'apps/web/locales/pt-PT.json')).toEqual([]);
    expect(rulesOf(json('Palavra-passe'), 'config/settings.json')).toEqual(['generic-secret']);
    const real = reported(json, () => `${random(10)}-${randomInt(100)}`, 'apps/web/locales/pt-PT.json');
    expect(rulesOf(json(real), 'apps/web/locales/pt-PT.json')).toEqual(['generic-secret']);
  });
});

describe('a strict provider format is judged by placeholder signals, not by a low entropy count', () => {
  const lowEntropyHex = (): string => {
    for (;;) {
      const value = random(8, HEX);
      if (new Set(value).size <= 5 && !/(.)\1\1/.test(value)) return value;
    }
  };

  it('a Sidekiq gem server URL whose 8 hex digits repeat a few is still found (the entropy bar of basic-auth-url missed 1 real URL in 5)', () => {
    // the user part a draw that is no placeholder either (about 1 draw in 40,000 is a run like 97654321)
    const user = (): string => {
      for (;;) {
        const value = random(8, HEX);
        if (!isPlaceholder(value)) return value;
      }
    };
    for (let i = 0; i < 10; i++) {
      const line = `source "https://${user()}:${lowEntropyHex()}@gems.contribsys.com/" do\n`;
      expect(rulesOf(line, 'Gemfile')).toEqual(['sidekiq-gem-server-url']);
    }
  });

  it('hexspeak and runs in the same slots are placeholders', () => {
    expect(rulesOf(`source "https://${['cafe', 'babe'].join('')}:${['dead', 'beef'].join('')}@gems.contribsys.com/"\n`, 'Gemfile')).toEqual([]);
    expect(rulesOf('source "https://xxxxxxxx:xxxxxxxx@enterprise.contribsys.com/"\n', 'Gemfile')).toEqual([]);
  });
});

describe('novu (h17, real repos round 4)', () => {
  it('a prerelease version with hyphens is a version, also under a package named after a password file', () => {
    expect(rulesOf('      verdaccio-htpasswd: 12.0.0-next-7.15\n', 'pnpm-lock.yaml')).toEqual([]);
    const line = (pw: string) => `      htpasswd: ${pw}\n`;
    expect(rulesOf(line(reported(line, () => `${random(10)}-${randomInt(10)}.${random(4)}`, 'config.yml')), 'config.yml')).toEqual(['generic-secret']);
  });

  it("an Nx Cloud read-only token in nx.json is public; a read-write one is reported", () => {
    const uuid = () => [random(8, HEX), random(4, HEX), random(4, HEX), random(4, HEX), random(12, HEX)].join('-');
    const nx = (scope: string, id = uuid()) => `{ "tasksRunnerOptions": { "default": { "options": { "accessToken": "${Buffer.from(`${id}|${scope}`).toString('base64')}" } } } }\n`;
    for (let i = 0; i < 5; i++) expect(rulesOf(nx('read'), 'nx.json')).toEqual([]);
    // a UUID that is no placeholder (about 1 in 40,000 holds a run like cccccc)
    const id = reported((v) => nx('read-write', v), uuid, 'nx.json');
    expect(rulesOf(nx('read-write', id), 'nx.json')).toEqual(['generic-secret']);
    expect(rulesOf(nx('read', id), 'nx.json')).toEqual([]);
  });
});

describe('analytics write keys (novu)', () => {
  it("a Segment or RudderStack source's write key is public; a Segment access token is reported", () => {
    const line = (name: string, value: string) => `export const ${name} = process.env.CLI_SEGMENT_WRITE_KEY || '${value}';\n`;
    expect(rulesOf(line('SEGMENTS_WRITE_KEY', random(32)), 'src/constants.ts')).toEqual([]);
    expect(rulesOf(line('rudderstackWriteKey', random(32)), 'src/constants.ts')).toEqual([]);
    const plain = (value: string) => `export const SEGMENT_ACCESS_TOKEN = '${value}';\n`;
    const token = reported(plain, () => random(32), 'src/constants.ts');
    expect(rulesOf(plain(token), 'src/constants.ts')).toEqual(['generic-secret']);
  });
});
