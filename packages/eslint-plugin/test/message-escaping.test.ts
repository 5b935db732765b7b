/**
 * Text the rules quote from the linted code (an env var or header name written with escapes in
 * a string literal) reaches ESLint's formatters, which print messages raw (stylish) or escape
 * only C0 controls (json). The plugin escapes what it quotes as the CLI does (`terminalSafe`),
 * so an ESC or a bidi control in a name cannot drive the terminal or reorder the line shown.
 * Real ESLint CLI, both formatters.
 */
import { describe, expect, it } from 'vitest';
import { lintProject } from './eslint-cli.js';

/** ESC, CSI, the C0/C1 controls and the bidi controls that reorder text. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const nextApp = JSON.stringify({ name: 'app', private: true, dependencies: { next: '^15.0.0', react: '^19.0.0' } });

describe('names quoted in messages', () => {
  it('shows an env var name with ESC and U+202E in it escaped, in stylish and json output', () => {
    const run = lintProject(
      {
        'package.json': nextApp,
        // the source holds backslash escapes; the name ESLint sees holds the characters
        'app/pay.tsx': "'use client';\nexport const key = process.env['STRIPE_SECRET_\\u001b[2J\\u202eKEY'];\n",
        'app/call.tsx': "'use client';\nexport const go = () => fetch('/x', { headers: { ['x-api-key']: process.env['API_\\u009b31m_KEY'] } });\n",
      },
      { formats: ['stylish', 'json'] },
    );
    expect(run.stderr).toBe('');
    const messages = run.findings.filter((finding) => finding.ruleId?.startsWith('@keyguard/'));
    expect(messages.map((finding) => [finding.file, finding.ruleId])).toEqual([
      ['app/call.tsx', '@keyguard/no-api-key-header-in-client'],
      ['app/call.tsx', '@keyguard/no-secret-env-in-client'],
      ['app/pay.tsx', '@keyguard/no-secret-env-in-client'],
    ]);
    for (const finding of messages) expect(finding.message).not.toMatch(UNSAFE);
    expect(messages[2]!.message).toContain('STRIPE_SECRET_\\u{1b}[2J\\u{202e}KEY');
    expect(messages[1]!.message).toContain('API_\\u{9b}31m_KEY');

    const stylish = run.printed.stylish ?? '';
    expect(stylish).toContain('STRIPE_SECRET_\\u{1b}[2J\\u{202e}KEY');
    for (const line of stylish.split('\n')) expect(line).not.toMatch(UNSAFE);
    expect(run.printed.json ?? '').not.toMatch(UNSAFE);
  });
});
