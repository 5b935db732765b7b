import { describe, expect, it } from 'vitest';
import { createScanner } from '@keyguard/core';
import { ALNUM, fakeBody, testSecret } from '@keyguard/core/testing';

// Hostile input through the whole catalog: each scan must finish (the vitest timeout is the
// bound; no timing assertion) and still find what was planted in the middle.
const scanner = createScanner({ config: { includePublicKeys: true } });
const random = fakeBody;

const planted = testSecret('github-pat');

function plantInMiddle(noise: string): string {
  const mid = noise.length >> 1;
  return `${noise.slice(0, mid)};const t="${planted}";${noise.slice(mid)}`;
}

/** The planted key is found where it is, and the noise around it yields nothing. */
function expectPlantedFound(text: string): void {
  const { findings } = scanner.scan(text, 'bundle.min.js');
  expect(findings.map((f) => f.ruleId)).toEqual(['github-pat']);
  expect(findings[0]!.line).toBe(1);
  expect(findings[0]!.column).toBe(text.indexOf(planted) + 1);
}

describe('hostile input through the whole catalog', () => {
  it('a 5 MB single line of minified-looking code with key/token words everywhere', () => {
    const chunk =
      'var a=function(e,t){return e.key===t.token?e.secret:t.apiKey||"x-api-key"},b={key:"k",token:null,auth:!0,password:void 0,secret:e.secretKey};';
    const noise = chunk.repeat(Math.ceil((5 * 1024 * 1024) / chunk.length));
    expectPlantedFound(plantInMiddle(noise));
  });

  it('1 MB runs of key-alphabet characters', () => {
    expectPlantedFound(plantInMiddle(random(ALNUM, 1024 * 1024, 7)));
  });

  it('1 MB runs of key-alphabet characters after key-like names and prefixes', () => {
    const run = random(`${ALNUM}+/=_-.`, 256 * 1024, 9);
    const text = ['apiKey="', 'ghp_', 'token: ', 'AKIA', 'sk-ant-api03-', 'eyJ', '-----BEGIN PRIVATE KEY-----\n', 'postgres://u:']
      .map((prefix) => prefix + run)
      .join('\n');
    expectPlantedFound(plantInMiddle(text.replace(/\n/g, ' ')));
  });

  it('many key, token and secret words, one per line', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `key${i} token secret password auth = value${i}`).join('\n');
    const text = `${lines}\n`;
    const { findings } = scanner.scan(`${text}const t = "${planted}";\n`, 'words.txt');
    expect(findings.map((f) => f.ruleId)).toEqual(['github-pat']);
  });

  it('repeated separators, quotes and words of the seed-phrase alphabet', () => {
    const text = `${'=-'.repeat(500_000)} ${'"abandon '.repeat(100_000)} ${"'a:".repeat(300_000)}`;
    expectPlantedFound(plantInMiddle(text));
  });
});
