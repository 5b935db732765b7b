import { describe, expect, it } from 'vitest';
import { createScanner, fingerprint, isPlaceholder } from '@keyguard/core';
import { ALNUM, fakeBody, ruleExamples, testSecret } from '@keyguard/core/testing';

// Test secrets come from the one generator, assembled at run time (no live-looking key in the repo).
const body = (n: number, seed = 7): string => fakeBody(ALNUM, n, seed);
const githubToken = testSecret('github-pat');
const stripePublishable = testSecret('stripe-publishable-key');

describe('scan()', () => {
  const scanner = createScanner();

  it('reports 1-based line and column spans of the secret itself', () => {
    const text = `// config\nconst token = '${githubToken}';\n`;
    const [finding] = scanner.scan(text, 'src/config.ts').findings;
    expect(finding).toMatchObject({ ruleId: 'github-pat', file: 'src/config.ts', line: 2, column: 16, endLine: 2, endColumn: 16 + 40 });
  });

  it('counts columns right in CRLF files', () => {
    const text = `// config\r\nconst a = 1;\r\nconst token = '${githubToken}';\r\n`;
    const [finding] = scanner.scan(text, 'a.ts').findings;
    expect(finding).toMatchObject({ line: 3, column: 16, endColumn: 56 });
  });

  it('never puts the whole secret in match or message', () => {
    const [finding] = scanner.scan(`x = "${githubToken}"`, 'a.py').findings;
    expect(finding!.match).not.toContain(githubToken);
    expect(finding!.message).not.toContain(githubToken);
    expect(finding!.match).toContain('40 chars');
  });

  it('keeps fingerprints stable when the secret moves to another line', () => {
    const a = scanner.scan(`const t = '${githubToken}';`, 'a.ts').findings[0]!;
    const b = scanner.scan(`\n\n\n  // moved\n  const t = '${githubToken}';`, 'a.ts').findings[0]!;
    expect(a.line).not.toBe(b.line);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).toBe(fingerprint('github-pat', githubToken));
  });

  it('reports one finding, from the most specific rule, when rules overlap', () => {
    const { findings } = scanner.scan(`GITHUB_TOKEN=${githubToken}\n`, '.env');
    expect(findings.map((f) => f.ruleId)).toEqual(['github-pat']);
  });

  it('finds nothing in text without keys', () => {
    expect(scanner.scan('const a = 1;\n', 'a.ts')).toEqual({ findings: [], suppressed: [], directives: [] });
  });
});

describe('multi-line secrets end where the secret does', () => {
  it('a PuTTY key ends at its last body line, not on the Private-MAC line after it', () => {
    const scanner = createScanner();
    const rule = scanner.rules.find((r) => r.id === 'putty-private-key')!;
    const text = ruleExamples(rule).positives[0]!;
    const macLine = text.split('\n').findIndex((line) => line.startsWith('Private-MAC:')) + 1;
    const [finding] = scanner.scan(text, 'id.ppk').findings;
    expect(finding).toMatchObject({ ruleId: 'putty-private-key', endLine: macLine - 1 });
  });
});

