import type { Rule } from '../types.js';
import { BASE64, UPPER_ALNUM, contextRule, fakeBody, join } from './define.js';

const fix = 'Deactivate the key in AWS IAM, and use an IAM role, AWS SSO or environment variables instead.';

export const awsRules: Rule[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    regex: /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Za-z0-9])/,
    minEntropy: 3,
    severity: 'error',
    anchor: 'keyword',
    fix,
    examples: (seed) => ({
      positives: [
        `aws_access_key_id = ${join('AK', 'IA', fakeBody('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed()))}\n`,
        `const id = "${join('AS', 'IA', fakeBody('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed()))}";\n`,
      ],
      negatives: [
        `aws_access_key_id = ${join('AKIA', 'IOSFODNN7', 'EXAMPLE')}\n`,
        `const id = "${join('AK', 'IA', 'XXXXXXXXXXXXXXXX')}";\n`,
        `const word = "AKIAS";\n`,
      ],
    }),
  },
  contextRule({
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    keywords: ['secret_access_key', 'secretaccesskey', 'secret-access-key', 'secret.access', 'aws_secret', 'awssecret', 'aws-secret', 'aws.secret'],
    name: /secretaccesskey|awssecret|secretkey$/,
    value: '[A-Za-z0-9/+]{40}',
    minEntropy: 3.8,
    fix,
    exampleName: 'awsSecretAccessKey',
    sample: (s) => fakeBody(BASE64, 40, s),
    negatives: (seed) => [
      `aws_secret_access_key = ${join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY')}\n`,
      `const awsSecretAccessKey = '${fakeBody(UPPER_ALNUM, 20, seed())}';\n`,
    ],
  }),
];
