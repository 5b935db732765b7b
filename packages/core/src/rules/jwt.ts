import { isPlaceholder } from '../placeholder.js';
import type { Rule } from '../types.js';
import { BASE64URL, fakeBody, join } from './define.js';

/** A JWT: three base64url parts, the first two JSON objects (`eyJ`). */
export const JWT = /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{10,1000})(?![A-Za-z0-9_-])/;

/** The decoded payload of a JWT, or undefined when it is not one. */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const json = Buffer.from(part, 'base64url').toString('utf8');
    const payload = JSON.parse(json) as unknown;
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A JWT built at run time from a payload (the signature is random bytes). */
export function sampleJwt(payload: Record<string, unknown>, seed: number): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return join(enc({ alg: 'HS256', typ: 'JWT' }), '.', enc(payload), '.', fakeBody(BASE64URL, 43, seed));
}

/**
 * The keys of Supabase's local stack (`supabase start`, self-hosting's example .env): `iss:
 * "supabase-demo"`, signed with the JWT secret Supabase publishes for local development, so
 * the same for everyone, like Azurite's account key.
 */
function isSupabaseDemo(payload: Record<string, unknown>): boolean {
  return payload.iss === 'supabase-demo';
}

/**
 * A JWT that may grant access when used as a bearer token: its payload parses and it is not the
 * jwt.io sample, a public-by-design key (Supabase `anon`) or a test fixture.
 */
export function isLiveJwt(token: string): boolean {
  const payload = jwtPayload(token);
  if (payload === undefined) return false;
  if (payload.name === 'John Doe' || payload.sub === '1234567890') return false;
  if (payload.role === 'anon' || isSupabaseDemo(payload)) return false;
  // the string claims only: timestamps hold runs of zeros that read as filler
  const words = Object.values(payload).filter((value): value is string => typeof value === 'string');
  return !words.some((value) => isPlaceholder(value, { testMarkers: true, markersOnly: true }));
}

const CREDENTIAL_CLAIM = /secret|password|passwd|api_?key|apikey|private_?key|credential|access_?key|client_secret/i;

export const jwtRules: Rule[] = [
  {
    id: 'supabase-service-role-key',
    description: 'Supabase service_role key (JWT)',
    keywords: ['eyj'],
    regex: JWT,
    anchor: 'keyword',
    severity: 'error',
    priority: -1,
    fix: 'The service_role key bypasses row-level security: keep it on the server only, in the environment, and rotate the JWT secret.',
    validate: (secret) => {
      const payload = jwtPayload(secret);
      return payload?.role === 'service_role' && !isSupabaseDemo(payload);
    },
    examples: (seed) => ({
      positives: [`SUPABASE_SERVICE_ROLE_KEY=${sampleJwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'service_role', iat: 1700000000, exp: 2000000000 }, seed())}\n`],
      negatives: [
        `const anon = '${sampleJwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'anon', iat: 1700000000, exp: 2000000000 }, seed())}';\n`,
        // the local stack's key (supabase start): signed with the published development secret
        `service_role_key TEXT := '${sampleJwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }, seed())}';\n`,
      ],
    }),
  },
  {
    id: 'jwt-with-credentials',
    description: 'JWT carrying credentials',
    keywords: ['eyj'],
    regex: JWT,
    anchor: 'keyword',
    severity: 'error',
    // a sample token in an API's documented responses (`"idToken": "eyJ…"` under `examples`)
    quietInExamples: true,
    fix: 'Do not commit tokens that carry credentials or admin roles; mint them at run time and keep signing keys out of the repository.',
    validate: (secret) => {
      const payload = jwtPayload(secret);
      if (payload === undefined) return false;
      if (payload.role === 'admin' || payload.role === 'supabase_admin') return true;
      return Object.keys(payload).some((claim) => CREDENTIAL_CLAIM.test(claim));
    },
    examples: (seed) => ({
      positives: [`token: ${sampleJwt({ sub: 'svc', client_secret: 'abc', iat: 1700000000 }, seed())}\n`],
      negatives: [
        `const idToken = '${sampleJwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, seed())}';\n`,
        `const notJwt = 'eyJhbGciOi.eyJzdWIiOi.abc';\n`,
      ],
    }),
  },
];