describe('inline directives', () => {
  const scanner = createScanner();

  it('keyguard-ignore on the same line suppresses the finding', () => {
    const result = scanner.scan(`const t = '${githubToken}'; // keyguard-ignore\n`, 'a.ts');
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toHaveLength(1);
    expect(result.suppressed[0]).toMatchObject({ ruleId: 'github-pat', suppressedBy: 'inline' });
  });

  it('keyguard-ignore-next-line with a rule id and a reason, in any comment syntax', () => {
    for (const [comment, file] of [
      ['// keyguard-ignore-next-line github-pat -- reason: rotated test fixture', 'a.ts'],
      ['# keyguard-ignore-next-line github-pat -- reason: rotated test fixture', 'a.yml'],
      ['/* keyguard-ignore-next-line github-pat -- reason: rotated test fixture */', 'a.css'],
      ['<!-- keyguard-ignore-next-line github-pat -- reason: rotated test fixture -->', 'a.md'],
      ['-- keyguard-ignore-next-line github-pat -- reason: rotated test fixture', 'a.sql'],
      ['; keyguard-ignore-next-line github-pat -- reason: rotated test fixture', '.npmrc'],
      ['# keyguard-ignore-next-line github-pat -- reason: rotated test fixture', 'a.unknown'],
      ['-- keyguard-ignore-next-line github-pat -- reason: rotated test fixture', 'a.unknown'],
    ] as const) {
      const result = scanner.scan(`${comment}\ntoken: ${githubToken}\n`, file);
      expect(result.findings, comment).toEqual([]);
      expect(result.suppressed[0], comment).toMatchObject({ reason: 'rotated test fixture', line: 2 });
      expect(result.directives, comment).toEqual([
        { line: 1, kind: 'keyguard-ignore-next-line', ruleIds: ['github-pat'], reason: 'rotated test fixture', target: 2 },
      ]);
    }
  });

  it('a directive naming another rule does not suppress', () => {
    const result = scanner.scan(`// keyguard-ignore-next-line aws-access-key-id\nconst t = '${githubToken}';\n`, 'a.ts');
    expect(result.findings).toHaveLength(1);
    expect(result.directives).toHaveLength(1);
  });

  it('returns unused directives so they can be reported', () => {
    const result = scanner.scan('// keyguard-ignore-next-line\nconst a = 1;\n', 'a.ts');
    expect(result.findings).toEqual([]);
    expect(result.directives).toEqual([{ line: 1, kind: 'keyguard-ignore-next-line', ruleIds: [], target: 2 }]);
  });

  it('ignores the word outside comments', () => {
    for (const line of [
      `const s = "keyguard-ignore"; const t = '${githubToken}';`,
      `const a = 1; const s = 'keyguard-ignore'; const t = '${githubToken}';`,
      `x = "# keyguard-ignore" + '${githubToken}'`,
    ]) {
      const result = scanner.scan(`${line}\n`, 'a.ts');
      expect(result.findings, line).toHaveLength(1);
      expect(result.directives, line).toEqual([]);
    }
  });

  it('is not a directive inside a string literal, even after a comment opener in the string', () => {
    for (const [line, file] of [
      [`token = "${githubToken} #keyguard-ignore x"`, 'a.py'],
      [`token = "${githubToken} #keyguard-ignore x"`, 'a.txt'],
      [`const u = "see // keyguard-ignore please"; const t = '${githubToken}';`, 'a.ts'],
      [`const u = 'see /* keyguard-ignore */'; const t = '${githubToken}';`, 'a.ts'],
      [`const u = \`; keyguard-ignore\`, t = '${githubToken}';`, 'a.unknown'],
      [`t: '${githubToken} # keyguard-ignore'`, 'a.yml'],
    ] as const) {
      const result = scanner.scan(`${line}\n`, file);
      expect(result.findings, line).toHaveLength(1);
      expect(result.directives, line).toEqual([]);
    }
  });

  it('is not a directive on a line inside a multi-line string (template literal, triple quotes)', () => {
    const q3 = '"'.repeat(3);
    for (const [text, file] of [
      [`const s = \`\n// keyguard-ignore-next-line\n\`; const t = '${githubToken}';\n`, 'a.ts'],
      [`const s = \`a \${b} \${ {c: 1}.c }\n  // keyguard-ignore-next-line\n\`; const t = '${githubToken}';\n`, 'a.js'],
      [`s = ${q3}\n# keyguard-ignore-next-line\n${q3}; t = "${githubToken}"\n`, 'a.py'],
      [`s = '''\n# keyguard-ignore\n${githubToken}'''\n`, 'a.py'],
      [`key = ${q3}\n# keyguard-ignore-next-line\n${q3}; token = "${githubToken}"\n`, 'a.toml'],
    ] as const) {
      const result = scanner.scan(text, file);
      expect(result.findings, text).toHaveLength(1);
      expect(result.directives, text).toEqual([]);
    }
  });

  it('is a directive after a multi-line string closes, and after quotes in comments and one-line strings', () => {
    const q3 = '"'.repeat(3);
    for (const [text, file] of [
      [`const s = \`\na\n\`;\n// keyguard-ignore-next-line\nconst t = '${githubToken}';\n`, 'a.ts'],
      [`// don't \`\nconst q = "it's \\" \\\\"; /* \` */\n// keyguard-ignore-next-line\nconst t = '${githubToken}';\n`, 'a.ts'],
      [`${q3}doc${q3}\n# it's ${q3}\n# keyguard-ignore-next-line\nt = "${githubToken}"\n`, 'a.py'],
    ] as const) {
      const result = scanner.scan(text, file);
      expect(result.findings, text).toEqual([]);
      expect(result.suppressed, text).toHaveLength(1);
    }
  });

  it('is not a directive after an operator that only looks like a comment opener', () => {
    for (const [line, file] of [
      [`let t = '${githubToken}'; i-- keyguard-ignore`, 'a.ts'],
      [`let t = '${githubToken}'; i-- keyguard-ignore`, 'a.unknown'],
      [`let t = '${githubToken}'; this.#keyguard-ignore`, 'a.ts'],
      [`t = '${githubToken}'; a#keyguard-ignore`, 'a.unknown'],
    ] as const) {
      const result = scanner.scan(`${line}\n`, file);
      expect(result.findings, line).toHaveLength(1);
      expect(result.directives, line).toEqual([]);
    }
  });

  it('is a directive after a closed string or block comment on the same line', () => {
    for (const [line, file] of [
      [`const t = '${githubToken}'; /* x */ // keyguard-ignore`, 'a.ts'],
      [`t = "${githubToken}" # it's ok: keyguard-ignore`, 'a.py'],
    ] as const) {
      const result = scanner.scan(`${line}\n`, file);
      expect(result.findings, line).toEqual([]);
      expect(result.suppressed, line).toHaveLength(1);
    }
  });

  it('counts CR, CRLF and LF as line ends: a directive applies to its own line only', () => {
    const second = githubToken.slice(0, 10) + [...githubToken.slice(10)].reverse().join('');
    for (const eol of ['\r', '\r\n', '\n']) {
      const text = [`const a = '${githubToken}';`, `const b = '${second}'; // keyguard-ignore`, `// keyguard-ignore-next-line`, `const c = 1;`].join(eol);
      const result = scanner.scan(text + eol, 'a.ts');
      expect(result.findings.map((f) => [f.line, f.column]), JSON.stringify(eol)).toEqual([[1, 12]]);
      expect(result.suppressed.map((f) => f.line), JSON.stringify(eol)).toEqual([2]);
      expect(result.directives.map((d) => [d.line, d.target]), JSON.stringify(eol)).toEqual([[2, 2], [3, 4]]);
    }
  });

  it('are not honoured when inlineIgnores is false', () => {
    const strict = createScanner({ config: { inlineIgnores: false } });
    const result = strict.scan(`const t = '${githubToken}'; // keyguard-ignore\n`, 'a.ts');
    expect(result.findings).toHaveLength(1);
    expect(result.suppressed).toEqual([]);
  });
});

