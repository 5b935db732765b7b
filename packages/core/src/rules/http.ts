import type { Rule } from '../types.js';
import { isLiveJwt, sampleJwt } from './jwt.js';
import { ALNUM, BASE64URL, fakeBody, join, uuid } from './define.js';
import { isUuid, looksLikePassword, looksLikeSecret, namesItsKind } from './values.js';

/** A JWT-shaped string (header, payload, signature), built at run time. */
function jwtLike(seed: number): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [part({ alg: 'HS256', typ: 'JWT' }), part({ sub: 'svc-reports', iat: 1700000000 }), fakeBody(BASE64URL, 43, seed)].join('.');
}

export const httpRules: Rule[] = [
  {
    id: 'authorization-bearer-token',
    description: 'Bearer token in an Authorization header',
    keywords: ['bearer'],
    regex: /(?<![A-Za-z0-9_-])Bearer[ \t]{1,4}([A-Za-z0-9_.~+/-]{20,1000}={0,2})(?![A-Za-z0-9_.~+/=-])/i,
    severity: 'error',
    priority: 7,
    anchor: 'keyword',
    strictPlaceholders: true,
    fix: 'Send the token from a server that reads it from the environment; never hardcode it.',
    // JWTs have their own rule (authorization-bearer-jwt); a UUID sent as a bearer token is one
    // (Heroku API keys, HubSpot keys), as authorization-scheme-token counts it with no scheme
    validate: (secret) => !/^eyJ[A-Za-z0-9_-]+\.eyJ/.test(secret) && !namesItsKind(secret) && (isUuid(secret) || looksLikeSecret(secret, 20, 3.5)),
    examples: (seed) => {
      const token = fakeBody(BASE64URL, 40, seed());
      return {
        positives: [
          `fetch(url, { headers: { Authorization: 'Bearer ${token}' } });\n`,
          `curl -H "Authorization: Bearer ${token}" https://api.example.net\n`,
          `GET /v1/me\nAuthorization: Bearer ${token}\n`,
          `curl https://api.example.net/v1/contacts \\\n  --header "Authorization: Bearer ${uuid(seed())}"\n`,
        ],
        negatives: [
          `headers: { Authorization: \`Bearer \${token}\` }\n`,
          `Authorization: Bearer <token>\n`,
          `Authorization: Bearer $API_TOKEN\n`,
          `Authorization: Bearer 00000000-0000-0000-0000-000000000000\n`,
          `// Use a bearer token from the environment\n`,
        ],
      };
    },
  },
  {
    id: 'authorization-bearer-jwt',
    description: 'JWT bearer token in an Authorization header',
    keywords: ['bearer'],
    regex: /(?<![A-Za-z0-9_-])Bearer[ \t]{1,4}(eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{10,1000})(?![A-Za-z0-9_.~+/=-])/i,
    severity: 'error',
    priority: 6,
    anchor: 'keyword',
    fix: 'Send the request from a server that reads the token from the environment.',
    // judged by its payload: the jwt.io sample, public-by-design keys and fixtures are not secrets
    validate: (secret) => isLiveJwt(secret),
    examples: (seed) => ({
      positives: [`fetch(url, { headers: { Authorization: 'Bearer ${sampleJwt({ sub: 'svc-reports', scope: 'reports:read', iat: 1700000000 }, seed())}' } });\n`],
      negatives: [
        `Authorization: Bearer ${sampleJwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, seed())}\n`,
        `headers: { Authorization: \`Bearer \${jwt}\` }\n`,
      ],
    }),
  },
  {
    id: 'authorization-scheme-token',
    description: 'API token in an Authorization header (Token, ApiKey, SSWS, Bot or any other scheme, or none)',
    keywords: ['authorization'],
    // Authorization: <scheme> <token> for any scheme but the ones with rules (or parameters) of
    // their own, and Authorization: <token> with no scheme at all (a UUID, a JWT, a random key)
    regex:
      /(?<![A-Za-z0-9_-])Authorization\\?["'`]?[ \t]{0,8}(?::|=|,|=>)[ \t]{0,8}\\?["'`]?(?!(?:Bearer|Basic|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256)\b)(?:(?<scheme>[A-Za-z][A-Za-z0-9]{1,20}(?:-[A-Za-z0-9]{1,20})?)[ \t]{1,4})?(?<secret>[A-Za-z0-9_.~+/-]{16,2000}={0,2})(?![A-Za-z0-9_.~+/=(-])/i,
    severity: 'error',
    priority: 7,
    anchor: 'keyword',
    strictPlaceholders: true,
    fix: 'Send the token from a server that reads it from the environment; never hardcode it.',
    validate: (secret, context) => {
      if (/^eyJ[A-Za-z0-9_-]+\.eyJ/.test(secret)) return isLiveJwt(secret);
      if (namesItsKind(secret)) return false;
      if (context.groups?.scheme === undefined) {
        // no scheme: a UUID or a random-looking key, never an identifier or a property path (code)
        if (isUuid(secret)) return true;
        if (/[._~+/]/.test(secret) || !/[0-9]/.test(secret) || !/[A-Za-z]/.test(secret)) return false;
        if (/^[A-Za-z][a-z]+(?:[A-Z][a-z]+)+\d{0,4}$/.test(secret)) return false; // an identifier: words, then digits
        return looksLikeSecret(secret, 20, 3.5);
      }
      return looksLikeSecret(secret, 16, 3.3);
    },
    examples: (seed) => {
      const token = fakeBody(BASE64URL, 40, seed());
      const someUuid = uuid(seed());
      return {
        positives: [
          `curl -H "Authorization: SSWS 00${token}" https://acme.okta.com/api/v1/users\n`,
          `headers = {"Authorization": "Token ${token}"}\n`,
          `axios.get(url, { headers: { Authorization: \`Bot ${token}\` } });\n`,
          `curl -H "Authorization: Api-Token ${fakeBody(ALNUM, 40, seed())}" https://dt.example.net/api/v2\n`,
          `curl --header 'Authorization:  ${someUuid}' https://api.example.net\n`,
          `curl -L -H "Authorization:${jwtLike(seed())}" https://svc.example.net\n`,
          `Authorization: ${fakeBody(ALNUM, 32, seed())}\n`,
        ],
        negatives: [
          'headers = {"Authorization": f"Token {token}"}\n',
          'Authorization: Token <your token>\n',
          'Authorization: Bot $DISCORD_TOKEN\n',
          'headers: { Authorization: getAuthorizationHeaderValue() },\n',
          'headers: { Authorization: process.env.API_AUTHORIZATION_TOKEN },\n',
          'Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request\n',
          'const headers = { Authorization: authorizationHeaderValueFor2 };\n',
        ],
      };
    },
  },
  {
    id: 'authorization-basic-credentials',
    description: 'Username and password in a Basic Authorization header',
    keywords: ['basic '],
    regex: /(?<![A-Za-z0-9_-])Basic[ \t]{1,4}([A-Za-z0-9+/]{12,400}={0,2})(?![A-Za-z0-9+/=])/i,
    severity: 'error',
    priority: 7,
    anchor: 'keyword',
    fix: 'Build the header at run time from credentials in the environment.',
    validate: (secret, context) => {
      // a JWT after `Basic` (a misnamed scheme): its header decodes to JSON, not to user:password
      if (secret.startsWith('eyJ') || context.text?.charAt((context.index ?? 0) + secret.length) === '.') return false;
      const decoded = Buffer.from(secret, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 1 || /[^\x20-\x7e]/.test(decoded) || decoded.startsWith('{')) return false;
      return looksLikePassword(decoded.slice(colon + 1));
    },
    examples: (seed) => {
      const creds = Buffer.from(join('deploy-bot:', fakeBody(ALNUM, 16, seed()), '#7')).toString('base64');
      return {
        positives: [`Authorization: Basic ${creds}\n`, `headers: { authorization: "Basic ${creds}" }\n`],
        negatives: [
          `Authorization: Basic ${Buffer.from('user:password').toString('base64')}\n`,
          'Authorization: Basic <credentials>\n',
          // a JWT after the wrong scheme: the header segment decodes to JSON with colons in it
          `headers: { Authorization: 'Basic ${jwtLike(seed())}' }\n`,
        ],
      };
    },
  },
];
