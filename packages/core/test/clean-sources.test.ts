import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createScanner } from '@keyguard/core';

// Real, clean sources of popular packages: nothing in them is a key, so every finding here is a
// false positive — fix the rule or the filter, not this test.
const nodeModules = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
const scanner = createScanner();

function files(dir: string, pattern: RegExp, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') files(path, pattern, out);
    else if (entry.isFile() && pattern.test(entry.name) && statSync(path).size < 12 * 1024 * 1024) out.push(path);
  }
  return out;
}

const packages: [string, RegExp][] = [
  ['typescript/lib', /\.d\.ts$/],
  ['eslint/lib', /\.(?:js|json)$/],
  ['vite/dist', /\.(?:js|mjs|cjs|d\.ts)$/],
  ['vitest/dist', /\.(?:js|d\.ts)$/],
  ['ajv/dist', /\.(?:js|d\.ts|json)$/],
  ['@typescript-eslint/utils/dist', /\.(?:js|d\.ts)$/],
];

describe('no findings in the clean sources of popular packages', () => {
  it.each(packages)('%s', (pkg, pattern) => {
    const root = realpathSync(join(nodeModules, pkg));
    const list = files(root, pattern);
    expect(list.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of list) {
      for (const f of scanner.scan(readFileSync(file, 'utf8'), file).findings) found.push(`${file}:${f.line}:${f.column} ${f.ruleId} ${f.match}`);
    }
    expect(found).toEqual([]);
  });
});