describe('configuration in the scanner', () => {
  it('disabledRules turns a rule off', () => {
    const scanner = createScanner({ config: { disabledRules: ['github-pat'] } });
    expect(scanner.scan(`t = '${githubToken}'`, 'a.ts').findings).toEqual([]);
    expect(scanner.rules.some((r) => r.id === 'github-pat')).toBe(false);
  });

  it('keys public by design are reported only with includePublicKeys', () => {
    const text = `const pk = '${stripePublishable}';\n`;
    expect(createScanner().scan(text, 'a.ts').findings).toEqual([]);
    expect(createScanner({ config: { includePublicKeys: true } }).scan(text, 'a.ts').findings[0]).toMatchObject({
      ruleId: 'stripe-publishable-key',
    });
  });

  it('allow.values and allow.fingerprints drop accepted secrets', () => {
    const text = `t = '${githubToken}'`;
    expect(createScanner({ config: { allow: { paths: [], values: [`^${githubToken.slice(0, 10)}`], fingerprints: [] } } }).scan(text, 'a.ts').findings).toEqual([]);
    const fp = fingerprint('github-pat', githubToken);
    expect(createScanner({ config: { allow: { paths: [], values: [], fingerprints: [fp] } } }).scan(text, 'a.ts').findings).toEqual([]);
  });

  it('custom rules run with their keywords', () => {
    const scanner = createScanner({
      config: { customRules: [{ id: 'acme-token', description: 'Acme token', regex: 'acme_([a-z0-9]{24})', keywords: ['acme_'] }] },
    });
    const [finding] = scanner.scan(`k = "acme_${body(24).toLowerCase()}"`, 'a.py').findings;
    expect(finding).toMatchObject({ ruleId: 'acme-token', column: 11 });
  });
});

