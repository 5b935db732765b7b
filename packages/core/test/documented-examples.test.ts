/**
 * Values under an `example`/`examples`/`x-example(s)` key of a JSON or YAML file are documentation
 * (issue 9: the 11 findings on the real-code corpus were all in the AWS SDK's `*.examples.json`).
 * The name-based and claim-based rules stay quiet there; provider keys with their own prefix are
 * reported there too; the same values outside such a key, or in source code, are reported.
 * Secrets are assembled at run time.
 */
import { describe, expect, it } from 'vitest';
import { createScanner } from '@keyguard/core';
import { ALNUM, BASE64URL, fakeBody, seedOf, testSecret } from '@keyguard/core/testing';
import { inDocumentedExample } from '../src/documented-examples.js';

const scanner = createScanner();
const rulesOf = (text: string, path: string) => scanner.scan(text, path).findings.map((finding) => finding.ruleId);

let draws = 0;
const body = (n: number, alphabet = ALNUM) => fakeBody(alphabet, n, seedOf('documented-examples', draws++));
const password = () => `${body(10)}_;~${body(3)}`;
const clientSecret = () => body(48);
/** A JWT whose payload names a credential (what jwt-with-credentials reports). */
const credentialJwt = () => {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return [enc({ alg: 'RS256', typ: 'JWT' }), enc({ sub: 'svc-orders', client_secret: body(12), iat: 1700000000 }), body(43, BASE64URL)].join('.');
};

/** The AWS SDK's API examples: `"examples": { "<Operation>": [ { "input": {…}, "output": {…} } ] }`. */
const awsExamples = (input: string, output = '') => `{
  "version": "1.0",
  "examples": {
    "AttachUserPolicy": [
      {
        "input": { "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess", "UserName": "Alice" },
        "comments": { "input": {}, "output": {} },
        "description": "The following command attaches a policy.",
        "id": "1372ebd8-9475-4b1a-a479-23b6fd4b8b3e",
        "title": "To attach a managed policy to an IAM user"
      }
    ],
    "ChangePassword": [
      {
        "input": {
${input}
        },
        "output": {
${output}
        },
        "description": "Changes the password of the current user.",
        "title": "To change your password"
      }
    ]
  }
}
`;

