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