describe('the keyword prefilter', () => {
  const rule = { id: 'acme-token', description: 'Acme token', regex: '(acme[0-9a-z]{24})', keywords: ['acme'] };
  const token = `acme${body(24, 21).toLowerCase()}`;

  it('runs a rule only where one of its keywords occurs', () => {
    const scanner = createScanner({ config: { customRules: [{ ...rule, keywords: ['acme-api'] }] } });
    expect(scanner.scan(`k = "${token}"\n`, 'a.py').findings).toEqual([]);
    expect(scanner.scan(`# acme-api\nk = "${token}"\n`, 'a.py').findings).toEqual([]);
    expect(scanner.scan(`k = "${token}" # acme-api\n`, 'a.py').findings).toHaveLength(1);
  });

  it('looks at a bounded window around the keyword on a giant line', () => {
    const scanner = createScanner({ config: { customRules: [{ ...rule, keywords: ['acme-api'] }] } });
    const far = `acme-api;${'x=1;'.repeat(1000)}k="${token}";`;
    const near = `${'x=1;'.repeat(1000)}acme-api;k="${token}";`;
    expect(scanner.scan(far, 'bundle.js').findings).toEqual([]);
    expect(scanner.scan(near, 'bundle.js').findings).toHaveLength(1);
  });

  it('runs a custom rule without keywords over the whole text', () => {
    const scanner = createScanner({ config: { customRules: [{ ...rule, keywords: undefined }] } });
    const far = `${'x=1;'.repeat(1000)}k="${token}";`;
    expect(scanner.scan(far, 'bundle.js').findings).toHaveLength(1);
  });
});

describe('classify()', () => {
  const scanner = createScanner();

  it('recognises a provider shape from the value alone', () => {
    expect(scanner.classify(githubToken)).toMatchObject({ ruleId: 'github-pat' });
  });

  it('uses the header a value is given to', () => {
    const value = body(40, 11);
    expect(scanner.classify(value)).toBeUndefined();
    expect(scanner.classify(value, { header: 'x-api-key' })).toMatchObject({ ruleId: 'x-api-key-header' });
  });

  it('uses the name a value is assigned to', () => {
    const value = body(32, 12);
    expect(scanner.classify(value, { name: 'apiSecret' })).toMatchObject({ ruleId: 'generic-secret' });
    expect(scanner.classify(value, { name: 'cacheKey' })).toBeUndefined();
  });

  it('knows the Deframe names, wallet keys and Authorization values', () => {
    const value = body(40, 13);
    expect(scanner.classify(value, { name: 'DEFRAME_API_KEY' })).toMatchObject({ ruleId: 'deframe-api-key' });
    expect(scanner.classify(value, { name: 'deframeKey' })).toMatchObject({ ruleId: 'deframe-api-key' });
    const hex = Array.from({ length: 64 }, (_, i) => '0123456789abcdef'[(i * 7 + 3) % 16]).join('');
    expect(scanner.classify(`0x${hex}`, { name: 'privateKey' })).toMatchObject({ ruleId: 'evm-private-key' });
    expect(scanner.classify(`0x${hex}`, { name: 'txHash' })).toBeUndefined();
    expect(scanner.classify(`Bearer ${body(40, 14)}`, { header: 'authorization' })).toMatchObject({ ruleId: 'authorization-bearer-token' });
  });

  it('returns nothing for short values and references', () => {
    expect(scanner.classify('abc', { name: 'apiKey' })).toBeUndefined();
    expect(scanner.classify('${API_KEY}', { name: 'apiKey' })).toBeUndefined();
    expect(scanner.classify('process.env.DEFRAME_API_KEY', { header: 'x-api-key' })).toBeUndefined();
  });

  it('applies the placeholder filters', () => {
    expect(scanner.classify('your-api-key-goes-here', { header: 'x-api-key' })).toBeUndefined();
    expect(scanner.classify(['gh', 'p_'].join('') + 'x'.repeat(36))).toBeUndefined();
  });

  it('gives the same fingerprint as a scan, and honours allow.fingerprints', () => {
    const other = testSecret('github-pat', 1);
    const fromScan = scanner.scan(`const token = '${githubToken}';\n`, 'a.ts').findings[0]!.fingerprint;
    expect(scanner.classify(githubToken, { name: 'token' })?.fingerprint).toBe(fromScan);
    const allowing = createScanner({ config: { allow: { values: [], paths: [], fingerprints: [fromScan] } } });
    expect(allowing.classify(githubToken, { name: 'token' })).toBeUndefined();
    expect(allowing.classify(other, { name: 'token' })).toMatchObject({ ruleId: 'github-pat' });
  });

  it('never returns the whole value', () => {
    expect(scanner.classify(githubToken)!.match).not.toContain(githubToken);
  });
});

