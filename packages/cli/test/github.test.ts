import { fingerprint, redact, type Finding } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import { annotation, escapeData, escapeProperty, formatGithub } from '../src/report/github.js';

const secret = ['sk', '_li', 've_'].join('') + 'Qm3Xb8Rt5Vn1Lp7Kc2Wd9Hz4Fy6Js0Ag';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'stripe-secret-key',
    message: `Stripe secret key (${redact(secret)})`,
    file: 'src/pay.ts',
    line: 12,
    column: 7,
    endLine: 12,
    endColumn: 7 + secret.length,
    match: redact(secret),
    fingerprint: fingerprint('stripe-secret-key', secret),
    severity: 'error',
    fix: 'Read it from process.env.STRIPE_SECRET_KEY.',
    ...overrides,
  };
}

describe('GitHub workflow annotations', () => {
  it('writes ::error with file, line, col, endLine, endColumn and title', () => {
    expect(annotation(finding(), { cwd: '/repo' })).toBe(
      `::error file=src/pay.ts,line=12,col=7,endLine=12,endColumn=${7 + secret.length},title=keyguard stripe-secret-key::` +
        `Stripe secret key (${redact(secret)}).%0ARead it from process.env.STRIPE_SECRET_KEY.`,
    );
  });

  it('uses ::warning for warning-severity rules', () => {
    expect(annotation(finding({ severity: 'warning' }), { cwd: '/repo' })).toMatch(/^::warning file=/);
  });

  it('escapes % CR LF in the message, and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir:1,2%\n')).toBe('dir%3A1%2C2%25%0A');
    const line = annotation(finding({ file: 'odd: dir,1/100%.ts', message: 'two\nlines' }), { cwd: '/repo' });
    expect(line).toContain('file=odd%3A dir%2C1/100%25.ts,');
    expect(line).toContain('::two%0Alines.%0A');
    expect(line.split('\n')).toHaveLength(1);
  });

  it('gives paths relative to the repository root and names the commit of a history finding', () => {
    const line = annotation(
      { ...finding({ file: 'pay.ts', commit: 'd'.repeat(40) }), authorDate: '2024-01-01T00:00:00Z', commits: ['d'.repeat(40), 'e'.repeat(40)] },
      { cwd: '/repo/app', srcRoot: '/repo' },
    );
    expect(line).toContain('file=app/pay.ts,');
    expect(line).toContain(`Added in commit ${'d'.repeat(12)} (2024-01-01T00%3A00%3A00Z)`.replace(/%3A/g, ':'));
    expect(line).toContain(`again in ${'e'.repeat(12)}`);
  });

  it('never prints the secret', () => {
    expect(formatGithub([finding()], { cwd: '/repo' }).includes(secret)).toBe(false);
  });

  it('ends with a plain summary line', () => {
    expect(formatGithub([], { cwd: '/repo' })).toBe('keyguard: no secrets found\n');
    expect(formatGithub([finding(), finding()], { cwd: '/repo' }).trimEnd().split('\n').at(-1)).toBe('keyguard: 2 findings');
  });
});
