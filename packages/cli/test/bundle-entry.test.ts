/**
 * The bundle's entry (dist/keyguard.js, built by scripts/bundle.mjs) loads only what every
 * command needs before it knows the command: `keyguard --version`, `--help` and `init` never load
 * the scan chunk, which builds the whole rule catalog when it is evaluated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../dist/keyguard.js', import.meta.url));

describe.skipIf(!existsSync(entry))('the bundle entry', () => {
  it('imports no scan chunk statically (only through import() when a scan runs)', () => {
    const source = readFileSync(entry, 'utf8');
    const staticImports = [...source.matchAll(/^import\s[^;]*?from\s+"([^"]+)";?$|^import\s+"([^"]+)";?$/gm)].map((m) => m[1] ?? m[2]);
    const chunks = staticImports.filter((specifier) => specifier!.startsWith('./chunks/'));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.filter((specifier) => /\/scan-[^/]*\.js$/.test(specifier!))).toEqual([]);
    // the scan chunk is still loaded on demand
    expect(source).toMatch(/import\("\.\/chunks\/scan-[^"]+\.js"\)/);
  });
});
