/**
 * False positives read on fetched real repos, round 7 (logto, outline, next-auth, medusa,
 * ai-chatbot: `keyguard scan .` over each whole tree), each a general cause, each with a twin that
 * is still reported so the test fails if a rule stops reporting altogether. Values are assembled
 * at run time.
 */
import { describe, expect, it } from 'vitest';
import { random, reported, rulesOf } from './sampling.js';

describe('a URL password that is the user name or a default in leetspeak is a local default', () => {
  const url = (user: string, password: string) => `  DB_URL: postgres://${user}:${password}@localhost:5432/logto\n`;

  it('postgres:p0stgr3s, root:r00t (logto\'s compose files and dev container)', () => {
    expect(rulesOf(url('postgres', ['p0st', 'gr3s'].join('')), 'docker-compose.yml')).toEqual([]);
    expect(rulesOf(url('root', ['r0', '0t'].join('')), 'docker-compose.yml')).toEqual([]);
    expect(rulesOf(url('app', ['4dm', '1n'].join('')), 'docker-compose.yml')).toEqual([]);
  });

  it('a password in leetspeak that is neither is reported, and so is one with other digits', () => {
    const leet = reported((v) => url('postgres', v), () => `${random(4, 'abcdefghjkmnpqrtuvwxyz')}0${random(4, 'bcdfghjkmnpqrtvwxz')}3${random(3)}`, 'docker-compose.yml');
    expect(rulesOf(url('postgres', leet), 'docker-compose.yml')).toEqual(['postgres-url-password']);
    expect(rulesOf(url('postgres', ['p0st', 'gr3s', '2024'].join('')), 'docker-compose.yml')).toEqual(['postgres-url-password']);
  });
});

describe('a label in a locale module ends with a colon', () => {
  const module = (value: string) => `const user_details = {\n  created_username: 'Nombre de usuario:',\n  created_password: '${value}',\n};\nexport default Object.freeze(user_details);\n`;
  const path = 'packages/phrases/src/locales/es/translation/admin-console/user-details.ts';

  it("Spanish 'Contraseña:', Portuguese 'Palavra-passe:', 'Nueva contraseña…'", () => {
    for (const label of ['Contraseña:', 'Palavra-passe:', 'Nueva contraseña…', 'Mot de passe.']) expect(rulesOf(module(label), path)).toEqual([]);
  });

  it('a value with digits or symbols inside is judged, and a label outside a locale path is too', () => {
    const real = reported(module, () => `${random(8)}-${random(6)}:`, path);
    expect(rulesOf(module(real), path)).toEqual(['generic-secret']);
    expect(rulesOf(module('Palavra-passe:'), 'src/config/user-details.ts')).toEqual(['generic-secret']);
  });
});

describe('camelCase words with a numeronym are an identifier a person wrote', () => {
  it("an i18next storage key under storageKey (logto's i18n utils)", () => {
    expect(rulesOf("const storageKey = 'i18nextLogtoUiLng';\n", 'packages/account/src/i18n/utils.ts')).toEqual([]);
    expect(rulesOf("const STORAGE_KEY = 'oauth2ClientSession';\n", 'src/auth.ts')).toEqual([]);
  });

  it('an identifier after Authorization: in code (logto\'s token-exchange test)', () => {
    const text = 'await fetch(url, {\n  headers: {\n    Authorization: m2mAuthorizationHeader,\n  },\n});\n';
    expect(rulesOf(text, 'packages/integration-tests/src/tests/api/token-exchange.test.ts')).toEqual([]);
  });

  it('a random value of the same length is reported under both names', () => {
    const line = (v: string) => `const storageKey = '${v}';\n`;
    expect(rulesOf(line(reported(line, () => random(17), 'src/i18n/utils.ts')), 'src/i18n/utils.ts')).toEqual(['generic-secret']);
    const header = (v: string) => `curl -H "Authorization: ${v}" https://api.example.net\n`;
    expect(rulesOf(header(reported(header, () => random(22), 'run.sh')), 'run.sh')).toEqual(['authorization-scheme-token']);
  });
});
