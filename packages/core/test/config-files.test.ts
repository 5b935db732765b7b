import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@keyguard/core';
import { ConfigLookupCache, findConfigIn, findProjectConfig, jsonErrorAt, readConfigFile } from '@keyguard/core/config-files';

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

describe('a lookup cache (one process, many lookups)', () => {
  it('reads each folder once while its files are unchanged, and again after an edit, a new file or a removal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyguard-lookup-cache-'));
    try {
      mkdirSync(join(dir, '.git'));
      mkdirSync(join(dir, 'a/b'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'root', keyguard: { disabledRules: ['github-pat'] } }));
      const cache = new ConfigLookupCache();
      const lookup = (folder: string) => findProjectConfig(join(dir, folder), { cwd: dir, cache });
      const first = lookup('a/b');
      // the same parse, from any folder under it: nothing was read again
      expect(lookup('a/b')?.config).toBe(first?.config);
      expect(lookup('a')?.config).toBe(first?.config);
      expect(findProjectConfig(join(dir, 'a/b'), { cwd: dir })?.config).not.toBe(first?.config);
      // an edit of the same size, saved a second later
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'root', keyguard: { disabledRules: ['gitlab-pat'] } }));
      utimesSync(join(dir, 'package.json'), new Date(Date.now() + 1000), new Date(Date.now() + 1000));
      expect(lookup('a/b')?.config.disabledRules).toEqual(['gitlab-pat']);
      writeFileSync(join(dir, 'a/keyguard.config.json'), JSON.stringify({ disabledRules: [] }));
      expect(lookup('a/b')?.file).toBe(join(dir, 'a/keyguard.config.json'));
      rmSync(join(dir, 'a/keyguard.config.json'));
      expect(lookup('a/b')?.file).toBe(join(dir, 'package.json'));
      // a broken config is the same error each time, until it is fixed
      writeFileSync(join(dir, 'a/keyguard.config.json'), '{ "disabledRules": 7 }');
      expect(() => lookup('a/b')).toThrow(ConfigError);
      expect(() => lookup('a/b')).toThrow(/a\/keyguard\.config\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