describe('a value under an example key of a JSON or YAML file', () => {
  it('a generic password or client secret nested under "examples" is documentation', () => {
    const text = awsExamples(`          "NewPassword": "${password()}",\n          "ClientSecret": "${clientSecret()}"`);
    expect(rulesOf(text, 'apis/iam-2010-05-08.examples.json')).toEqual([]);
  });

  it('a JWT carrying credentials in an example response is documentation', () => {
    const text = awsExamples('          "clientId": "app"', `          "idToken": "${credentialJwt()}"`);
    expect(rulesOf(text, 'apis/sso-oidc.examples.json')).toEqual([]);
  });

  it('the same values outside the example key are reported', () => {
    const pw = password();
    const jwt = credentialJwt();
    const text = `{\n  "examples": { "Login": [ { "input": { "Password": "${password()}" } } ] },\n  "defaults": {\n    "Password": "${pw}",\n    "idToken": "${jwt}"\n  }\n}\n`;
    expect(rulesOf(text, 'config/service.json')).toEqual(['generic-secret', 'jwt-with-credentials']);
    // and the file with no example key at all
    expect(rulesOf(`{\n  "input": {\n    "NewPassword": "${pw}"\n  }\n}\n`, 'config/service.json')).toEqual(['generic-secret']);
  });

  it('provider keys with their own prefix are reported under "examples" too: real keys get pasted there', () => {
    const ghp = testSecret('github-pat');
    const akia = testSecret('aws-access-key-id');
    const text = awsExamples(`          "Token": "${ghp}",\n          "AccessKeyId": "${akia}"`);
    expect(rulesOf(text, 'apis/iam.examples.json').sort()).toEqual(['aws-access-key-id', 'github-pat']);
  });

  it('OpenAPI YAML: `example:` and `examples:` blocks are documentation, a sibling property is not', () => {
    const quiet = password();
    const loud = password();
    const text = [
      'components:',
      '  schemas:',
      '    Login:',
      '      type: object',
      '      example:',
      '        username: alice',
      `        password: ${quiet}`,
      '  examples:',
      '    LoginRequest:',
      '      value:',
      '        # a comment inside the block ends nothing',
      '',
      `        client_secret: ${clientSecret()}`,
      'x-deploy:',
      `  password: ${loud}`,
      '',
    ].join('\n');
    const findings = scanner.scan(text, 'openapi.yaml').findings;
    expect(findings.map((finding) => [finding.ruleId, finding.line])).toEqual([['generic-secret', 15]]);
  });

  it('a YAML list at the example key\'s own indent stays in it; the next key at that indent ends it', () => {
    const text = ['examples:', '- name: one', `  api_key: ${clientSecret()}`, `api_token: ${clientSecret()}`, ''].join('\n');
    expect(scanner.scan(text, 'spec.yml').findings.map((finding) => finding.line)).toEqual([4]);
  });

  it('in source code an `examples` object is read as code is: reported (the CLI and the ESLint plugin scan it alike)', () => {
    const text = `export const examples = {\n  login: { password: '${password()}' },\n};\n`;
    expect(rulesOf(text, 'src/fixtures.ts')).toEqual(['generic-secret']);
  });

  it('brackets and quotes inside strings and comments do not move the walk (JSONC)', () => {
    const text = `{\n  // "examples": {\n  "note": "a } and a \\" and an \\"examples\\": {",\n  "examples": { "a": [ { "b": "]" } ] },\n  "Password": "${password()}"\n}\n`;
    expect(rulesOf(text, 'settings.jsonc')).toEqual(['generic-secret']);
  });
});

describe('the JSON walk agrees with the parsed document', () => {
  /** Keys to build documents from: the four example keys, look-alikes, and keys with JSON's special characters. */
  const KEYS = ['example', 'examples', 'x-example', 'x-examples', 'Example', 'examplesUrl', 'input', 'output', 'Password', 'items', 'a{b', 'q"uote', 'back\\slash', 'c]d'];
  let state = seedOf('documented-examples-walk', 0);
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  let leaves = 0;
  /** A random value; every string leaf is unique (`leaf<n>`, possibly with characters JSON escapes), and says whether an example key is above it. */
  function value(depth: number, under: boolean, expected: Map<string, boolean>): unknown {
    const kind = depth >= 4 ? 0 : next(4);
    if (kind === 0 || kind === 1) {
      const leaf = `leaf${leaves++}${['', ' } ] {', ' \\" //', ' /* x */'][next(4)]}`;
      expected.set(leaf, under);
      return kind === 0 ? leaf : [leaf, next(100), null, true];
    }
    if (kind === 2) return Array.from({ length: next(3) + 1 }, () => value(depth + 1, under, expected));
    const object: Record<string, unknown> = {};
    for (let i = next(4) + 1; i > 0; i--) {
      const key = KEYS[next(KEYS.length)]!;
      object[key] = value(depth + 1, under || ['example', 'examples', 'x-example', 'x-examples'].includes(key), expected);
    }
    return object;
  }

  it('puts a string inside an example span exactly when a key above it is an example key (1,000 random documents, compact and indented)', () => {
    let inside = 0;
    let outside = 0;
    for (let doc = 0; doc < 1000; doc++) {
      const expected = new Map<string, boolean>();
      const document = value(0, false, expected);
      const text = JSON.stringify(document, null, doc % 2 === 0 ? 2 : undefined);
      const parsedAgain = new Map<string, boolean>();
      // a key overwritten later in the same object drops its leaves: read back what the text holds
      const collect = (v: unknown, under: boolean): void => {
        if (typeof v === 'string') parsedAgain.set(v, under);
        else if (Array.isArray(v)) for (const item of v) collect(item, under);
        else if (v !== null && typeof v === 'object') for (const [key, item] of Object.entries(v)) collect(item, under || ['example', 'examples', 'x-example', 'x-examples'].includes(key));
      };
      collect(JSON.parse(text), false);
      for (const [leaf, under] of parsedAgain) {
        expect(expected.get(leaf)).toBe(under);
        const at = text.indexOf(JSON.stringify(leaf));
        expect(at, leaf).toBeGreaterThanOrEqual(0);
        expect(inDocumentedExample(`${text}\n`, at + 1, 'doc.json'), `${leaf} in ${text}`).toBe(under);
        if (under) inside++;
        else outside++;
      }
    }
    // both verdicts were asked many times
    expect(inside).toBeGreaterThan(150);
    expect(outside).toBeGreaterThan(200);
  });
});

