import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@keyguard/core';
import { findConfigIn, jsonErrorAt, readConfigFile } from '@keyguard/core/config-files';

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('finding the config a folder holds', () => {
  it('prefers keyguard.config.json over package.json#keyguard', () => {
    const dir = folder({
      'keyguard.config.json': JSON.stringify({ disabledRules: ['github-pat'] }),
      'package.json': JSON.stringify({ keyguard: { disabledRules: ['npm-access-token'] } }),
    });
    const found = findConfigIn(dir, () => 'here');
    expect(found?.label).toBe('here');
    expect(found?.config.disabledRules).toEqual(['github-pat']);
  });

  it('reads the keyguard field of package.json, and names it so', () => {
    const dir = folder({ 'package.json': JSON.stringify({ name: 'x', keyguard: { disabledRules: ['npm-access-token'] } }) });
    const found = findConfigIn(dir, () => 'package.json');
    expect(found?.label).toBe('package.json#keyguard');
    expect(found?.config.disabledRules).toEqual(['npm-access-token']);
  });

  it('finds nothing in a package.json without a keyguard field', () => {
    expect(findConfigIn(folder({ 'package.json': '{"name":"x"}' }))).toBeUndefined();
  });
});

describe('config files that cannot be used', () => {
  it('names the file and says the JSON is invalid', () => {
    const dir = folder({ 'keyguard.config.json': '{ "disabledRules": [' });
    expect(() => findConfigIn(dir, () => 'keyguard.config.json')).toThrow(ConfigError);
    expect(() => findConfigIn(dir, () => 'keyguard.config.json')).toThrow(/keyguard\.config\.json.*invalid JSON/);
  });

  it('says when an explicit package.json has no keyguard field, or the file is missing', () => {
    const dir = folder({ 'package.json': '{"name":"x"}' });
    expect(() => readConfigFile(join(dir, 'package.json'), 'package.json')).toThrow(/package\.json.*no "keyguard" field/);
    expect(() => readConfigFile(join(dir, 'nope.json'), 'nope.json')).toThrow(/nope\.json.*not found/);
  });
});

describe('jsonErrorAt', () => {
  const at = (text: string) => {
    try {
      JSON.parse(text);
    } catch (error) {
      const { line, column } = jsonErrorAt(text, (error as Error).message);
      return `${line}:${column}`;
    }
    throw new Error('valid JSON');
  };

  it('points where an editor shows the mistake, whatever the Node version says', () => {
    expect(at('{\n  "a": [\n    1,\n  ]\n}')).toBe('4:3');
    expect(at('{\n  a: 1\n}')).toBe('2:3');
    expect(at('{ "a": tru }')).toBe('1:11');
    expect(at('{ "a": "x\ny" }')).toBe('1:10');
    expect(at('{ "a": 1 } x')).toBe('1:12');
    expect(at('{\n  "a": 1,\n')).toBe('3:1');
    expect(at('{ "a": "\\q" }')).toBe('1:10');
  });

  it('keeps the message without its offset', () => {
    expect(jsonErrorAt('[1,]', 'Unexpected token ] in JSON at position 3').problem).toBe('Unexpected token ]');
  });
});
