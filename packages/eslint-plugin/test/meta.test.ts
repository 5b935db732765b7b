import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules as ruleModules } from '../src/rules/index.js';

const root = new URL('../', import.meta.url);
const ruleFiles = readdirSync(new URL('src/rules/', root))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.replace(/\.ts$/, ''));
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; version: string };
const rules = Object.entries(ruleModules);

describe('the rule catalog', () => {
  it('exports every rule file, under the name of its file', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual([...ruleFiles].sort());
    for (const [name, rule] of rules) expect(rule.name).toBe(name);
  });

  it.each(rules)('%s has a doc page with every section, and a test file', (name, rule) => {
    const doc = new URL(`docs/rules/${name}.md`, root);
    expect(existsSync(doc)).toBe(true);
    const text = readFileSync(doc, 'utf8');
    for (const section of ['## What it flags', '## Why', '## Examples', '## Options', '## When not to use it']) {
      expect(text).toContain(section);
    }
    expect(text).toMatch(/❌/);
    expect(text).toMatch(/✅/);
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
    expect(existsSync(new URL(`test/${name}.test.ts`, root))).toBe(true);
  });

  it.each(rules)('%s follows the house style: camelCase messageIds, described options, no autofix', (_name, rule) => {
    for (const id of Object.keys(rule.meta.messages)) expect(id).toMatch(/^[a-z][a-zA-Z]*$/);
    expect(rule.meta.fixable).toBeUndefined();
    const schema = rule.meta.schema as unknown as Array<{ properties?: Record<string, { description?: string }>; additionalProperties?: boolean }>;
    for (const item of schema) {
      expect(item.additionalProperties).toBe(false);
      for (const property of Object.values(item.properties ?? {})) expect(property.description).toBeTruthy();
    }
    expect(rule.meta.defaultOptions).toHaveLength(schema.length);
  });
});

/** The config of a level that holds its rules (the last; the others only let files parse). */
function rulesOf(level: 'recommended' | 'strict') {
  const config = plugin.configs[level].at(-1);
  if (config === undefined) throw new Error(`configs.${level} is empty`);
  return config;
}

describe('the configs', () => {
  it('carry a name and load the plugin under its namespace', () => {
    expect(plugin.configs.recommended.map((config) => config.name)).toEqual(['@keyguard/typescript-parser', '@keyguard/jsx', '@keyguard/recommended']);
    expect(plugin.configs.strict.map((config) => config.name)).toEqual(['@keyguard/typescript-parser', '@keyguard/jsx', '@keyguard/strict']);
    expect(rulesOf('recommended').plugins?.['@keyguard']).toBe(plugin);
  });

  it.each(rules)('%s sits in exactly the configs its metadata claims', (name, rule) => {
    const id = `@keyguard/${name}`;
    const recommended = rule.meta.docs?.recommended === true;
    const strict = recommended || rule.meta.docs?.strict === true;
    expect(rulesOf('recommended').rules?.[id] !== undefined).toBe(recommended);
    expect(rulesOf('strict').rules?.[id] !== undefined).toBe(strict);
  });
});

describe('the plugin meta', () => {
  it('matches package.json and the rule namespace', () => {
    expect(plugin.meta).toEqual({ name: manifest.name, version: manifest.version, namespace: '@keyguard' });
  });
});
