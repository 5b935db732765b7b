import type { ValueTarget } from '../ast/value-target.js';

/** Deframe's documented server-side variable (its security guide, "Using Your API Key"). */
export const DEFRAME_ENV_NAME = 'DEFRAME_API_KEY';

const HEADER_ENV_NAMES: Record<string, string> = {
  'x-api-key': 'API_KEY',
  'api-key': 'API_KEY',
  'x-api-token': 'API_TOKEN',
  'x-auth-token': 'AUTH_TOKEN',
  'x-access-token': 'ACCESS_TOKEN',
  authorization: 'API_TOKEN',
  'proxy-authorization': 'PROXY_TOKEN',
};

/**
 * The env var a hardcoded key should move to: DEFRAME_API_KEY in a Deframe context,
 * else the name the value was given to in UPPER_SNAKE_CASE (`stripeSecret` →
 * STRIPE_SECRET), else one derived from the header or the kind of key.
 */
export function envVarName(target: ValueTarget, isDeframe: boolean, ruleId: string): string {
  if (isDeframe) return DEFRAME_ENV_NAME;
  // `{ 'x-api-key': '…' }`: the key names the header, not the secret.
  const name = target.name !== undefined && target.name.toLowerCase() !== target.header ? target.name : undefined;
  const fromName = name !== undefined ? upperSnake(name) : '';
  if (fromName !== '' && !/^(VALUE|DEFAULT|KEY|DATA|STR|S|V|X)$/.test(fromName)) return fromName;
  if (target.header !== undefined) return HEADER_ENV_NAMES[target.header] ?? (upperSnake(target.header.replace(/^x-/, '')) || 'API_KEY');
  return upperSnake(ruleId) || 'API_KEY';
}

export function upperSnake(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}