describe('isPlaceholder()', () => {
  it('knows the common placeholder shapes', () => {
    for (const value of ['your-api-key', '<API_KEY>', '${API_KEY}', 'xxxxxxxxxxxxxxxx', 'changeme', 'aaaaaaaaaaaa', 'abcdefghijkl', '{{ api_key }}'])
      expect(isPlaceholder(value), value).toBe(true);
    expect(isPlaceholder(body(32))).toBe(false);
  });

  it('matches short markers and character runs as a person writes them, not as chance mixes them', () => {
    // Random key bodies (found by scanning 1M random ghp_ tokens) that hold a short marker or a
    // 6-character run in mixed case: real-looking keys, not placeholders.
    const chance = ['7BtIQuZvGF2cki8s5w2DQj9qf' + 'iPsUm' + 'hOUkAN', 'SbuFp92' + 'GFEdCb' + 'ttj09XgIZKnpdL0YVWrVqnw', 'pK7FmwPtAmodyoFGcUJD354y77bfH89' + 'XxxX' + 'o'];
    for (const value of chance) expect(isPlaceholder(value), value).toBe(false);
    expect(isPlaceholder(body(30) + 'TeSt', { testMarkers: true })).toBe(false);
    // The same markers and runs as people write them still are placeholders.
    for (const value of [body(30) + 'xxxx', body(30) + 'XXXX', 'Lorem' + body(20), body(20) + 'ipsum', body(20) + 'ABCDEF', body(20) + 'fedcba'])
      expect(isPlaceholder(value), value).toBe(true);
    expect(isPlaceholder(body(30) + 'Test', { testMarkers: true })).toBe(true);
    expect(isPlaceholder('YourApiKeyHere')).toBe(true);
  });

  it('takes interrupted counting (abc123def456…, aBcDeF…) for a placeholder, not a random body', () => {
    const typed = ['abc' + '123' + 'def' + '456' + 'ghi' + '789' + 'jkl', 'x' + 'bc123def456ghi789jkl012mno345', 'aBcDeFgHiJ' + 'kLmNoPqRsT'];
    for (const value of typed) expect(isPlaceholder(value), value).toBe(true);
    for (let i = 0; i < 200; i++) expect(isPlaceholder(body(40, i)), body(40, i)).toBe(false);
  });

  it('takes values made only of metasyntactic words for test fixtures, with the test markers', () => {
    for (const value of ['foo@bar', 'foo:bar', 'hello-world', 'Foo_Bar_Baz', 'foo.bar.baz'])
      expect(isPlaceholder(value, { testMarkers: true }), value).toBe(true);
    for (const value of ['foo@bar', 'hello-world']) expect(isPlaceholder(value), value).toBe(false);
    // passwords people choose: a word with digits or a symbol is not a fixture
    for (const value of ['foodbar', 'f00@bar!x9Q', 'bar' + body(12), 'hunter2hunter', 'Hello2024!', 'fred1985#', 'baz9871234', 'Hello-World-42', 'quux'])
      expect(isPlaceholder(value, { testMarkers: true }), value).toBe(false);
  });

  it('lines a marker up with the value when lower case changes the length (İ)', () => {
    expect(isPlaceholder('\u0130XXXX' + body(10))).toBe(true);
    expect(isPlaceholder('\u0130' + body(14))).toBe(false);
  });
});