describe('the YAML walk agrees with the document it reads', () => {
  const EXAMPLE_KEYS = ['example', 'examples', 'x-example', 'x-examples'];
  const KEYS = [...EXAMPLE_KEYS, 'Example', 'examplesUrl', 'input', 'password', 'items', 'value'];
  let state = seedOf('documented-examples-yaml', 0);
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  let leaves = 0;

  /** A random block-style document as lines, and every leaf with whether an example key is above it. */
  function emit(depth: number, indent: number, under: boolean, out: string[], expected: Map<string, boolean>, asItem: boolean): void {
    const pad = ' '.repeat(indent);
    const noise = () => {
      // blank lines and comments, at any indent, end nothing
      if (next(6) === 0) out.push(next(2) === 0 ? '' : `${' '.repeat(next(8))}# note`);
    };
    const keys = Array.from({ length: next(3) + 1 }, () => KEYS[next(KEYS.length)]!);
    keys.forEach((key, i) => {
      const nested = under || EXAMPLE_KEYS.includes(key);
      const lead = asItem && i === 0 ? `${' '.repeat(Math.max(0, indent - 2))}- ` : pad;
      const name = next(5) === 0 ? `"${key}"` : key;
      const kind = depth >= 3 ? 0 : next(3);
      noise();
      if (kind === 0) {
        const leaf = `leaf${leaves++}`;
        expected.set(leaf, nested);
        out.push(`${lead}${name}: ${leaf}`);
      } else if (kind === 1) {
        out.push(`${lead}${name}:`);
        emit(depth + 1, indent + 2, nested, out, expected, false);
      } else {
        // a list: indented, or compact (its dashes at the key's own indent)
        out.push(`${lead}${name}:`);
        const dash = next(2) === 0 ? indent : indent + 2;
        for (let j = next(3) + 1; j > 0; j--) {
          noise();
          if (next(2) === 0) {
            const leaf = `leaf${leaves++}`;
            expected.set(leaf, nested);
            out.push(`${' '.repeat(dash)}- ${leaf}`);
          } else emit(depth + 1, dash + 2, nested, out, expected, true);
        }
      }
    });
  }

  it('puts a value inside an example span exactly when a key above it is an example key (500 random documents)', () => {
    let inside = 0;
    let outside = 0;
    for (let doc = 0; doc < 500; doc++) {
      const lines: string[] = [];
      const expected = new Map<string, boolean>();
      emit(0, 0, false, lines, expected, false);
      const text = `${lines.join('\n')}\n`;
      for (const [leaf, under] of expected) {
        const at = text.search(new RegExp(`${leaf}$`, 'm'));
        expect(inDocumentedExample(text, at, 'doc.yaml'), `${leaf} in\n${text}`).toBe(under);
        if (under) inside++;
        else outside++;
      }
    }
    expect(inside).toBeGreaterThan(150);
    expect(outside).toBeGreaterThan(150);
  });
});
