import type { Rule } from '../types.js';
import { BASE64, fakeBody, join } from './define.js';

const fix = 'Remove the private key from the repository, replace the key pair, and load keys from a secret store or mounted file.';

/** A PEM block built at run time (the armour lines are joined from parts). */
export function pemBlock(label: string, body: string, newline = '\n'): string {
  const lines = body.match(/.{1,64}/g) ?? [];
  return [join('-----BEG', 'IN ', label, '-----'), ...lines, join('-----EN', 'D ', label, '-----')].join(newline);
}

const block = (id: string, description: string, labels: string, keyword: string[], sampleLabel: string, extra: Partial<Rule> = {}): Rule => ({
  id,
  description,
  keywords: keyword,
  regex: new RegExp(
    `(-----BEGIN (?:${labels})-----(?:\\r?\\n|(?:\\\\r)?\\\\n)(?:[A-Za-z0-9+/=\\s:,.\\\\]|-(?!----)){40,16000}-----END (?:${labels})-----)`,
  ),
  window: { before: 64, after: 16_500, multiline: true },
  severity: 'error',
  placeholderMarkersOnly: true,
  minEntropy: 4,
  fix,
  examples: (seed) => ({
    positives: [
      `${pemBlock(sampleLabel, fakeBody(BASE64, 1200, seed()))}\n`,
      `const key = "${pemBlock(sampleLabel, fakeBody(BASE64, 600, seed()), '\\n')}";\n`,
      `key: |\r\n  ${pemBlock(sampleLabel, fakeBody(BASE64, 600, seed()), '\r\n  ')}\r\n`,
    ],
    negatives: [
      `${pemBlock(sampleLabel, 'x'.repeat(200))}\n`,
      `${pemBlock('PUBLIC KEY', fakeBody(BASE64, 300, seed()))}\n`,
      `const header = '-----BEGIN ${sampleLabel}-----';\n`,
    ],
  }),
  ...extra,
});

/** The first line of a PuTTY key file: the body is read as a key only below it. */
const HEADER = 'PuTTY-User-Key-File-';

export const privateKeyRules: Rule[] = [
  block('private-key', 'Private key (PEM)', '(?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY', ['private key-----'], 'RSA PRIVATE KEY'),
  block('openssh-private-key', 'OpenSSH private key', 'OPENSSH PRIVATE KEY', ['openssh private key-----'], 'OPENSSH PRIVATE KEY', { priority: -1 }),
  block('pgp-private-key', 'PGP private key block', 'PGP PRIVATE KEY BLOCK', ['pgp private key block-----'], 'PGP PRIVATE KEY BLOCK', { priority: -1 }),
  {
    id: 'putty-private-key',
    description: 'PuTTY private key',
    keywords: ['private-lines:'],
    // the body's lines, up to the line break before `Private-MAC:` (whose letters are base64 too)
    regex: /Private-Lines: \d{1,3}\r?\n((?:[A-Za-z0-9+/=]{1,64}\r?\n){0,400}[A-Za-z0-9+/=]{1,64})(?=\r?\n|$)/,
    anchor: 'keyword',
    // the header starting less than 4000 characters back, searched there only (not the whole text
    // before each body); a body in the first 3999 characters passes, as it did when this read
    // `lastIndexOf(HEADER, index) > index - 4000` (-1 is greater there)
    validate: (_secret, context) => {
      const at = context.index ?? 0;
      const from = Math.max(0, at - 3999);
      return at < 3999 || (context.text ?? '').slice(from, at + HEADER.length).lastIndexOf(HEADER, at - from) !== -1;
    },
    severity: 'error',
    placeholderMarkersOnly: true,
    minEntropy: 4,
    fix,
    examples: (seed) => {
      const lines = (seed: number): string => (fakeBody(BASE64, 640, seed).match(/.{1,64}/g) ?? []).join('\n');
      const file = (seed: number): string =>
        join('PuTTY-User-Key-', 'File-3: ssh-ed25519\nEncryption: none\nComment: demo\nPublic-Lines: 2\n', lines(seed).slice(0, 129), '\nPrivate-Lines: 10\n', lines(seed + 1), '\nPrivate-MAC: ', fakeBody('0123456789abcdef', 64, seed + 2), '\n');
      return { positives: [file(seed())], negatives: ['PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'] };
    },
  },
  {
    id: 'age-secret-key',
    description: 'age secret key',
    keywords: ['age-secret-key-1'],
    regex: /(?<![A-Za-z0-9])(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])/,
    anchor: 'keyword',
    severity: 'error',
    minEntropy: 3.5,
    fix,
    examples: (seed) => ({
      positives: [`# created: 2024-01-01\n${join('AGE-SECRET-', 'KEY-1', fakeBody('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58, seed()))}\n`],
      negatives: [`${join('AGE-SECRET-', 'KEY-1', 'Q'.repeat(58))}\n`, 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n'],
    }),
  },
];
