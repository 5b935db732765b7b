/**
 * The bundle's entry (dist/keyguard.cjs, built by scripts/bundle.mjs) loads only what every
 * command needs before it knows the command: `keyguard --version`, `--help` and `init` never load
 * the scan chunk, which builds the whole rule catalog when it is evaluated.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keywordAutomaton } from '../../core/src/scanner.js';

const entry = fileURLToPath(new URL('../dist/keyguard.cjs', import.meta.url));
const chunks = fileURLToPath(new URL('../dist/chunks/', import.meta.url));

describe.skipIf(!existsSync(entry))('the bundle entry', () => {
  it('requires no scan chunk statically (only on demand when a scan runs)', () => {
    const source = readFileSync(entry, 'utf8');
    const staticRequires = [...source.matchAll(/^(?:(?:const|let|var)\s+\w+\s*=\s*)?require\("([^"]+)"\);?$/gm)].map((m) => m[1]!);
    const chunkRequires = staticRequires.filter((specifier) => specifier.startsWith('./chunks/'));
    expect(chunkRequires.length).toBeGreaterThan(0);
    expect(chunkRequires.filter((specifier) => /\/scan-[^/]*\.cjs$/.test(specifier))).toEqual([]);
    // the scan chunk is still loaded on demand
    expect(source).toMatch(/\(\) => require\("\.\/chunks\/scan-[^"]+\.cjs"\)/);
  });

  it('has no import(): bin/keyguard.js compiles the chunks as scripts, which cannot import', () => {
    const files = [entry, ...readdirSync(chunks).filter((name) => name.endsWith('.cjs')).map((name) => chunks + name)];
    expect(files.length).toBeGreaterThan(3);
    expect(files.filter((file) => /\bimport\(/.test(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('is ASCII: Node reads an ASCII file into a one-byte string at copy speed (a non-ASCII character made the scan chunk a two-byte string, decoded byte by byte on every commit)', () => {
    const files = [entry, ...readdirSync(chunks).filter((name) => name.endsWith('.cjs')).map((name) => chunks + name)];
    expect(files.filter((file) => !readFileSync(file).every((byte) => byte < 0x80))).toEqual([]);
  });

  it('carries the keyword automaton of the default config, made from the engine it bundles', () => {
    const scanChunk = readdirSync(chunks).find((name) => /^scan-[^.]+\.cjs$/.test(name));
    const source = readFileSync(chunks + scanChunk!, 'utf8');
    const carried = /^const prebuiltAutomaton = (\{[^]*?\n\});$/m.exec(source);
    expect(carried, 'bundle.mjs defines __KEYGUARD_KEYWORD_AUTOMATON__').not.toBeNull();
    expect(JSON.parse(carried![1]!)).toEqual(keywordAutomaton());
  });
});
