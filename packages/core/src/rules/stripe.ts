import type { Rule } from '../types.js';
import { ALNUM, fakeBody, join, providerRule } from './define.js';

const fix = 'Roll the key in the Stripe dashboard and load it from a server-side environment variable.';

export const stripeRules: Rule[] = [
  providerRule({
    id: 'stripe-secret-key',
    description: 'Stripe secret key',
    prefix: 'sk_live_',
    body: '[A-Za-z0-9]{24,247}',
    fix,
    sample: (s) => join('sk', '_live_', fakeBody(ALNUM, 24, s)),
  }),
  providerRule({
    id: 'stripe-test-secret-key',
    description: 'Stripe test-mode secret key',
    prefix: 'sk_test_',
    body: '[A-Za-z0-9]{24,247}',
    severity: 'warning',
    fix,
    sample: (s) => join('sk', '_test_', fakeBody(ALNUM, 24, s)),
  }),
  providerRule({
    id: 'stripe-restricted-key',
    description: 'Stripe restricted key',
    prefix: 'rk_live_',
    body: '[A-Za-z0-9]{24,247}',
    fix,
    sample: (s) => join('rk', '_live_', fakeBody(ALNUM, 24, s)),
  }),
  providerRule({
    id: 'stripe-test-restricted-key',
    description: 'Stripe test-mode restricted key',
    prefix: 'rk_test_',
    body: '[A-Za-z0-9]{24,247}',
    severity: 'warning',
    fix,
    sample: (s) => join('rk', '_test_', fakeBody(ALNUM, 24, s)),
  }),
  providerRule({
    id: 'stripe-webhook-secret',
    description: 'Stripe webhook signing secret',
    prefix: 'whsec_',
    body: '[A-Za-z0-9+/=]{32,100}',
    fix: 'Roll the webhook signing secret in the Stripe dashboard and load it from the environment.',
    sample: (s) => join('wh', 'sec_', fakeBody(ALNUM, 32, s)),
  }),
  providerRule({
    id: 'stripe-publishable-key',
    description: 'Stripe publishable key (public by design)',
    prefix: 'pk_live_',
    body: '[A-Za-z0-9]{24,247}',
    severity: 'warning',
    publicByDesign: true,
    fix: 'Publishable keys are meant for browsers; keep them in configuration so they can be rotated.',
    sample: (s) => join('pk', '_live_', fakeBody(ALNUM, 24, s)),
  }),
];
