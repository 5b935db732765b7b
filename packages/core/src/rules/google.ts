import type { Rule } from '../types.js';
import { BASE64, BASE64URL, fakeBody, join, prefixed } from './define.js';
import { pemBlock } from './private-keys.js';

const fix = 'Delete or restrict the key in Google Cloud (APIs & Services → Credentials) and load it from the environment.';

/** Firebase web config (`apiKey` beside `authDomain`) is public by design. */
function nearFirebaseConfig(text: string | undefined, at: number | undefined): boolean {
  if (text === undefined || at === undefined) return false;
  return /authdomain|firebase/i.test(text.slice(Math.max(0, at - 1500), at + 1500));
}

const googleKey = (seed: number): string => join('AI', 'za', fakeBody(BASE64URL, 35, seed));

export const googleRules: Rule[] = [
  prefixed('google-api-key', 'Google API key', 'AIza', 'BASE64URL', 35, fix, {
    validate: (_secret, context) => !nearFirebaseConfig(context.text, context.index),
    negatives: (seed) => [
      `const firebaseConfig = {\n  apiKey: "${googleKey(seed())}",\n  authDomain: "demo.firebaseapp.com",\n};\n`,
      // a key of Google's own Firebase SDK tests (placeholder.ts): the same for everyone who copies them
      `assert.isTrue(isValidApiKeyFormat('${join('AI', 'za', 'SyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ')}'));\n`,
    ],
  }),
  prefixed('firebase-web-api-key', 'Firebase web API key (public by design)', 'AIza', 'BASE64URL', 35, 'Firebase web keys are public; protect the project with security rules and App Check.', {
    publicByDesign: true,
    severity: 'warning',
    validate: (_secret, context) => nearFirebaseConfig(context.text, context.index),
    positives: (seed) => [`const firebaseConfig = {\n  apiKey: "${googleKey(seed())}",\n  authDomain: "demo.firebaseapp.com",\n};\n`],
    sampleText: (key) => `const firebaseConfig = {\n  apiKey: "${key}",\n  authDomain: "demo.firebaseapp.com",\n};\n`,
    ownExamplesOnly: true,
  }),
  prefixed('google-oauth-client-secret', 'Google OAuth client secret', 'GOCSPX-', 'BASE64URL', 28, fix),
  prefixed('google-oauth-access-token', 'Google OAuth access token', 'ya29.', 'BASE64URL', [30, 300], fix),
  {
    id: 'gcp-service-account-key',
    description: 'Google Cloud service account key (JSON)',
    keywords: ['"private_key"'],
    regex: /"private_key"[ \t]{0,8}:[ \t]{0,8}"(-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\]{100,8000}-----END PRIVATE KEY-----(?:\\n)?)"/,
    window: { before: 64, after: 8500, multiline: true },
    severity: 'error',
    priority: -1,
    fix: 'Delete the key in Google Cloud IAM and use workload identity or a secret manager instead of key files.',
    validate: (_secret, context) => {
      const text = context.text ?? '';
      const at = context.index ?? 0;
      return /"type"\s*:\s*"service_account"/.test(text.slice(Math.max(0, at - 3000), at + 9000));
    },
    examples: (seed) => {
      const key = pemBlock('PRIVATE KEY', fakeBody(BASE64, 900, seed()), '\\n');
      return {
        positives: [
          `{\n  "type": "service_account",\n  "project_id": "demo",\n  "private_key_id": "${fakeBody('0123456789abcdef', 40, seed())}",\n  "private_key": "${key}\\n",\n  "client_email": "svc@demo.iam.gserviceaccount.com"\n}\n`,
        ],
        negatives: [`{\n  "type": "authorized_user",\n  "private_key": "${key}"\n}\n`],
      };
    },
  },
];
