/**
 * What a finding's fingerprint looks like (32 lowercase hex digits), wherever one is written:
 * config `allow.fingerprints` and baselines check it with this same pattern.
 */
export const FINGERPRINT_PATTERN = '^[0-9a-f]{32}$';

/** JSON schema of keyguard.config.json / package.json#keyguard; shipped as config.schema.json. */
export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://keyguard.dev/config.schema.json',
  title: 'keyguard configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
    disabledRules: {
      type: 'array',
      description: 'Rule ids turned off.',
      items: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
      uniqueItems: true,
    },
    includePublicKeys: {
      type: 'boolean',
      description: 'Report keys that are public by design (Stripe pk_, Firebase web config, Sentry DSN).',
    },
    customRules: {
      type: 'array',
      description: 'Extra key shapes.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'description', 'regex'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', description: 'kebab-case rule id.' },
          description: { type: 'string', minLength: 1, description: 'Human name of the key kind.' },
          regex: { type: 'string', minLength: 1, description: 'JavaScript regular expression source.' },
          flags: { type: 'string', pattern: '^[imsu]*$', description: 'Regular expression flags (i, m, s, u).' },
          secretGroup: { type: 'integer', minimum: 0, description: 'Capture group holding the secret (default 1).' },
          keywords: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Literals that must occur near a match; the regex runs only near them.',
          },
          minEntropy: { type: 'number', minimum: 0, description: 'Minimum Shannon entropy in bits per character.' },
          severity: { enum: ['error', 'warning'], description: 'Severity of findings.' },
          fix: { type: 'string', description: 'One-line hint on what to do instead.' },
        },
      },
    },
    allow: {
      type: 'object',
      additionalProperties: false,
      description: 'What is never reported.',
      properties: {
        paths: { type: 'array', items: { type: 'string' }, description: 'picomatch globs of paths never scanned, relative to the folder of the config file that sets them.' },
        values: {
          type: 'array',
          items: { type: 'string' },
          description: 'Regular expression sources; a secret matching one is not reported.',
        },
        fingerprints: {
          type: 'array',
          items: { type: 'string', pattern: FINGERPRINT_PATTERN },
          description: 'Fingerprints of accepted findings.',
        },
      },
    },
    envFiles: {
      type: 'object',
      additionalProperties: false,
      description: 'Env files that must not be committed, and allowed templates (picomatch globs).',
      properties: {
        block: { type: 'array', items: { type: 'string' }, description: 'Globs of env files a commit must not hold; replaces the default (**/.env, **/.env.*).' },
        allow: {
          type: 'array',
          items: { type: 'string' },
          description: 'Globs of env files that may be committed (their values are still scanned); added to the default templates (.env.example, .env.sample, .env.template).',
        },
      },
    },
    maxFileSize: {
      type: 'integer',
      minimum: 1,
      description: 'Bytes (default 100 MB); larger files are not scanned and are reported. Large text files under it are scanned in chunks.',
    },
    failOnUnscanned: {
      type: 'boolean',
      description: 'Fail the run (exit 1) when a text file could not be scanned (too large, unreadable). Default: true for --staged, false otherwise.',
    },
    inlineIgnores: { type: 'boolean', description: 'Honour keyguard-ignore comments.' },
  },
} as const;
